package org.camelav.examples;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A live camera on 127.0.0.1 for the examples, so none needs a real one: the ffmpeg program bundled in the FFmpeg
 * natives jar, pacing FFmpeg's testsrc2 pattern in real time ({@code -re}) and serving it as MPEG-TS over HTTP to one
 * client, or pushing it as RTSP to a listener. It stops by itself after {@code seconds}; {@link #close()} stops it
 * earlier.
 */
public final class LocalCamera implements AutoCloseable {

    private final Process process;
    private final String url;

    private LocalCamera(Process process, String url) {
        this.process = process;
        this.url = url;
    }

    private static List<String> source(String size, int fps, int seconds) {
        // -re paces the source at its frame rate, with neither an initial burst nor a catch-up faster than real time
        // (FFmpeg 7+ sends 0.5 s at once, then runs fast to make up for the time it waited for its client)
        return new ArrayList<>(List.of("-nostdin", "-v", "error", "-re", "-readrate_initial_burst", "0", "-readrate_catchup", "1", "-f", "lavfi", "-i",
                "testsrc2=size=" + size + ":rate=" + fps, "-t", String.valueOf(seconds),
                // MPEG-4 Part 2: in every FFmpeg build and cheap to encode; a key frame a second
                "-c:v", "mpeg4", "-q:v", "5", "-g", String.valueOf(fps), "-bf", "0"));
    }

    /** Serves {@code http://127.0.0.1:<free port>/live.ts} to the first client that connects. */
    public static LocalCamera http(String size, int fps, int seconds) throws IOException, InterruptedException {
        int port = Examples.freePort();
        String url = "http://127.0.0.1:" + port + "/live.ts";
        List<String> args = source(size, fps, seconds);
        args.addAll(List.of("-f", "mpegts", "-listen", "1", url));
        return new LocalCamera(Examples.startListeningFfmpeg(args, port, null), url);
    }

    /**
     * Pushes (RTSP ANNOUNCE/RECORD over TCP) to {@code rtspUrl}, which something must already listen on: an RTSP server,
     * or an av: consumer with {@code formatOptions.rtsp_flags=listen}.
     */
    public static LocalCamera rtspPush(String rtspUrl, String size, int fps, int seconds) throws IOException {
        List<String> args = source(size, fps, seconds);
        args.addAll(List.of("-f", "rtsp", "-rtsp_transport", "tcp", rtspUrl));
        Process p = org.camelav.media.Ffmpeg.cli(false, args).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return new LocalCamera(p, rtspUrl);
    }

    public String url() {
        return url;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        Examples.awaitExit(process, 5);
    }
}
