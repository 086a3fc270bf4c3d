package org.camelav.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.camelav.media.MediaPacket;
import org.camelav.media.MediaType;
import org.camelav.media.container.WriterOptions;
import org.camelav.testsupport.FfmpegCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Segments cut from packets, checked with ffprobe: key frames, durations, frame counts, names, sync, retention. */
class SegmentRecorderTest {

    private static final Instant BASE = Instant.parse("2026-01-02T03:04:05Z");

    @TempDir
    Path dir;

    private SegmentRecorder recorder(String pattern, double seconds, double retainHours, long retainBytes) {
        return new SegmentRecorder(new RecordingOptions(new PathPattern(dir.resolve(pattern).toString(), ZoneOffset.UTC),
                WriterOptions.of("unused.mp4"), seconds, SegmentClock.CAMERA, retainHours, retainBytes, 0, 0));
    }

    /** Feeds the packets as a camera would deliver them: received at {@code base} + their media time. */
    private static List<RecordedFile> feed(SegmentRecorder r, List<MediaPacket> packets, Instant base) {
        List<RecordedFile> closed = new ArrayList<>();
        long baseMicros = base.getEpochSecond() * 1_000_000L;
        for (MediaPacket p : packets) {
            double t = PacketClock.seconds(p);
            closed.addAll(r.write(p, baseMicros + Math.round(t * 1e6), null));
        }
        return closed;
    }

    @Test
    void cutsPlayableSegmentsOnKeyFramesNamedByTheirWallClockStart() throws Exception {
        List<MediaPacket> packets = RecordingFixture.packets();
        long videoSent = packets.stream().filter(p -> p.mediaType() == MediaType.VIDEO).count();
        List<RecordedFile> closed;
        try (SegmentRecorder r = recorder("cam1/%Y-%m-%d/cam1-%H%M%S.mp4", 5, 0, 0)) {
            closed = feed(r, packets, BASE);
            closed.add(r.finish());
        }
        assertEquals(4, closed.size(), closed.toString());
        long videoRecorded = 0;
        for (int i = 0; i < closed.size(); i++) {
            RecordedFile f = closed.get(i);
            Instant start = BASE.plusSeconds(5L * i);
            assertEquals(dir.resolve("cam1/2026-01-02/cam1-0304" + (5 + 5 * i < 10 ? "0" : "") + (5 + 5 * i) + ".mp4"),
                    f.path());
            assertEquals(start, f.start());
            assertEquals(5.0, f.duration(), 0.04 * 25, f.toString());
            List<String> flags = RecordingFixture.videoFlags(f.path());
            assertTrue(flags.get(0).startsWith("K"), "starts on a key frame: " + f.path());
            videoRecorded += flags.size();
            assertEquals(5.0, RecordingFixture.duration(f.path()), 0.04 * 25);
            assertEquals(0.0, RecordingFixture.firstPts(f.path(), "v:0"), 0.001, "video starts at 0");
            assertEquals(0.0, RecordingFixture.firstPts(f.path(), "a:0"), 0.05, "audio starts with the video");
            assertEquals(flags.size(), FfmpegCli.countFrames(f.path(), "v:0"), "ffprobe decodes every frame");
        }
        assertEquals(videoSent, videoRecorded, "every frame in exactly one segment (the source starts on a key frame)");
    }

    @Test
    void aDiscontinuityClosesTheSegmentAndTheNextStartsAtAKeyFrame() throws Exception {
        List<MediaPacket> packets = RecordingFixture.packets();
        // the camera drops 7.5 s in and comes back with its timestamps restarted, mid-GOP
        List<MediaPacket> before = packets.stream().filter(p -> PacketClock.seconds(p) < 7.5).toList();
        List<MediaPacket> after = new ArrayList<>(packets.stream().filter(p -> PacketClock.seconds(p) >= 0.5).toList());
        after.set(0, (MediaPacket) after.get(0).withProps(after.get(0).props().withDiscontinuity()));
        List<RecordedFile> closed;
        try (SegmentRecorder r = recorder("cam-%s.mkv", 5, 0, 0)) {
            closed = feed(r, before, BASE);
            closed.addAll(feed(r, after, BASE.plusSeconds(20)));
            closed.add(r.finish());
            assertTrue(r.dropped() > 0, "the packets before the first key frame after the gap");
        }
        assertEquals(6, closed.size(), closed.toString()); // 5 + 2.5 | 5 + 5 + 5 + 4
        assertEquals(2.5, closed.get(1).duration(), 0.05);
        assertEquals(BASE.plusSeconds(21), closed.get(2).start(), "the gap shows between the segment times");
        for (RecordedFile f : closed) {
            assertTrue(RecordingFixture.videoFlags(f.path()).get(0).startsWith("K"));
            assertEquals(RecordingFixture.videoFlags(f.path()).size(), FfmpegCli.countFrames(f.path(), "v:0"));
        }
    }

