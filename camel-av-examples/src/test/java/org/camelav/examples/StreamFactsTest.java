package org.camelav.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.List;

import org.camelav.media.Rational;
import org.camelav.testsupport.FfmpegCli;
import org.junit.jupiter.api.Test;

class StreamFactsTest {

    private final Path dir = Path.of("target", "stream-facts");

    @Test
    void mp4FactsMatchFfprobe() throws Exception {
        Path clip = Examples.generateClip(dir.resolve("source.mp4"), 4, 25, "320x240");
        StreamFacts.Facts f = StreamFacts.run(clip);
        List<String> p = FfmpegCli.probeValues(clip, "v:0", "stream=time_base,avg_frame_rate,r_frame_rate,nb_frames,duration_ts,duration");
        // ffprobe prints them in its own order: r_frame_rate, avg_frame_rate, time_base, duration_ts, duration, nb_frames
        assertEquals(List.of(p.get(0), p.get(1), p.get(2)),
                List.of(f.baseRate().toString(), f.averageRate().toString(), f.timeBase().toString()));
        assertEquals(Long.parseLong(p.get(3)), f.duration());
        assertEquals(Double.parseDouble(p.get(4)), f.seconds(), 1e-6);
        assertEquals(Long.parseLong(p.get(5)), f.frames());
        assertEquals(100, f.frames());
        assertEquals(100, f.countedFrames());
        assertEquals(new Rational(25, 1), f.guessedRate());
    }

    @Test
    void matroskaStoresNoFrameCountSoFramesAreCounted() throws Exception {
        java.nio.file.Files.createDirectories(dir);
        Path mkv = dir.resolve("source.mkv");
        FfmpegCli.ffmpeg("-f", "lavfi", "-i",
                "testsrc2=size=160x120:rate=30", "-frames:v", "75", "-c:v", "mpeg4", mkv.toString());
        StreamFacts.Facts f = StreamFacts.run(mkv);
        assertEquals(0, f.frames(), "Matroska has no frame count: PyAV says 0 too");
        assertNull(f.duration(), "nor a stream duration");
        assertEquals(75, f.countedFrames());
        assertEquals(FfmpegCli.countFrames(mkv, "v:0"), f.countedFrames());
        assertEquals(2.5, f.seconds(), 0.05, "the container's duration");
        assertEquals("1/1000", f.timeBase().toString());
        assertEquals(new Rational(30, 1), f.guessedRate());
    }
}
