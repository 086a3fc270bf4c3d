package org.camelav.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.camelav.media.container.WriterOptions;
import org.camelav.testsupport.FfmpegCli;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A range across a gap: the gap stays in the output's timeline, the packets are the recorded ones. */
class RangeExportTest {

    private static final Instant BASE = Instant.parse("2026-01-02T03:04:05Z");

    @TempDir
    Path dir;

    /** A file of the recording that is really a concat script naming another file: refused, nothing else is opened. */
    @org.junit.jupiter.api.Test
    void aFileThatIsReallyAPlaylistOpensNothingElse() throws Exception {
        Path secret = dir.resolve("secret.mp4");
        java.nio.file.Files.copy(RecordingFixture.SOURCE, secret);
        Path fake = dir.resolve("cam/cam-030405.mp4");
        java.nio.file.Files.createDirectories(fake.getParent());
        java.nio.file.Files.writeString(fake, "ffconcat version 1.0\nfile '" + secret + "'\n");
        List<TimelineEntry> listed = List.of(new TimelineEntry(BASE, BASE.plusSeconds(20), fake, 0));
        Path out = dir.resolve("export.mp4");
        RuntimeException e = org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class,
                () -> RangeExport.write(listed, BASE, BASE.plusSeconds(5), WriterOptions.of(out.toString())));
        assertTrue(String.valueOf(e.getMessage()).contains("concat"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = { "mp4", "mkv" })
    void aGapInsideTheRangeStaysAGapOfTheSameLength(String ext) {
        List<RecordedFile> closed = RecordingFixture.segments(dir, BASE, false);
        // the segment 5 s to 10 s is missing: the camera was down
        RecordedFile a = closed.get(0);
        RecordedFile b = closed.get(2);
        List<TimelineEntry> listed = List.of(new TimelineEntry(a.start(), a.end(), a.path(), 0),
                TimelineEntry.gap(a.end(), b.start()), new TimelineEntry(b.start(), b.end(), b.path(), 0));
        Path out = dir.resolve("export." + ext);
        RangeExport.Result result = RangeExport.write(listed, BASE.plusMillis(3500), BASE.plusMillis(12500),
                WriterOptions.of(out.toString()));

        assertEquals(BASE.plusSeconds(3), result.start(), "the key frame at or before from");
        assertEquals(BASE.plusMillis(12560), result.end(), "the end of the frame at 12.52 s");
        assertEquals(1, result.gaps().size());
        assertEquals(2, result.files());
        List<Double> pts = FfmpegCli.probeValues(out, "v:0", "packet=pts_time").stream().map(Double::parseDouble)
                .toList();
        // 3.00 .. 4.96 s (50 frames), then 10.00 .. 12.52 s (64 frames): at 7.00 s in the file
        assertEquals(114, pts.size());
        assertEquals(114, FfmpegCli.countFrames(out, "v:0"), "every frame decodes");
        assertEquals(0.0, pts.get(0), 0.001);
        assertEquals(1.96, pts.get(49), 0.001);
        assertEquals(7.0, pts.get(50), 0.001, "the gap is kept");
        assertEquals(9.52, pts.get(113), 0.001);
        assertTrue(FfmpegCli.probeValues(out, "v:0", "packet=flags").get(50).startsWith("K"));
        List<Double> audio = FfmpegCli.probeValues(out, "a:0", "packet=pts_time").stream().map(Double::parseDouble)
                .toList();
        assertEquals(0.0, audio.get(0), 0.03, "audio in sync at the start");
        double afterGap = audio.stream().filter(t -> t > 3).findFirst().orElseThrow();
        assertEquals(7.0, afterGap, 0.03, "and after the gap");
        String comment = FfmpegCli.probeValues(out, "v:0", "format_tags=comment").get(0);
        assertTrue(comment.contains("time 0 is 2026-01-02T03:04:08Z") && comment.contains("gaps kept in the timeline: "
                                                                                    + a.end() + "/" + b.start()), comment);
        assertEquals(RecordingFixture.videoHashes(a.path()).subList(75, 125),
                RecordingFixture.videoHashes(out).subList(0, 50), "the recorded packets");
    }
}
