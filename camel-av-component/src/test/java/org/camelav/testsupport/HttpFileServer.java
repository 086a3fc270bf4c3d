package org.camelav.testsupport;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A static HTTP server on 127.0.0.1 for HLS and progressive-download tests: {@code /usr/bin/python3 -m http.server
 * --bind 127.0.0.1 PORT --directory DIR}. No Range support (no 206), so not for seek tests.
 *
 * <pre>{@code
 * try (HttpFileServer http = HttpFileServer.serve(dir)) {
 *     ReaderOptions o = ReaderOptions.of(http.url("/index.m3u8"));
 * }
 * }</pre>
 */
public final class HttpFileServer implements AutoCloseable {

    private final ServerProcess server;
    private final int port;
    private final Path directory;

    private HttpFileServer(ServerProcess server, int port, Path directory) {
        this.server = server;
        this.port = port;
        this.directory = directory;
    }

    public static HttpFileServer serve(Path directory) {
        Prerequisites.requireLinux();
        Prerequisites.requirePython();
        Path dir = directory.toAbsolutePath();
        for (int attempt = 1;; attempt++) {
            int port = ServerProcess.freePort();
            ProcessBuilder pb = ServerProcess.command(List.of(Prerequisites.PYTHON.toString(), "-u", "-m", "http.server",
                    "--bind", "127.0.0.1", String.valueOf(port), "--directory", dir.toString()), Map.of());
            ServerProcess server = new ServerProcess("http", pb);
            server.start();
            try {
                server.awaitReady(() -> ServerProcess.isListening(port), Duration.ofSeconds(20), "listening on " + port);
                return new HttpFileServer(server, port, dir);
            } catch (ServerProcess.ServerExited e) {
                if (attempt >= 3) { // most likely the port was taken between freePort() and the bind
                    throw e;
                }
            }
        }
    }

    /** {@code http://127.0.0.1:PORT/path}. */
    public String url(String path) {
        return "http://127.0.0.1:" + port + (path.startsWith("/") ? path : "/" + path);
    }

    public int port() {
        return port;
    }

    public Path directory() {
        return directory;
    }

    /** The request log. */
    public String log() {
        return server.log();
    }

    /** SIGTERM, SIGKILL after 5 s. */
    @Override
    public void close() {
        server.stop(Duration.ofSeconds(5));
    }
}
