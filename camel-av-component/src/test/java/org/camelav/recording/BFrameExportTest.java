package org.camelav.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.camelav.media.container.WriterOptions;
import org.camelav.testsupport.FfmpegCli;
import org.camelav.testsupport.TestMedia;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Export of a recording of H.264 Main profile with B-frames (x264 through GStreamer, two B-frames between references,
 * or three with the middle one a reference (pyramid); closed GOPs of 1 s; 25 fps, AAC), recorded in 5 s segments.
 * Packets are stored in decoding order, which differs from the order the pictures are shown in: the frame shown at
 * 12.52 s is decoded after the P-frame shown at 12.60 s (12.64 s with the pyramid) it is predicted from, so an export
 * that ends at the frame at or after {@code to} carries that P-frame, and the B-frames between them, too.
 */
class BFrameExportTest {

    private static final Instant BASE = Instant.parse("2026-01-02T03:04:05Z");
    private static final double FRAME = 0.04;

    @TempDir
    Path dir;

    /**
     * 3.5 s to 12.5 s over three segments, remuxed: from the key frame at 3 s to the P-frame the picture at 12.52 s
     * needs, every picture in between exactly once, the recording's packets byte for byte, in an order whose decoding
     * times only grow.
     */
    @ParameterizedTest
    @CsvSource({ "mp4,false", "mkv,false", "ts,false", "mp4,true", "mkv,true" })
    void acrossSegmentsNothingMissingNothingTwice(String recorded, boolean pyramid) {
        Path source = TestMedia.h264BFrames(500, true, pyramid);
        List<RecordedFile> files = RecordingFixture.segments(source, dir, recorded, BASE, true);
        assertEquals(4, files.size(), "0-5, 5-10, 10-15, 15-20 s: " + files);
        Source src = new Source(source);
        Path out = dir.resolve("export.mp4");
        RangeExport.Result result = RangeExport.write(listing(files), BASE.plusMillis(3500), BASE.plusMillis(12500),
                WriterOptions.of(out.toString()));

        // the range in the source: its key frame at or before 3.5 s, and the last picture of what 12.52 s needs
        double last = src.anchorOf(12.5);
        assertEquals(pyramid ? 12.64 : 12.6, last, 1e-6, "the P-frame the picture at 12.52 s is predicted from");
        assertEquals(BASE.plusSeconds(3), result.start(), "the key frame at or before from, on the wall clock");
        assertEquals(BASE.plusMillis(Math.round((last + FRAME) * 1000)), result.end(), "the end of that P-frame");
        assertEquals(3, result.files());
        int frames = (int) Math.round((last - 3.0) / FRAME) + 1;

        List<Double> pts = everyPictureOnce(out, frames);
        // byte for byte the recording's packets, across both joins, in the recording's order (MPEG-TS holds H.264
        // in Annex B, the MP4 made of it length-prefixed: other bytes, the same pictures)
        if (!recorded.equals("ts")) {
            List<String> recording = new ArrayList<>();
            files.subList(0, 3).forEach(f -> recording.addAll(RecordingFixture.videoHashes(f.path())));
            int key = keyIndex(RecordingFixture.videoFlags(files.get(0).path()), 3);
            assertEquals(recording.subList(key, key + frames), RecordingFixture.videoHashes(out), "recorded packets");
            assertEquals(src.hashes.subList(75, 75 + frames), RecordingFixture.videoHashes(out), "= the camera's");
        }
        // and the pictures are the camera's
        assertEquals(frameMd5s(source).subList(75, 75 + frames), frameMd5s(out), "the pictures 3.00 s .. " + last);
        audioInSync(out, pts.get(0), pts.get(frames - 1) + FRAME);
    }

