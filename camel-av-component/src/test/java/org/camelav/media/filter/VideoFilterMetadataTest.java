package org.camelav.media.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.camelav.media.container.ReaderOptions;
import org.camelav.media.video.VideoFrame;
import org.camelav.testsupport.Await;
import org.camelav.testsupport.FfmpegCli;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Reporting video filters (scdet, blackdetect, signalstats) leave their measurements on the frames as ffprobe shows
 * them for the same graph over the same file: every frame's tags, key and value, in frame order.
 */
class VideoFilterMetadataTest {

    private static final Path DIR = Path.of("target", "video-filter-metadata");
    /** 3 s at 10 fps, 160x120, lossless: testsrc2, one black second (frames 10-19), testsrc2 again. */
    static final Path CLIP = DIR.resolve("pattern-black-pattern.mkv");
    private static final String GRAPH = "blackdetect=d=0.5,scdet=threshold=10,signalstats";

    @BeforeAll
    static void clip() throws Exception {
        make();
    }

    static synchronized void make() throws Exception {
        Files.createDirectories(DIR);
        if (!Files.exists(CLIP)) {
            FfmpegCli.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=160x120:rate=10:d=1[a];"
                    + "color=black:size=160x120:rate=10:d=1[b];testsrc2=size=160x120:rate=10:d=1[c];"
                    + "[a][b][c]concat=n=3", "-c:v", "ffv1", "-pix_fmt", "yuv420p", CLIP.toString());
        }
    }

    @Test
    void everyFramesTagsAreFfprobes() {
        List<VideoFrame> frames = Await.readAll(ReaderOptions.builder(CLIP.toString()).filter(GRAPH).build()).stream()
                .map(VideoFrame.class::cast).toList();
        assertEquals(30, frames.size());
        List<String> ours = new ArrayList<>();
        for (VideoFrame f : frames) {
            f.metadata().entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(e -> ours.add(e.getKey() + "=" + e.getValue()));
        }
        List<String> ffprobe = AudioFilterTest.tags("movie=" + CLIP.toAbsolutePath() + "," + GRAPH);
        assertTrue(ffprobe.size() > 30 * 20, "signalstats alone tags every frame with ~25 values: " + ffprobe.size());
        assertEquals(ffprobe, ours);
        // what a route would alert on, at the frames where the picture goes black and comes back
        assertEquals("1", frames.get(10).metadata().get("lavfi.black_start"));
        assertEquals("1", frames.get(10).metadata().get("lavfi.scd.time"));
        assertEquals("2", frames.get(20).metadata().get("lavfi.black_end"));
        assertEquals(0.0, Double.parseDouble(frames.get(15).metadata().get("lavfi.signalstats.YAVG")), 16.0);
        assertTrue(Double.parseDouble(frames.get(5).metadata().get("lavfi.signalstats.YAVG")) > 60);
    }

    @Test
    void unfilteredAndPassThroughFramesCarryNone() {
        List<VideoFrame> plain = Await.readAll(ReaderOptions.builder(CLIP.toString()).maxFrames(3).build()).stream()
                .map(VideoFrame.class::cast).toList();
        assertTrue(plain.stream().allMatch(f -> f.metadata().isEmpty()));
        List<VideoFrame> flipped = Await.readAll(ReaderOptions.builder(CLIP.toString()).filter("hflip").maxFrames(3)
                .pixelFormat("bgr24").build()).stream().map(VideoFrame.class::cast).toList();
        assertTrue(flipped.stream().allMatch(f -> f.metadata().isEmpty()));
    }

    @Test
    void aReformatKeepsTheTags() {
        VideoFrame f = Await.readAll(ReaderOptions.builder(CLIP.toString()).filter(GRAPH).maxFrames(1).build())
                .stream().map(VideoFrame.class::cast).findFirst().orElseThrow();
        try (org.camelav.media.video.VideoReformatter r = new org.camelav.media.video.VideoReformatter("bgr24", 80,
                60, org.camelav.media.video.Interpolation.BILINEAR)) {
            assertEquals(f.metadata(), r.reformat(f).metadata());
        }
    }
}
