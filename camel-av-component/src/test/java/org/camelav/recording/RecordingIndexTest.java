package org.camelav.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.camelav.media.MediaPacket;
import org.camelav.media.container.WriterOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The recordings index beside the segments: written by the recorder, kept by retention, rebuilt, listed by time. */
class RecordingIndexTest {

    private static final Instant BASE = Instant.parse("2026-01-02T03:04:05Z");

    @TempDir
    Path dir;

    private PathPattern pattern() {
        return new PathPattern(dir.resolve("cam1/%Y-%m-%d/cam1-%H%M%S.mp4").toString(), ZoneOffset.UTC);
    }

    private List<RecordedFile> record(long retainBytes, List<MediaPacket> packets, Instant base) {
        List<RecordedFile> closed = new ArrayList<>();
        try (SegmentRecorder r = new SegmentRecorder(new RecordingOptions(pattern(), WriterOptions.of("unused.mp4"), 5,
                SegmentClock.CAMERA, 0, retainBytes, 0, 0))) {
            long baseMicros = base.getEpochSecond() * 1_000_000L;
            for (MediaPacket p : packets) {
                closed.addAll(r.write(p, baseMicros + Math.round(PacketClock.seconds(p) * 1e6), null));
            }
            closed.add(r.finish());
        }
        return closed;
    }

    @Test
    void listsWhatTheRecorderClosedWithoutRetentionAndAcrossRestarts() {
        List<MediaPacket> packets = RecordingFixture.packets();
        List<RecordedFile> first = record(0, packets, BASE);
        // a second run 30 s after the first ended: a gap in between
        List<RecordedFile> second = record(0, packets, BASE.plusSeconds(50));
        RecordingIndex index = RecordingIndex.open(pattern());
        List<TimelineEntry> all = index.list(BASE.minusSeconds(60), BASE.plusSeconds(3600));
        assertEquals(first.size() + 1 + second.size(), all.size(), all.toString());
        for (int i = 0; i < first.size(); i++) {
            assertEquals(first.get(i).path(), all.get(i).path());
            assertEquals(first.get(i).start().toEpochMilli(), all.get(i).start().toEpochMilli());
            assertEquals(first.get(i).end().toEpochMilli(), all.get(i).end().toEpochMilli());
            assertEquals(5.0, all.get(i).duration(), 0.05);
            assertTrue(all.get(i).bytes() > 0);
        }
        TimelineEntry gap = all.get(first.size());
        assertTrue(gap.isGap());
        assertEquals(first.get(first.size() - 1).end().toEpochMilli(), gap.start().toEpochMilli());
        assertEquals(BASE.plusSeconds(50), gap.start().plus(Duration.ofMillis(Math.round(gap.duration() * 1000))));
        // a range inside one segment gives that segment; a range over a boundary both
        assertEquals(List.of(first.get(1).path()), paths(index.list(BASE.plusSeconds(6), BASE.plusSeconds(7))));
        assertEquals(List.of(first.get(0).path(), first.get(1).path()),
                paths(index.list(BASE.plusSeconds(4), BASE.plusSeconds(6))));
        assertEquals(List.of(), index.list(BASE.minusSeconds(60), BASE.minusSeconds(1)));
    }

    @Test
    void aFileRetentionDeletedLeavesTheIndexOfARunningReader() throws Exception {
        List<MediaPacket> packets = RecordingFixture.packets();
        RecordingIndex reader = RecordingIndex.open(pattern()); // opened before anything was recorded
        assertEquals(List.of(), reader.list(BASE, BASE.plusSeconds(3600)));
        List<RecordedFile> closed = record(1, packets, BASE); // keeps only the newest file
        List<TimelineEntry> listed = reader.list(BASE, BASE.plusSeconds(3600));
        assertEquals(List.of(closed.get(closed.size() - 1).path()), paths(listed));
        assertFalse(Files.exists(closed.get(0).path()));
    }

