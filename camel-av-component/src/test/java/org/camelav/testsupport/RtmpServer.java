package org.camelav.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * An RTMP server on 127.0.0.1: Debian's nginx-light with libnginx-mod-rtmp, run in the foreground with a config of its
 * own (application {@code live}: publish to {@code rtmp://127.0.0.1:PORT/live/NAME}, play from the same URL).
 */
public final class RtmpServer implements AutoCloseable {

    static final Path NGINX = Path.of("/usr/sbin/nginx");
    static final Path MODULE = Path.of("/usr/lib/nginx/modules/ngx_rtmp_module.so");

    private final ServerProcess server;
    private final int port;

    private RtmpServer(ServerProcess server, int port) {
        this.server = server;
        this.port = port;
    }

    public static RtmpServer start() {
        Prerequisites.requireLinux();
        Prerequisites.require(Files.isExecutable(NGINX) && Files.exists(MODULE),
                "nginx-light and libnginx-mod-rtmp (" + NGINX + ", " + MODULE + ")");
        for (int attempt = 1;; attempt++) {
            int port = ServerProcess.freePort();
            Path dir = ServerProcess.DIR.resolve("nginx-" + port).toAbsolutePath();
            try {
                Files.createDirectories(dir);
                Files.writeString(dir.resolve("nginx.conf"), String.join("\n",
                        "load_module " + MODULE + ";",
                        "daemon off;",
                        "user root;",
                        "worker_processes 1;",
                        "error_log " + dir.resolve("error.log") + " warn;",
                        "pid " + dir.resolve("nginx.pid") + ";",
                        "events { worker_connections 64; }",
                        "rtmp { server { listen 127.0.0.1:" + port + "; chunk_size 4096;",
                        "  application live { live on; record off; } } }", ""));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            ServerProcess server = new ServerProcess("rtmp", ServerProcess.command(List.of(NGINX.toString(), "-p",
                    dir.toString(), "-c", dir.resolve("nginx.conf").toString()), Map.of()));
            server.start();
            try {
                server.awaitReady(() -> ServerProcess.isListening(port), Duration.ofSeconds(20), "listening on " + port);
                return new RtmpServer(server, port);
            } catch (ServerProcess.ServerExited e) {
                if (attempt >= 3) { // most likely the port was taken between freePort() and nginx's bind
                    throw e;
                }
            }
        }
    }

    /** {@code rtmp://127.0.0.1:PORT/live/NAME}. */
    public String url(String name) {
        return "rtmp://127.0.0.1:" + port + "/live/" + name;
    }

    public String log() {
        return server.log();
    }

    /** SIGTERM (nginx's fast shutdown), SIGKILL after 5 s. */
    @Override
    public void close() {
        server.stop(Duration.ofSeconds(5));
    }
}
