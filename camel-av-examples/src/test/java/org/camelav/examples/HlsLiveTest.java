package org.camelav.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.camelav.testsupport.FfmpegCli;
import org.junit.jupiter.api.Test;

class HlsLiveTest {

    @Test
    void publishesASlidingLivePlaylistOfDecodableSegments() throws Exception {
        Path dir = Path.of("target", "hls");
        List<HlsLive.Snapshot> seen = HlsLive.run(dir, 8);
        HlsLive.Snapshot last = seen.get(seen.size() - 1);
        System.out.println("snapshots: " + seen);

        // while live: a playlist without end, sliding forward
        HlsLive.Snapshot live = seen.get(seen.size() - 2);
        assertFalse(live.ended(), "no #EXT-X-ENDLIST while the route runs: " + live);
        assertTrue(seen.stream().filter(s -> !s.ended()).anyMatch(s -> s.mediaSequence() > 0),
                "old segments slide out of the live playlist: " + seen);
        assertTrue(live.segments().size() <= 5, "hls_list_size=5: " + live);
        // after stopping: ended, and deleted segments are gone from disk
        assertTrue(last.ended(), "#EXT-X-ENDLIST after the route stopped");
        long onDisk;
        try (var files = Files.list(dir)) {
            onDisk = files.filter(p -> p.toString().endsWith(".ts")).count();
        }
        assertTrue(onDisk <= 7, "delete_segments keeps about the listed ones: " + onDisk);
        // about one second per segment, each decodable
        Path playlist = dir.resolve("live.m3u8");
        String text = Files.readString(playlist);
        assertTrue(text.contains("#EXT-X-TARGETDURATION:1") || text.contains("#EXT-X-TARGETDURATION:2"), text);
        for (String segment : last.segments()) {
            Path ts = dir.resolve(segment);
            boolean cutShort = segment.equals(last.segments().get(last.segments().size() - 1));
            assertEquals(List.of("h264", "640", "360"), FfmpegCli.probeValues(ts, "v:0", "stream=codec_name,width,height")
                    .subList(0, 3), segment);
            long frames = FfmpegCli.countFrames(ts, "v:0");
            // the last one ends where the route stopped
            assertTrue(frames >= (cutShort ? 1 : 20) && frames <= 55, segment + " has " + frames + " frames");
        }
        long total = FfmpegCli.countFrames(playlist, "v:0");
        assertTrue(total >= 3 * 25, "the listed segments play: " + total + " frames");
    }
}