    @Test
    void isRebuiltFromTheFolderWhenItsFileIsMissing() throws Exception {
        List<RecordedFile> closed = record(0, RecordingFixture.packets(), BASE);
        Path file = RecordingIndex.open(pattern()).file();
        Files.delete(file);
        List<TimelineEntry> rebuilt = RecordingIndex.open(pattern()).list(BASE, BASE.plusSeconds(3600));
        assertTrue(Files.exists(file));
        assertEquals(paths(closed.stream().map(f -> new TimelineEntry(f.start(), f.end(), f.path(), 0)).toList()),
                paths(rebuilt));
        for (int i = 0; i < closed.size(); i++) {
            assertEquals(closed.get(i).start(), rebuilt.get(i).start(), "from the name: whole seconds");
            assertEquals(closed.get(i).duration(), rebuilt.get(i).duration(), 0.05, "from the file's header");
        }
    }

    /** The fault behind a timeline that lacked its first file: the recorder's index could not be made at its start. */
    @Test
    void aRecorderWhoseFolderIsNotMadeYetHasItsIndexFromItsStart() {
        assertFalse(Files.exists(dir.resolve("cam1")));
        RecordingIndex index = RecordingIndex.forRecorder(pattern());
        assertTrue(Files.isRegularFile(index.file()), "made before the first file closes, so no reader rebuilds it");
    }

    /** A reader that found no index rebuilds it, but never over the file a recorder made meanwhile. */
    @Test
    void aReadersRebuildNeverReplacesAnIndexMadeMeanwhile() throws Exception {
        Path file = dir.resolve("idx");
        assertTrue(JournalFile.createIfAbsent(file, "first\n"));
        assertFalse(JournalFile.createIfAbsent(file, "rebuilt\n"));
        assertEquals("first\n", Files.readString(file));
        try (var left = Files.list(dir)) {
            assertEquals(List.of(file), left.toList(), "no temporary file left behind");
        }
    }

    /** The index deleted under a running recorder: its next file rebuilds it from the folder, nothing drops out. */
    @Test
    void anIndexDeletedWhileRecordingIsRebuiltByTheRecorder() throws Exception {
        List<RecordedFile> closed = new ArrayList<>();
        try (SegmentRecorder r = new SegmentRecorder(new RecordingOptions(pattern(), WriterOptions.of("unused.mp4"), 5,
                SegmentClock.CAMERA, 0, 0, 0, 0))) {
            long baseMicros = BASE.getEpochSecond() * 1_000_000L;
            for (MediaPacket p : RecordingFixture.packets()) {
                closed.addAll(r.write(p, baseMicros + Math.round(PacketClock.seconds(p) * 1e6), null));
                if (closed.size() == 1) {
                    Files.deleteIfExists(RecordingIndex.open(pattern()).file());
                    assertTrue(Files.deleteIfExists(RecordingIndex.open(pattern()).file()), "a reader rebuilt it");
                }
            }
            closed.add(r.finish());
        }
        assertTrue(closed.size() >= 3, closed.toString());
        List<TimelineEntry> listed = RecordingIndex.open(pattern()).list(BASE, BASE.plusSeconds(3600));
        assertEquals(closed.stream().map(RecordedFile::path).toList(), paths(listed));
        for (int i = 1; i < closed.size(); i++) {
            assertEquals(closed.get(i).start(), listed.get(i).start(), "the recorder's own lines: exact times");
        }
    }

    @Test
    void aRecorderDropsFilesDeletedByHandWhenItOpens() throws Exception {
        List<RecordedFile> closed = record(0, RecordingFixture.packets(), BASE);
        Files.delete(closed.get(1).path());
        RecordingIndex.forRecorder(pattern());
        List<Path> listed = paths(RecordingIndex.open(pattern()).list(BASE, BASE.plusSeconds(3600)));
        assertFalse(listed.contains(closed.get(1).path()));
        assertEquals(closed.size() - 1, listed.stream().filter(p -> p != null).count());
    }