    @Test
    void retentionDeletesOnlyItsOwnOldestFiles() throws Exception {
        Path day = Files.createDirectories(dir.resolve("cam2"));
        Path foreign = Files.writeString(day.resolve("cam2-000000.mp4"), "someone else's recording");
        Path note = Files.writeString(day.resolve("notes.txt"), "keep");
        Files.setLastModifiedTime(foreign, java.nio.file.attribute.FileTime.from(BASE.minusSeconds(86400)));
        List<MediaPacket> packets = RecordingFixture.packets();
        List<RecordedFile> closed;
        long segmentBytes;
        try (SegmentRecorder r = recorder("cam2/cam2-%H%M%S.mp4", 2, 0, 0)) {
            closed = feed(r, packets.subList(0, packets.size() / 4), BASE);
            segmentBytes = Files.size(closed.get(0).path());
        }
        try (SegmentRecorder r = recorder("cam2/cam2-%H%M%S.mp4", 2, 0, 3 * segmentBytes + segmentBytes / 2)) {
            closed = feed(r, packets, BASE.plusSeconds(100));
            List<Path> kept = r.retained().stream().map(RecordedFile::path).toList();
            assertEquals(3, kept.size(), kept.toString());
            assertEquals(closed.subList(closed.size() - 3, closed.size()).stream().map(RecordedFile::path).toList(),
                    kept, "the newest stay");
            for (RecordedFile f : closed) {
                assertEquals(kept.contains(f.path()), Files.exists(f.path()), f.path().toString());
            }
        }
        assertTrue(Files.exists(foreign) && Files.exists(note), "files it did not write stay");
        assertTrue(Files.exists(dir.resolve("cam2/cam2-030405.mp4")), "so do those of an earlier recorder");

        // a camera whose clock lags two hours: its files are named two hours back but are new, and all stay
        Instant twoHoursAgo = Instant.now().minusSeconds(7200);
        String pattern = "old/%H/cam3-%H%M%S.mp4";
        try (SegmentRecorder r = recorder(pattern, 2, 1, 0)) {
            closed = feed(r, packets, twoHoursAgo);
            assertEquals(closed, r.retained(), "aged by this machine's clock when closed, not the camera's");
        }
        // files an earlier run closed two hours ago (its journal says when): the first new file ages them out
        Path journal = dir.resolve("old").resolve(".camel-av-retention-"
                + Integer.toHexString(dir.resolve(pattern).toString().hashCode()));
        StringBuilder lines = new StringBuilder();
        for (RecordedFile f : closed) {
            lines.append(f.start().toEpochMilli()).append('\t').append(f.end().toEpochMilli()).append('\t')
                    .append(Files.size(f.path())).append('\t').append(twoHoursAgo.toEpochMilli()).append('\t')
                    .append(f.path()).append('\n');
        }
        Files.writeString(journal, lines);
        try (SegmentRecorder r = recorder(pattern, 2, 1, 0)) {
            List<RecordedFile> now = feed(r, packets.subList(0, packets.size() / 4), Instant.now());
            assertFalse(closed.stream().anyMatch(f -> Files.exists(f.path())), "closed over an hour ago: deleted");
            assertEquals(now, r.retained().subList(0, now.size()));
        }
    }

    @Test
    void retentionCarriesOnAcrossARestartButNotAcrossEndpoints() throws Exception {
        List<MediaPacket> packets = RecordingFixture.packets();
        List<RecordedFile> firstRun;
        List<RecordedFile> otherEndpoint;
        long limit;
        try (SegmentRecorder r = recorder("cam4/a-%H%M%S.mp4", 2, 0, Long.MAX_VALUE)) {
            firstRun = feed(r, packets, BASE);
        }
        try (SegmentRecorder other = recorder("cam4/b-%H%M%S.mp4", 2, 0, Long.MAX_VALUE)) {
            otherEndpoint = feed(other, packets, BASE);
        }
        limit = Files.size(firstRun.get(0).path()) * 2 + Files.size(firstRun.get(0).path()) / 2;
        // the same endpoint restarted with a bound: its earlier run's files go first, oldest first
        List<RecordedFile> secondRun;
        try (SegmentRecorder r = recorder("cam4/a-%H%M%S.mp4", 2, 0, limit)) {
            secondRun = feed(r, packets.subList(0, packets.size() / 2), BASE.plusSeconds(100));
        }
        for (RecordedFile f : firstRun) {
            assertFalse(Files.exists(f.path()), "earlier run's " + f.path() + " deleted");
        }
        assertTrue(Files.exists(secondRun.get(secondRun.size() - 1).path()), "the newest stays");
        for (RecordedFile f : otherEndpoint) {
            assertTrue(Files.exists(f.path()), "another endpoint's " + f.path() + " stays");
        }
    }
}