    /**
     * exact=true over such segments: the pictures 3.48 .. 3.96 s re-encoded (libopenh264, no B-frames) and spliced
     * in front of the copy from the key frame at 4 s on; it decodes without one error, the copied pictures are the
     * recording's to the bit.
     */
    @ParameterizedTest
    @CsvSource({ "mp4,false", "mkv,false", "mp4,true" })
    void exactStartsOnThePictureShownAtFrom(String recorded, boolean pyramid) {
        Path source = TestMedia.h264BFrames(500, true, pyramid);
        List<RecordedFile> files = RecordingFixture.segments(source, dir, recorded, BASE, true);
        Path out = dir.resolve("exact.mp4");
        RangeExport.Result result = RangeExport.write(listing(files), BASE.plusMillis(3500), BASE.plusMillis(12500),
                WriterOptions.of(out.toString()), true);

        double last = new Source(source).anchorOf(12.5);
        assertEquals(BASE.plusMillis(3480), result.start(), "the picture shown at 3.50 s");
        assertEquals(13, result.reencoded(), "3.48 .. 3.96 s");
        assertEquals(BASE.plusMillis(Math.round((last + FRAME) * 1000)), result.end());
        int copied = (int) Math.round((last - 4.0) / FRAME) + 1; // 4.00 s .. the P-frame 12.52 s needs
        int frames = 13 + copied;
        List<Double> pts = everyPictureOnce(out, frames);
        List<String> want = frameMd5s(source);
        List<String> got = frameMd5s(out);
        assertEquals(frames, got.size());
        assertEquals(want.subList(100, 100 + copied), got.subList(13, frames), "every copied picture as recorded");
        ExactExportTest.samePictures(source, 87, out, 0, 13);
        // the copied packets: the recording's, the key frame at 4 s with the recording's SPS/PPS in front of it
        List<String> recording = new ArrayList<>();
        files.subList(0, 3).forEach(f -> recording.addAll(RecordingFixture.videoHashes(f.path())));
        int key = keyIndex(RecordingFixture.videoFlags(files.get(0).path()), 4);
        assertEquals(recording.subList(key + 1, key + copied), RecordingFixture.videoHashes(out).subList(14, frames));
        audioInSync(out, pts.get(0), pts.get(frames - 1) + FRAME);
    }

    /**
     * exact=true from 4.5 s, in the last GOP of the first segment: its head runs to the file's end (4.48 .. 4.96 s
     * re-encoded) and the copy resumes with the next file's key frame at 5 s, which takes the SPS/PPS in-band.
     */
    @Test
    void exactHeadAtTheEndOfASegment() {
        Path source = TestMedia.h264BFrames(500, true, false);
        List<RecordedFile> files = RecordingFixture.segments(source, dir, "mp4", BASE, true);
        Path out = dir.resolve("exact.mp4");
        RangeExport.Result result = RangeExport.write(listing(files), BASE.plusMillis(4500), BASE.plusMillis(6500),
                WriterOptions.of(out.toString()), true);

        double last = new Source(source).anchorOf(6.5);
        assertEquals(BASE.plusMillis(4480), result.start());
        assertEquals(13, result.reencoded(), "4.48 .. 4.96 s");
        assertEquals(2, result.files());
        int copied = (int) Math.round((last - 5.0) / FRAME) + 1;
        int frames = 13 + copied;
        List<Double> pts = everyPictureOnce(out, frames);
        List<String> got = frameMd5s(out);
        assertEquals(frames, got.size());
        assertEquals(frameMd5s(source).subList(125, 125 + copied), got.subList(13, frames), "copied as recorded");
        ExactExportTest.samePictures(source, 112, out, 0, 13);
        audioInSync(out, pts.get(0), pts.get(frames - 1) + FRAME);
    }

    private static List<TimelineEntry> listing(List<RecordedFile> files) {
        return files.stream().map(f -> new TimelineEntry(f.start(), f.end(), f.path(), 0)).toList();
    }

