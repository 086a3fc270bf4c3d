package org.camelav.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.camelav.testsupport.FfmpegCli;
import org.junit.jupiter.api.Test;

class FrameLoopTest {

    private final Path dir = Path.of("target", "frame-loop");

    @Test
    void everyFrameReachesTheProcessorAsBgr24WithIndexPtsAndTime() throws Exception {
        Path clip = Examples.generateClip(dir.resolve("source.mp4"), 2, 25, "640x360");
        List<FrameLoop.Seen> seen = FrameLoop.run(clip);

        assertEquals(FfmpegCli.countFrames(clip, "v:0"), seen.size(), "one exchange per frame ffprobe decodes");
        assertEquals(50, seen.size());
        List<String> ptsTimes = FfmpegCli.probeValues(clip, "v:0", "frame=pts_time");
        for (int i = 0; i < seen.size(); i++) {
            FrameLoop.Seen s = seen.get(i);
            assertEquals(i, s.index());
            assertEquals(List.of(640, 360, "bgr24", 640 * 360 * 3),
                    List.of(s.width(), s.height(), s.pixelFormat(), s.bytes()), "frame " + i);
            assertEquals(Double.parseDouble(ptsTimes.get(i)), s.time(), 1e-6, "time of frame " + i);
            if (i > 0) {
                assertTrue(s.pts() > seen.get(i - 1).pts(), "pts increase");
            }
        }
    }

    @Test
    void bytesAreBlueGreenRedLikeOpenCv() throws Exception {
        Files.createDirectories(dir);
        Path red = dir.resolve("red.mkv");
        FfmpegCli.ffmpeg("-f", "lavfi", "-i",
                "color=c=red:size=64x48:rate=25", "-frames:v", "5", "-c:v", "ffv1", "-pix_fmt", "yuv444p", red.toString());
        List<FrameLoop.Seen> seen = FrameLoop.run(red);
        assertEquals(5, seen.size());
        for (FrameLoop.Seen s : seen) {
            assertTrue(s.firstB() < 10 && s.firstG() < 10 && s.firstR() > 245,
                    "pure red is B=0 G=0 R=255, got " + s.firstB() + "," + s.firstG() + "," + s.firstR());
        }
    }
}
