package org.camelav.examples;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A live source published as HLS: FFmpeg's testsrc2 paced in real time ({@code realtime=true}, like
 * {@code ffmpeg -re}), encoded to H.264 and cut by FFmpeg's hls muxer into one-second MPEG-TS segments, with a sliding
 * playlist of the last five ({@code hls_list_size=5}) and old segments deleted ({@code hls_flags=delete_segments}) —
 * what a player polls while the route runs. Serve the folder with any web server (e.g. {@code python3 -m http.server})
 * and open {@code live.m3u8} in a player. Stopping the route writes {@code #EXT-X-ENDLIST}.
 * <p>
 * Arguments: output folder (default {@code output/hls}), seconds (default 20).
 */
public final class HlsLive {

    private static final Logger LOG = LoggerFactory.getLogger(HlsLive.class);

    /** The playlist as a player saw it {@code second} seconds after the start. */
    public record Snapshot(int second, long mediaSequence, List<String> segments, boolean ended) {
    }

    private HlsLive() {
    }

    public static void main(String[] args) throws Exception {
        run(Path.of(args.length > 0 ? args[0] : "output/hls"), args.length > 1 ? Integer.parseInt(args[1]) : 20);
    }

    /** Publishes for {@code seconds}; returns the playlist as seen each second and, last, after the route stopped. */
    public static List<Snapshot> run(Path dir, int seconds) throws Exception {
        Examples.cleanDir(dir, ".ts", ".m3u8", ".tmp");
        Path playlist = dir.toAbsolutePath().resolve("live.m3u8");
        List<Snapshot> seen = new ArrayList<>();
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("av:testsrc2=size=640x360:rate=25?format=lavfi&realtime=true").routeId("hls-live")
                            .to("av:" + playlist + "?format=hls&codec=h264&gopSize=25&formatOptions.hls_time=1"
                                + "&formatOptions.hls_list_size=5&formatOptions.hls_flags=delete_segments"
                                // %25 is a URI-escaped %: FFmpeg gets live-%05d.ts
                                + "&formatOptions.hls_segment_filename=" + dir.toAbsolutePath() + "/live-%2505d.ts");
                }
            });
            camel.start();
            for (int s = 1; s <= seconds; s++) {
                Thread.sleep(1000);
                Snapshot snap = snapshot(playlist, s);
                if (snap != null) {
                    seen.add(snap);
                    LOG.info("{} s: media sequence {}, segments {}", s, snap.mediaSequence(), snap.segments());
                }
            }
        }
        Snapshot last = snapshot(playlist, seconds);
        seen.add(last);
        LOG.info("Stopped: {} segments listed, #EXT-X-ENDLIST {}", last.segments().size(), last.ended());
        return seen;
    }

    private static Snapshot snapshot(Path playlist, int second) throws java.io.IOException {
        if (!Files.exists(playlist)) {
            return null;
        }
        List<String> lines = Files.readAllLines(playlist);
        long seq = lines.stream().filter(l -> l.startsWith("#EXT-X-MEDIA-SEQUENCE:"))
                .mapToLong(l -> Long.parseLong(l.substring(l.indexOf(':') + 1).trim())).findFirst().orElse(0);
        List<String> segments = lines.stream().filter(l -> l.endsWith(".ts")).toList();
        return new Snapshot(second, seq, segments, lines.contains("#EXT-X-ENDLIST"));
    }
}
