package org.camelav.recording;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.camelav.media.container.WriterOptions;
import org.camelav.testsupport.FfmpegCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * exact=true: the export starts with the picture shown at {@code from}; only the rest of its GOP is re-encoded, and
 * the copied GOPs after it decode to the very pictures of the recording.
 */
class ExactExportTest {

    private static final Instant BASE = Instant.parse("2026-01-02T03:04:05Z");

    @TempDir
    Path dir;

    /** MPEG-4 Part 2 segments (25 fps, GOP 1 s, AAC) with a missing one: 3.5 s to 12.5 s. */
    @Test
    void startsOnTheFrameAtFromAcrossAGap() {
        List<RecordedFile> closed = RecordingFixture.segments(dir, BASE, false);
        RecordedFile a = closed.get(0);
        RecordedFile b = closed.get(2);
        List<TimelineEntry> listed = List.of(new TimelineEntry(a.start(), a.end(), a.path(), 0),
                TimelineEntry.gap(a.end(), b.start()), new TimelineEntry(b.start(), b.end(), b.path(), 0));
        Path out = dir.resolve("exact.mp4");
        RangeExport.Result result = RangeExport.write(listed, BASE.plusMillis(3500), BASE.plusMillis(12500),
                WriterOptions.of(out.toString()), true);

        assertEquals(BASE.plusMillis(3480), result.start(), "the picture shown at 3.50 s: 3.48 s, not the key at 3 s");
        assertEquals(13, result.reencoded(), "3.48 .. 3.96 s re-encoded, the rest copied");
        // 3.48 .. 3.96 (13 re-encoded), 4.00 .. 4.96 (25), then 10.00 .. 12.52 (64) at 6.52 s in the file
        List<Double> pts = videoPts(out);
        assertEquals(102, pts.size());
        assertEquals(0.0, pts.get(0), 0.001);
        assertEquals(0.52, pts.get(13), 0.001);
        assertEquals(6.52, pts.get(38), 0.001, "the gap is kept");
        assertTrue(FfmpegCli.probeValues(out, "v:0", "packet=flags").get(13).startsWith("K"));
        decodesWithoutError(out, 102);
        assertEquals(0.0, firstAudio(out) - pts.get(0), 0.03, "audio in sync at the start");
        // the copied key frame at 4.00 s carries the recording's VOL header in front of it: only its bytes differ
        assertEquals(RecordingFixture.videoHashes(a.path()).subList(101, 125),
                RecordingFixture.videoHashes(out).subList(14, 38), "copied after the head");
        samePictures(a.path(), 87, out, 0, 13);
    }

    /** H.264 (libopenh264, avcC) with AAC, one 10 s file: the head carries its own SPS/PPS, the copy the recording's. */
    @ParameterizedTest
    @ValueSource(strings = { "mp4", "mkv", "ts" })
    void h264SplicesItsParameterSets(String ext) {
        Path source = dir.resolve("h264.mp4");
        FfmpegCli.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25", "-f", "lavfi", "-i",
                "sine=frequency=440:sample_rate=48000", "-t", "10", "-c:v", "libopenh264", "-g", "25", "-b:v", "600k",
                "-c:a", "aac", "-ac", "1", source.toString());
        List<TimelineEntry> listed = List.of(new TimelineEntry(BASE, BASE.plusSeconds(10), source, 0));
        Path out = dir.resolve("exact." + ext);
        RangeExport.Result result = RangeExport.write(listed, BASE.plusMillis(3500), BASE.plusMillis(7500),
                WriterOptions.builder(out.toString()).format(ext.equals("ts") ? "mpegts" : ext.equals("mkv")
                        ? "matroska" : "mp4").build(), true);

