package org.camelav.testsupport;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.camelav.media.Ffmpeg;


/**
 * The bundled ffmpeg (built with libsrt) as the other end of an SRT connection on 127.0.0.1: a listener that receives
 * one caller's stream into a file, or a caller that sends a lavfi test pattern to a listener. No SRT server package is
 * needed: SRT is peer to peer.
 */
public final class SrtPeer implements AutoCloseable {

    private final ServerProcess process;
    private final int port;

    private SrtPeer(ServerProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Listens on a free UDP port and writes what one caller sends, unchanged, to {@code output} (MPEG-TS). */
    public static SrtPeer receiver(Path output) {
        Prerequisites.requireLinux();
        for (int attempt = 1;; attempt++) {
            int port = ServerProcess.freePort();
            ServerProcess p = new ServerProcess("srt-receiver", Ffmpeg.cli(false, List.of("-nostdin", "-y",
                    "-loglevel", "warning", "-i", "srt://127.0.0.1:" + port + "?mode=listener", "-c", "copy", "-f",
                    "mpegts", output.toString())));
            p.start();
            try {
                p.awaitReady(() -> ServerProcess.isBoundUdp(port), Duration.ofSeconds(20), "bound to udp " + port);
                return new SrtPeer(p, port);
            } catch (ServerProcess.ServerExited e) {
                if (attempt >= 3) { // the port was taken between freePort() and ffmpeg's bind
                    throw e;
                }
            }
        }
    }

    /** Calls a listener on {@code port} and sends {@code frames} 320x240 testsrc2 frames at 25 fps (MPEG-4 in TS). */
    public static SrtPeer sender(int port, int frames) {
        ServerProcess p = new ServerProcess("srt-sender", Ffmpeg.cli(false, List.of("-nostdin", "-loglevel", "warning",
                "-re", "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25", "-frames:v", String.valueOf(frames),
                "-c:v", "mpeg4", "-g", "25", "-f", "mpegts", "srt://127.0.0.1:" + port + "?mode=caller")));
        p.start();
        return new SrtPeer(p, port);
    }

    /** A free port to listen on (the caller side's peer). */
    public static int freePort() {
        return ServerProcess.freePort();
    }

    public static boolean isBound(int port) {
        return ServerProcess.isBoundUdp(port);
    }

    public String url() {
        return "srt://127.0.0.1:" + port;
    }

    /** Waits for ffmpeg to end (the other side closed); its exit status, or null if still running. */
    public Integer awaitExit(Duration timeout) {
        return process.awaitExit(timeout);
    }

    public String log() {
        return process.log();
    }

    @Override
    public void close() {
        process.stop(Duration.ofSeconds(10));
    }
}