    /**
     * {@code frames} pictures one frame interval apart, each once, decoding times that only grow, and every packet
     * decodes to a picture without one error (-xerror); returns the pictures' times, sorted.
     */
    private static List<Double> everyPictureOnce(Path out, int frames) {
        List<Double> pts = sorted(FfmpegCli.probeValues(out, "v:0", "packet=pts_time"));
        assertEquals(frames, pts.size(), "pictures: " + (pts.isEmpty() ? "none"
                : pts.get(0) + " .. " + pts.get(pts.size() - 1)));
        for (int i = 0; i < frames; i++) {
            assertEquals(i * FRAME, pts.get(i) - pts.get(0), 0.001, "picture " + i + " once, none missing");
        }
        decodingOrderIsSound(out);
        FfmpegCli.ffmpeg("-xerror", "-i", out.toString(), "-f", "null", "-");
        assertEquals(frames, FfmpegCli.countFrames(out, "v:0"), "every packet decodes to a picture");
        return pts;
    }

    /** Decoding times strictly grow, and no picture is shown before it is decoded. */
    private static void decodingOrderIsSound(Path out) {
        List<String> dts = FfmpegCli.probeValues(out, "v:0", "packet=dts_time");
        List<String> pts = FfmpegCli.probeValues(out, "v:0", "packet=pts_time");
        for (int i = 0; i < dts.size(); i++) {
            double d = Double.parseDouble(dts.get(i));
            assertTrue(Double.parseDouble(pts.get(i)) >= d - 1e-9, "pts >= dts at packet " + i);
            assertTrue(i == 0 || d > Double.parseDouble(dts.get(i - 1)), "dts grows at packet " + i + ": " + dts);
        }
    }

    /** Audio from the first picture to the end of the last, one AAC frame after the other without a hole. */
    private static void audioInSync(Path out, double videoStart, double videoEnd) {
        List<Double> audio = sorted(FfmpegCli.probeValues(out, "a:0", "packet=pts_time"));
        assertEquals(videoStart, audio.get(0), 0.03, "audio starts with the first picture");
        assertEquals(videoEnd, audio.get(audio.size() - 1), 0.03, "and ends with the last");
        for (int i = 1; i < audio.size(); i++) {
            assertEquals(1024 / 48000.0, audio.get(i) - audio.get(i - 1), 0.001,
                    "no hole nor overlap at " + audio.get(i));
        }
    }

    /** Index (decoding order) of the {@code n}-th key frame, 0-based. */
    private static int keyIndex(List<String> flags, int n) {
        int seen = 0;
        for (int i = 0; i < flags.size(); i++) {
            if (flags.get(i).startsWith("K") && seen++ == n) {
                return i;
            }
        }
        throw new AssertionError("no key frame " + n + " in " + flags);
    }

    private static List<Double> sorted(List<String> values) {
        return values.stream().map(Double::parseDouble).sorted().toList();
    }

    /** MD5 of every decoded picture, in the order shown (ffmpeg's framemd5). */
    static List<String> frameMd5s(Path file) {
        String out = new String(FfmpegCli.output("-i", file.toString(), "-map", "0:v:0", "-f", "framemd5", "-"),
                StandardCharsets.UTF_8);
        return out.lines().filter(l -> !l.startsWith("#")).map(l -> l.substring(l.lastIndexOf(',') + 1).trim())
                .toList();
    }

    /** The camera's clip: its packets in decoding order. */
    private static final class Source {
        final List<Double> pts;
        final List<String> hashes;

        Source(Path file) {
            pts = FfmpegCli.probeValues(file, "v:0", "packet=pts_time").stream().map(Double::parseDouble).toList();
            hashes = RecordingFixture.videoHashes(file);
        }

        /**
         * The last picture an export must hold so that the first picture at or after {@code to} decodes: the first
         * packet in decoding order shown at or after it (a reference the B-frames before it are predicted from).
         */
        double anchorOf(double to) {
            return pts.stream().filter(t -> t >= to - 1e-9).findFirst().orElseThrow();
        }
    }
}