        assertEquals(BASE.plusMillis(3480), result.start());
        assertEquals(13, result.reencoded());
        List<Double> pts = videoPts(out);
        assertEquals(102, pts.size(), "3.48 .. 3.96 re-encoded, 4.00 .. 7.52 copied");
        assertEquals(0.52, pts.get(13) - pts.get(0), 0.002);
        assertEquals(4.04, pts.get(101) - pts.get(0), 0.002);
        decodesWithoutError(out, 102);
        assertEquals(0.0, firstAudio(out) - pts.get(0), 0.03, "audio in sync at the start");
        samePictures(source, 87, out, 0, 13);
    }

    /**
     * A recording with B-frames (MPEG-4, two between references, open GOPs: the key frame at 3.96 s is decoded before
     * the B-frames shown at 3.88 and 3.92 s, which reference it): those leading pictures are re-encoded with the head,
     * whose decoding times still come before the copied key frame's, and everything decodes.
     */
    @Test
    void openGopsWithBFrames() {
        Path source = dir.resolve("bframes.mp4");
        FfmpegCli.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25", "-t", "10", "-c:v", "mpeg4", "-g", "25",
                "-bf", "2", "-q:v", "4", source.toString());
        List<String> times = FfmpegCli.probeValues(source, "v:0", "packet=pts_time");
        List<String> flags = FfmpegCli.probeValues(source, "v:0", "packet=flags");
        int key = times.indexOf("3.960000");
        assertTrue(flags.get(key).startsWith("K") && key < times.indexOf("3.880000"),
                "the GOP this test is about: " + times.subList(70, 106) + " " + flags.subList(70, 106));
        List<TimelineEntry> listed = List.of(new TimelineEntry(BASE, BASE.plusSeconds(10), source, 0));
        Path out = dir.resolve("exact.mp4");
        RangeExport.Result result = RangeExport.write(listed, BASE.plusMillis(3500), BASE.plusMillis(7500),
                WriterOptions.of(out.toString()), true);

        assertEquals(BASE.plusMillis(3480), result.start());
        assertEquals(12, result.reencoded(), "3.48 .. 3.92 s, the last two decoded after the key frame at 3.96 s");
        List<Double> pts = videoPts(out);
        FfmpegCli.ffmpeg("-xerror", "-i", out.toString(), "-f", "null", "-");
        // FFmpeg's MPEG-4 decoder shows the head's last picture twice where the reorder delay grows at the splice
        // (low-delay VOL, then the recording's with B-frames): one frame more than packets, never one less
        long frames = FfmpegCli.countFrames(out, "v:0");
        assertTrue(frames == pts.size() || frames == pts.size() + 1, frames + " frames of " + pts.size() + " packets");
        assertEquals(0.48, pts.get(12) - pts.get(0), 0.002, "the copied key frame at 3.96 s");
        assertTrue(pts.get(pts.size() - 1) - pts.get(0) >= 4.02 - 1e-6, "up to the frame at or after 7.50 s");
        samePictures(source, 87, out, 0, 12, (int) (frames - pts.size())); // after the repeated picture, if any
    }

    /** A codec whose parameter sets camel-av does not splice (MPEG-2 here): the export fails and says why. */
    @Test
    void aCodecItCannotSpliceFailsWithItsName() {
        Path source = dir.resolve("mpeg2.mp4");
        FfmpegCli.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25", "-t", "6", "-c:v", "mpeg2video", "-g",
                "25", "-bf", "0", source.toString());
        List<TimelineEntry> listed = List.of(new TimelineEntry(BASE, BASE.plusSeconds(6), source, 0));
        Path out = dir.resolve("exact.mp4");
        org.camelav.media.AvUnsupportedException e = org.junit.jupiter.api.Assertions.assertThrows(
                org.camelav.media.AvUnsupportedException.class, () -> RangeExport.write(listed, BASE.plusMillis(1500),
                        BASE.plusMillis(4500), WriterOptions.of(out.toString()), true));
        assertTrue(e.getMessage().contains("mpeg2video"), e.getMessage());
        // without exact the same range exports, from the key frame at 1 s
        assertEquals(BASE.plusSeconds(1), RangeExport.write(listed, BASE.plusMillis(1500), BASE.plusMillis(4500),
                WriterOptions.of(out.toString())).start());
    }

    private static List<Double> videoPts(Path file) {
        return FfmpegCli.probeValues(file, "v:0", "packet=pts_time").stream().map(Double::parseDouble).sorted()
                .toList();
    }

    private static double firstAudio(Path file) {
        return FfmpegCli.probeValues(file, "a:0", "packet=pts_time").stream().mapToDouble(Double::parseDouble).min()
                .orElseThrow();
    }

    /** ffmpeg decodes it all without one error (-xerror), and every packet is a picture. */
    private static void decodesWithoutError(Path file, int frames) {
        FfmpegCli.ffmpeg("-xerror", "-i", file.toString(), "-f", "null", "-");
        assertEquals(frames, FfmpegCli.countFrames(file, "v:0"));
    }

    /**
     * The export's first picture is the source's picture at {@code from} (re-encoded: close), and the first copied
     * one ({@code copied} pictures later) is the source's to the bit: its references decoded right after the splice.
     */
    static void samePictures(Path source, int sourceIndex, Path out, int outIndex, int copied) {
        samePictures(source, sourceIndex, out, outIndex, copied, 0);
    }

    /** As above, the copied pictures {@code repeated} decoded frames later in the export. */
    private static void samePictures(Path source, int sourceIndex, Path out, int outIndex, int copied, int repeated) {
        byte[] want = FfmpegCli.bgr24Frame(source, sourceIndex);
        byte[] got = FfmpegCli.bgr24Frame(out, outIndex);
        assertEquals(want.length, got.length);
        long diff = 0;
        for (int i = 0; i < want.length; i++) {
            diff += Math.abs((want[i] & 0xff) - (got[i] & 0xff));
        }
        double mean = diff / (double) want.length;
        assertTrue(mean < 6, "re-encoded first picture within 6 of the source's, mean abs difference " + mean);
        byte[] other = FfmpegCli.bgr24Frame(source, sourceIndex - 1);
        long off = 0;
        for (int i = 0; i < want.length; i++) {
            off += Math.abs((other[i] & 0xff) - (got[i] & 0xff));
        }
        assertTrue(off > diff, "closer to the picture at from than to the one before it");
        assertArrayEquals(FfmpegCli.bgr24Frame(source, sourceIndex + copied),
                FfmpegCli.bgr24Frame(out, outIndex + copied + repeated), "the first copied picture decodes as recorded");
        assertArrayEquals(FfmpegCli.bgr24Frame(source, sourceIndex + copied + 1),
                FfmpegCli.bgr24Frame(out, outIndex + copied + repeated + 1), "and the one after it");
    }
}
