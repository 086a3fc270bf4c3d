package org.camelav.examples;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.bytedeco.javacpp.Pointer;
import org.camelav.component.AvConstants;

/**
 * Soak run for native leaks: a looping clip is decoded, converted to bgr24 and re-encoded, frame after frame, while the
 * process RSS is sampled every 10,000 frames. A leak of even a small native struct per frame shows as steady growth.
 * <p>
 * Arguments: frames (default 100000), work folder (default target/soak). Prints one line per sample and the growth from
 * the 10,000-frame sample to the last.
 */
public final class Soak {

    private Soak() {
    }

    public static void main(String[] args) throws Exception {
        long total = args.length > 0 ? Long.parseLong(args[0]) : 100_000;
        Path dir = Path.of(args.length > 1 ? args[1] : "target/soak");
        List<long[]> samples = run(total, dir);
        long[] first = samples.get(0);
        long[] last = samples.get(samples.size() - 1);
        System.out.printf("RSS growth from %d to %d frames: %.2f %%%n", first[0], last[0],
                100.0 * (last[1] - first[1]) / first[1]);
    }

    /** Runs the soak; returns samples of {frames, RSS bytes, JavaCPP tracked bytes}, from 10,000 frames on. */
    public static List<long[]> run(long total, Path dir) throws Exception {
        Files.createDirectories(dir);
        Path clip = dir.resolve("soak-src.mp4");
        Files.deleteIfExists(clip);
        try (CamelContext camel = new DefaultCamelContext()) {
            CountDownLatch made = new CountDownLatch(1);
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("av:testsrc2=size=320x240:rate=25?format=lavfi&maxFrames=500").to("av:" + clip + "?codec=mpeg4")
                            .filter(header(AvConstants.END_OF_STREAM)).process(e -> made.countDown());
                }
            });
            camel.start();
            made.await(60, TimeUnit.SECONDS);
        }
        List<long[]> samples = new ArrayList<>();
        AtomicLong frames = new AtomicLong();
        CountDownLatch done = new CountDownLatch(1);
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("av:" + clip + "?loop=true&pixelFormat=bgr24&maxFrames=" + total)
                            .to("av:" + dir.resolve("soak-out.mkv") + "?codec=mpeg4&format=null")
                            .process(e -> {
                                long n = frames.incrementAndGet();
                                if (n % 10_000 == 0) {
                                    long[] s = { n, rss(), Pointer.totalBytes() };
                                    samples.add(s);
                                    System.out.printf("frames=%d rss=%.1f MiB javacpp=%.1f MiB%n", s[0], s[1] / 1048576.0,
                                            s[2] / 1048576.0);
                                }
                                if (n == total) {
                                    done.countDown();
                                }
                            });
                }
            });
            camel.start();
            if (!done.await(60 + total / 100, TimeUnit.SECONDS)) {
                throw new IllegalStateException("soak did not finish: " + frames.get() + " frames");
            }
        }
        return samples;
    }

    /** Resident set size of this process, from /proc (Linux). */
    static long rss() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D+", "")) * 1024;
                }
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        throw new IllegalStateException("no VmRSS");
    }
}
