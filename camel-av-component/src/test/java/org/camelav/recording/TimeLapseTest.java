package org.camelav.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.camelav.media.Rational;
import org.camelav.media.container.WriterOptions;
import org.camelav.testsupport.FfmpegCli;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A time-lapse of four 5 s segments (25 fps, a key frame a second): its length, its pictures, its decoding. */
class TimeLapseTest {

    private static final Instant BASE = Instant.parse("2026-01-02T03:04:05Z");

    @TempDir
    Path dir;
    private final List<RecordedFile> closed = new ArrayList<>();

    @BeforeEach
    void record() {
        closed.addAll(RecordingFixture.segments(dir, BASE, true));
        assertEquals(4, closed.size());
    }

    private List<TimelineEntry> listed(boolean withGap) {
        List<TimelineEntry> out = new ArrayList<>();
        for (int i = 0; i < closed.size(); i++) {
            RecordedFile f = closed.get(i);
            if (withGap && i == 1) {
                out.add(TimelineEntry.gap(closed.get(0).end(), closed.get(2).start()));
                continue;
            }
            out.add(new TimelineEntry(f.start(), f.end(), f.path(), 0));
        }
        return out;
    }

    /** Speed 30 at 25 fps: a picture every 1.2 s, key frames every 1 s are dense enough: only key frames decode. */
    @Test
    void speed30DecodesKeyFramesOnly() {
        Path out = dir.resolve("lapse.mp4");
        List<Double> fractions = new ArrayList<>();
        TimeLapse.Result r = TimeLapse.write(listed(false), BASE, BASE.plusSeconds(20), 30, new Rational(25, 1),
                WriterOptions.of(out.toString()), fractions::add);

        assertEquals(17, r.frames(), "20 s / 1.2 s");
        assertEquals(17, FfmpegCli.countFrames(out, "v:0"));
        assertEquals(20 / 30.0, RecordingFixture.duration(out), 0.04, "(to - from) / speed, within one frame");
        assertEquals(17, r.decoded(), "one key frame per output frame, nothing else decoded");
        assertEquals(1.0, fractions.get(fractions.size() - 1), 1e-9);
        // output frame 5 shows 6.0 s: the key frame at 6.00 s (source frame 150)
        assertClosest(out, 5, 150);
    }

    /** Speed 10: a picture every 0.4 s, sparser key frames: each GOP decodes up to its last picked picture only. */
    @Test
    void speed10PicksTheFrameAtEachTime() {
        Path out = dir.resolve("lapse.mp4");
        TimeLapse.Result r = TimeLapse.write(listed(false), BASE.plusSeconds(1), BASE.plusSeconds(19), 10,
                new Rational(25, 1), WriterOptions.of(out.toString()), null);

        assertEquals(45, r.frames(), "18 s / 0.4 s");
        assertEquals(1.8, RecordingFixture.duration(out), 0.04);
        assertTrue(r.decoded() < 18 * 25, "not every picture of the range decoded: " + r.decoded());
        // output frame 4 shows 1 + 1.6 = 2.6 s: source frame 65, a P-frame
        assertClosest(out, 4, 65);
        assertClosest(out, 7, 95);
    }

    /** A missing segment: the time-lapse keeps the wall clock, showing the picture before the gap through it. */
    @Test
    void aGapKeepsItsLength() {
        Path out = dir.resolve("lapse.mp4");
        TimeLapse.Result r = TimeLapse.write(listed(true), BASE, BASE.plusSeconds(20), 30, new Rational(25, 1),
                WriterOptions.of(out.toString()), null);

        assertEquals(17, r.frames());
        assertEquals(20 / 30.0, RecordingFixture.duration(out), 0.04);
        // 4.8 s, 6.0 s, 7.2 s, 8.4 s and 9.6 s fall in the gap: all show the last key frame before it (4.00 s)
        assertClosest(out, 6, 100);
    }

    /** Output frame {@code index} is nearer to source picture {@code expected} than to its neighbours. */
    private static void assertClosest(Path out, int index, int expected) {
        byte[] got = FfmpegCli.bgr24Frame(out, index);
        double at = diff(got, FfmpegCli.bgr24Frame(RecordingFixture.SOURCE, expected));
        double before = diff(got, FfmpegCli.bgr24Frame(RecordingFixture.SOURCE, expected - 1));
        double after = diff(got, FfmpegCli.bgr24Frame(RecordingFixture.SOURCE, expected + 1));
        assertTrue(at < before && at < after, "frame " + index + " is source frame " + expected + ": " + at + " vs "
                                              + before + " / " + after);
    }

    private static double diff(byte[] a, byte[] b) {
        long d = 0;
        for (int i = 0; i < a.length; i++) {
            d += Math.abs((a[i] & 0xff) - (b[i] & 0xff));
        }
        return d / (double) a.length;
    }
}
