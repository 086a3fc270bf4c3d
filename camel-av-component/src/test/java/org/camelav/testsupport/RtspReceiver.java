package org.camelav.testsupport;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.camelav.media.Ffmpeg;


/**
 * FFmpeg's one-shot RTSP receiver on 127.0.0.1, for "did the producer publish a valid stream": the bundled ffmpeg
 * runs {@code ffmpeg -rtsp_flags listen -rtsp_transport tcp -listen_timeout 60 -i rtsp://127.0.0.1:PORT/live -c copy
 * out.mkv}. It accepts exactly one publisher (ANNOUNCE/RECORD), serves no readers, and exits when the publisher
 * stops. The transport must match the publisher's.
 * <p>
 * Readiness is the listening socket in /proc/net/tcp, never a test connect: ffmpeg would take the probe as its
 * publisher and exit.
 *
 * <pre>{@code
 * try (RtspReceiver rx = RtspReceiver.start(dir.resolve("out.mkv"))) {
 *     // publish to rx.url()
 *     assertEquals(0, rx.awaitExit(Duration.ofSeconds(20)));
 *     // check rx.output() with ffprobe or MediaReader
 * }
 * }</pre>
 */
public final class RtspReceiver implements AutoCloseable {

    private static final int LISTEN_TIMEOUT_S = 60;

    private final Path output;
    private final String transport;
    private final ServerProcess server;
    private final int port;

    private RtspReceiver(Path output, String transport, ServerProcess server, int port) {
        this.output = output;
        this.transport = transport;
        this.server = server;
        this.port = port;
    }

    /** A TCP receiver writing what it gets, unchanged ({@code -c copy}), to {@code output} (format from its name). */
    public static RtspReceiver start(Path output) {
        return start(output, "tcp");
    }

    /** @param transport {@code tcp} or {@code udp}, as the publisher will use */
    public static RtspReceiver start(Path output, String transport) {
        Prerequisites.requireLinux();
        for (int attempt = 1;; attempt++) {
            int port = ServerProcess.freePort();
            List<String> args = new ArrayList<>(List.of("-nostdin", "-y", "-loglevel", "warning",
                    "-rtsp_flags", "listen", "-rtsp_transport", transport,
                    "-listen_timeout", String.valueOf(LISTEN_TIMEOUT_S),
                    "-i", "rtsp://127.0.0.1:" + port + "/live", "-c", "copy", output.toString()));
            ServerProcess server = new ServerProcess("rtsp-receiver", Ffmpeg.cli(false, args));
            server.start();
            try {
                server.awaitReady(() -> ServerProcess.isListening(port), Duration.ofSeconds(20), "listening on " + port);
                return new RtspReceiver(output, transport, server, port);
            } catch (ServerProcess.ServerExited e) {
                if (attempt >= 3) { // most likely the port was taken between freePort() and ffmpeg's bind
                    throw e;
                }
            }
        }
    }

    /** Where a publisher sends: {@code rtsp://127.0.0.1:PORT/live}. */
    public String url() {
        return "rtsp://127.0.0.1:" + port + "/live";
    }

    public int port() {
        return port;
    }

    public String transport() {
        return transport;
    }

    public Path output() {
        return output;
    }

    /** Waits for ffmpeg to finish (the publisher stopped); its exit status, or null if still running. */
    public Integer awaitExit(Duration timeout) {
        return server.awaitExit(timeout);
    }

    public boolean isRunning() {
        return server.isAlive();
    }

    /** ffmpeg's warnings and errors. */
    public String log() {
        return server.log();
    }

    /** SIGTERM (ffmpeg then finalises the output file), SIGKILL after 10 s. */
    @Override
    public void close() {
        server.stop(Duration.ofSeconds(10));
    }
}
