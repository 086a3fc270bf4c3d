package org.camelav.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import org.camelav.media.Rational;
import org.camelav.media.container.WriterOptions;
import org.camelav.testsupport.FfmpegCli;
import org.camelav.testsupport.TestMedia;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A time-lapse of a recording with B-frames (x264, two B-frames, closed GOPs of 1 s, 25 fps) in 5 s segments. A file's
 * wall-clock start is its first picture's, and that picture is not at the file's time 0: a writer starts a file at its
 * first decoding time, one reorder delay (40 ms) before it, and MPEG-TS at 1.4 s. Output frame k must show the picture
 * recorded at {@code from + k * speed / frameRate}, not the one a reorder delay (or 1.4 s) earlier.
 */
class BFrameTimeLapseTest {

    private static final Instant BASE = Instant.parse("2026-01-02T03:04:05Z");

    @TempDir
    Path dir;

    /**
     * Speed 30: only key frames decode; 6.0 s is the key frame at 6.00 s (source picture 150), 1.0 s into the second
     * file. Read as the file's own 1.0 s it would fall before that file's first picture and show 5.00 s instead.
     */
    @ParameterizedTest
    @ValueSource(strings = { "mp4", "mkv", "ts" })
    void keyFramesAtTheirWallClock(String recorded) {
        Path source = TestMedia.h264BFrames(500, false, false);
        List<TimelineEntry> files = listing(source, recorded);
        Path out = dir.resolve("lapse.mp4");
        TimeLapse.Result r = TimeLapse.write(files, BASE, BASE.plusSeconds(20), 30, new Rational(25, 1),
                WriterOptions.of(out.toString()), null);

        assertEquals(17, r.frames(), "20 s / 1.2 s");
        assertEquals(BASE, r.start());
        // output frame k: the key frame at or before k * 1.2 s, whole seconds: source picture 25 * floor(1.2 k)
        assertPictures(source, out, IntStream.range(0, 17).map(k -> 25 * (int) Math.floor(k * 1.2 + 1e-9)).toArray());
    }

    /** Speed 10: output frame 4 is 2.6 s (source picture 65, a P-frame), frame 7 is 3.8 s (picture 95, a B-frame). */
    @ParameterizedTest
    @ValueSource(strings = { "mp4", "mkv", "ts" })
    void picturesAtTheirWallClock(String recorded) {
        Path source = TestMedia.h264BFrames(500, false, false);
        Path out = dir.resolve("lapse.mp4");
        TimeLapse.Result r = TimeLapse.write(listing(source, recorded), BASE.plusSeconds(1), BASE.plusSeconds(19), 10,
                new Rational(25, 1), WriterOptions.of(out.toString()), null);

        assertEquals(45, r.frames(), "18 s / 0.4 s");
        assertEquals(BASE.plusSeconds(1), r.start());
        // output frame k: the picture at 1 + 0.4 k s, source picture 25 + 10 k (2.6 s: 65, a P-frame; 3.8 s: 95, a
        // B-frame; 5.8 s: 145, in the second file)
        assertPictures(source, out, IntStream.range(0, 45).map(k -> 25 + 10 * k).toArray());
    }

    /**
     * A file's zero, the media time its start (its first picture) is at: 40 ms into each MP4 segment (the empty edit
     * FFmpeg writes with delay_moov; Chromium 156 shows the first picture at 0.04 s too), ffprobe's first picture.
     */
    @ParameterizedTest
    @ValueSource(strings = { "mp4", "mkv" })
    void zeroIsTheFirstPicturesTime(String recorded) {
        for (TimelineEntry f : listing(TestMedia.h264BFrames(500, false, false), recorded)) {
            double first = Double.parseDouble(FfmpegCli.probeValues(f.path(), "v:0", "packet=pts_time").get(0));
            assertEquals(0.04, first, 1e-9, "ffprobe: the first picture of " + f.path().getFileName());
            assertEquals(first, f.zero(), 1e-9, f.path().getFileName().toString());
        }
    }

    private List<TimelineEntry> listing(Path source, String recorded) {
        List<RecordedFile> files = RecordingFixture.segments(source, dir, recorded, BASE, true);
        assertEquals(4, files.size(), "0-5, 5-10, 10-15, 15-20 s: " + files);
        return files.stream().map(f -> new TimelineEntry(f.start(), f.end(), f.path(), 0)).toList();
    }

    /**
     * Output frame k is, of the source pictures within a second of {@code expected[k]}, nearest to that one (the
     * output is re-encoded: nearest, not equal; one frame off is another picture, the test pattern moves).
     */
    private static void assertPictures(Path source, Path out, int[] expected) {
        int size = 320 * 240 * 3;
        byte[] src = FfmpegCli.rawVideo(source, "bgr24");
        byte[] got = FfmpegCli.rawVideo(out, "bgr24");
        assertEquals(expected.length, got.length / size, "output frames");
        List<Integer> best = new ArrayList<>();
        for (int k = 0; k < expected.length; k++) {
            int nearest = -1;
            double min = Double.MAX_VALUE;
            for (int i = Math.max(0, expected[k] - 25); i <= Math.min(src.length / size - 1, expected[k] + 25); i++) {
                double d = diff(got, k * size, src, i * size, size);
                if (d < min) {
                    min = d;
                    nearest = i;
                }
            }
            best.add(nearest);
        }
        assertEquals(Arrays.stream(expected).boxed().toList(), best, "the source picture each output frame shows");
    }

    private static double diff(byte[] a, int aAt, byte[] b, int bAt, int size) {
        long d = 0;
        for (int i = 0; i < size; i++) {
            d += Math.abs((a[aAt + i] & 0xff) - (b[bAt + i] & 0xff));
        }
        return d / (double) size;
    }
}