    /**
     * 30 days of 1-minute segments (43,200 synthetic lines in the index's format, no media files): the first listing
     * reads the whole file, later ones only what was appended. Printed, not asserted: timing belongs in the bench.
     */
    @Test
    void listsOneHourOutOfThirtyDaysOfMinuteSegments() throws Exception {
        PathPattern pattern = pattern();
        Path root = pattern.root();
        Files.createDirectories(root);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 43_200; i++) {
            Instant s = BASE.plusSeconds(60L * i);
            sb.append(s.toEpochMilli()).append('\t').append(s.plusSeconds(60).toEpochMilli()).append("\t1000000\t")
                    .append(s.plusSeconds(61).toEpochMilli()).append('\t')
                    .append(pattern.format(s).substring(root.toString().length() + 1)).append('\n');
        }
        Files.writeString(root.resolve(".camel-av-index-" + Integer.toHexString(pattern.pattern().hashCode())), sb);
        long t0 = System.nanoTime();
        RecordingIndex index = RecordingIndex.open(pattern);
        Instant from = BASE.plus(Duration.ofDays(15)).plusSeconds(30);
        List<TimelineEntry> hour = index.list(from, from.plusSeconds(3600));
        long t1 = System.nanoTime();
        List<TimelineEntry> again = null;
        for (int i = 0; i < 100; i++) {
            again = index.list(from, from.plusSeconds(3600));
        }
        long t2 = System.nanoTime();
        long t3 = System.nanoTime();
        RecordingIndex.open(pattern).list(from, from.plusSeconds(3600)); // a second reader, the JIT warm
        long t4 = System.nanoTime();
        assertEquals(61, hour.size(), "60 whole minutes and the minute the range starts in");
        assertEquals(hour, again);
        System.out.printf("RecordingIndex: 1 h of 43,200 one-minute entries: first list (loads the file) %.1f ms,"
                          + " later lists %.3f ms each; a second reader's first list %.1f ms%n", (t1 - t0) / 1e6,
                (t2 - t1) / 1e6 / 100, (t4 - t3) / 1e6);
    }

    @Test
    void listsNoFileOutsideThePatternsRootWhateverALineSays() throws Exception {
        List<RecordedFile> closed = record(0, RecordingFixture.packets(), BASE);
        RecordingIndex index = RecordingIndex.open(pattern());
        long s = BASE.plusSeconds(100).toEpochMilli();
        Files.writeString(index.file(), s + "\t" + (s + 5000) + "\t1\t" + s + "\t/etc/passwd\n" + (s + 5000) + "\t"
                                        + (s + 9000) + "\t1\t" + s + "\t../../outside.mp4\n",
                java.nio.file.StandardOpenOption.APPEND);
        assertEquals(closed.stream().map(RecordedFile::path).toList(),
                paths(index.list(BASE, BASE.plusSeconds(3600))));
    }

    @Test
    void listsClipsWithTheGapsBetweenThem() {
        PathPattern clips = new PathPattern(dir.resolve("clips/cam1-%H%M%S.mp4").toString(), ZoneOffset.UTC);
        List<RecordedFile> closed = new ArrayList<>();
        long base = BASE.getEpochSecond() * 1_000_000L;
        try (ClipRecorder r = new ClipRecorder(new RecordingOptions(clips, WriterOptions.of("unused.mp4"), 60,
                SegmentClock.CAMERA, 0, 0, 1, 1))) {
            boolean[] fired = new boolean[2];
            for (MediaPacket p : RecordingFixture.packets()) {
                double t = PacketClock.seconds(p);
                RecordedFile f = r.write(p, base + Math.round(t * 1e6), null);
                if (f != null) {
                    closed.add(f);
                }
                int i = t >= 12 ? 1 : t >= 4 ? 0 : -1;
                if (i >= 0 && !fired[i]) {
                    fired[i] = true;
                    r.trigger();
                }
            }
        }
        Timeline t = RecordingIndex.open(clips).list(BASE, BASE.plusSeconds(60));
        assertEquals(2, closed.size());
        assertEquals(closed.stream().map(RecordedFile::path).toList(), paths(t.files()));
        assertEquals(1, t.gaps().size());
        assertEquals(closed.get(0).end().toEpochMilli(), t.gaps().get(0).start().toEpochMilli());
    }

    private static List<Path> paths(List<TimelineEntry> entries) {
        return entries.stream().map(TimelineEntry::path).toList();
    }
}
