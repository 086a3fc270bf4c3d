package org.camelav.examples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.model.RouteDefinition;
import org.camelav.component.AvConstants;
import org.camelav.media.Ffmpeg;

/** What the examples share: running a route to the end of a finite input, generated clips, clean output folders. */
final class Examples {

    private Examples() {
    }

    /**
     * Runs {@code steps} on every exchange of the finite input {@code from} until its end-of-stream exchange has gone
     * through; closing the context then flushes the encoders and writes the trailers.
     */
    static void runToEnd(String from, UnaryOperator<RouteDefinition> steps) throws Exception {
        try (CamelContext camel = new DefaultCamelContext()) {
            runToEnd(camel, from, steps);
        }
    }

    /** As {@link #runToEnd(String, UnaryOperator)} in a context the caller configured (and closes). */
    static void runToEnd(CamelContext camel, String from, UnaryOperator<RouteDefinition> steps) throws Exception {
        CountDownLatch finished = new CountDownLatch(1);
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                steps.apply(from(from))
                        .filter(header(AvConstants.END_OF_STREAM).isEqualTo(true))
                            .process(e -> finished.countDown());
            }
        });
        camel.start();
        if (!finished.await(120, TimeUnit.SECONDS)) {
            throw new IllegalStateException("Did not reach the end of " + from + " in time");
        }
        camel.stop();
    }

    /** A testsrc2 clip, MPEG-4 Part 2 (always in FFmpeg) with a key frame every second, written through av:. */
    static Path generateClip(Path file, int seconds, int fps, String size) throws Exception {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.deleteIfExists(file);
        runToEnd("av:testsrc2=size=" + size + ":rate=" + fps + "?format=lavfi&maxFrames=" + seconds * fps,
                route -> route.to("av:" + file + "?codec=mpeg4&gopSize=" + fps + "&maxBFrames=0&bitRate=2000000"));
        return file;
    }

    /** Creates {@code dir} and deletes the files in it whose names end with one of {@code suffixes}. */
    static Path cleanDir(Path dir, String... suffixes) throws IOException {
        Files.createDirectories(dir);
        try (Stream<Path> old = Files.list(dir)) {
            for (Path p : old.filter(p -> Stream.of(suffixes).anyMatch(s -> p.toString().endsWith(s))).toList()) {
                Files.delete(p);
            }
        }
        return dir;
    }

    /**
     * Starts the bundled {@code ffmpeg} with {@code args} (its output discarded unless {@code log} is given) and
     * returns once it listens on TCP {@code port} of 127.0.0.1. The socket is watched in /proc/net/tcp, never
     * connected to: ffmpeg's one-shot listeners (HTTP {@code -listen 1}, RTSP {@code -rtsp_flags listen}) would take
     * the probe as their only client.
     */
    static Process startListeningFfmpeg(List<String> args, int port, Path log) throws IOException, InterruptedException {
        ProcessBuilder pb = Ffmpeg.cli(false, args).redirectErrorStream(true);
        pb.redirectOutput(log == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.to(log.toFile()));
        Process p = pb.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!listening(port)) {
            if (System.nanoTime() > deadline || !p.isAlive()) {
                p.destroyForcibly();
                throw new IllegalStateException("ffmpeg did not listen on port " + port + ": " + args);
            }
            Thread.sleep(20);
        }
        return p;
    }

    /** Whether some socket listens on (0A) or is connected from (01) local TCP port {@code port}, per /proc/net/tcp. */
    static boolean listening(int port) throws IOException {
        String local = String.format(":%04X", port);
        return Files.readAllLines(Path.of("/proc/net/tcp")).stream().skip(1).map(l -> l.trim().split("\\s+"))
                .anyMatch(f -> f.length > 3 && f[1].endsWith(local) && ("0A".equals(f[3]) || "01".equals(f[3])));
    }

    /** A TCP port of 127.0.0.1 that was free a moment ago. */
    static int freePort() throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Waits for {@code p} to end by itself, else kills it; returns its exit code (or -1 when killed). */
    static int awaitExit(Process p, long seconds) throws InterruptedException {
        if (p.waitFor(seconds, TimeUnit.SECONDS)) {
            return p.exitValue();
        }
        p.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
        return -1;
    }
}
