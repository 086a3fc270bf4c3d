package org.camelav.testsupport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.camelav.media.Ffmpeg;


/**
 * A live "camera" on 127.0.0.1 served by the bundled ffmpeg itself: a real-time testsrc2 MPEG-TS stream over HTTP
 * ({@code -listen 1}, one client). {@link #kill()} is a camera crash; {@link #start()} brings it back on the same port.
 * Needs no package beyond the natives.
 */
public final class HttpTsCamera implements AutoCloseable {

    private final int port;
    private Process process;

    public HttpTsCamera() {
        this.port = freePort();
    }

    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + port + "/live.ts";
    }

    /** Starts serving and returns once the port accepts connections (the first client is the stream's reader). */
    public HttpTsCamera start() throws IOException, InterruptedException {
        ProcessBuilder pb = Ffmpeg.cli(false, List.of("-nostdin", "-v", "error", "-re", "-f", "lavfi", "-i",
                "testsrc2=size=160x120:rate=25", "-c:v", "mpeg4", "-g", "25", "-f", "mpegts", "-listen", "1",
                "-t", "120", url()));
        process = pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        // ffmpeg's http listener takes the first connection as its client: wait for the socket with ss, never connect
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!listening()) {
            if (System.nanoTime() > deadline || !process.isAlive()) {
                throw new IllegalStateException("ffmpeg HTTP camera did not listen on " + port);
            }
            Thread.sleep(50);
        }
        return this;
    }

    /**
     * Listening (state 0A) or already serving a client that connected at once (01, established), as /proc/net/tcp
     * shows our local port; a waiting reconnecting consumer is often that client.
     */
    private boolean listening() throws IOException {
        String local = String.format(":%04X", port);
        return java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/net/tcp")).stream().skip(1)
                .map(l -> l.trim().split("\\s+"))
                .anyMatch(f -> f.length > 3 && f[1].endsWith(local) && ("0A".equals(f[3]) || "01".equals(f[3])));
    }

    /** SIGKILL: the camera drops off the network without a goodbye. */
    public void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }

    /** A TCP server on 127.0.0.1 that accepts connections and never sends a byte: a hung camera. */
    public static final class Silent implements AutoCloseable {
        private final ServerSocket server;
        private final Thread acceptor;
        private final java.util.List<Socket> clients = new java.util.concurrent.CopyOnWriteArrayList<>();

        public Silent() throws IOException {
            server = new ServerSocket();
            server.bind(new InetSocketAddress("127.0.0.1", 0));
            acceptor = new Thread(() -> {
                try {
                    while (!server.isClosed()) {
                        clients.add(server.accept());
                    }
                } catch (IOException e) {
                    // closed
                }
            }, "silent-server");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        public String url() {
            return "http://127.0.0.1:" + server.getLocalPort() + "/never.ts";
        }

        @Override
        public void close() throws IOException {
            server.close();
            for (Socket s : clients) {
                s.close();
            }
        }
    }
}
