package org.camelav.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.camelav.media.MediaPacket;
import org.camelav.media.container.WriterOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Triggers and clips noted on a recording's timeline: listed by time, kept across restarts, gone with retention. */
class TimelineEventsTest {

    private static final Instant BASE = Instant.parse("2026-01-02T03:04:05Z");

    @TempDir
    Path dir;

    @Test
    void eventsAreListedPersistedAndLeaveWithTheirFiles() throws Exception {
        PathPattern pattern = new PathPattern(dir.resolve("cam/cam-%H%M%S.mp4").toString(), ZoneOffset.UTC);
        List<RecordedFile> closed = new ArrayList<>();
        try (SegmentRecorder r = new SegmentRecorder(new RecordingOptions(pattern, WriterOptions.of("unused.mp4"), 5,
                SegmentClock.CAMERA, 0, 0, 0, 0))) {
            long base = BASE.getEpochSecond() * 1_000_000L;
            for (MediaPacket p : RecordingFixture.packets()) {
                closed.addAll(r.write(p, base + Math.round(PacketClock.seconds(p) * 1e6), null));
                if (p.keyFrame() && Math.abs(PacketClock.seconds(p) - 7.0) < 1e-6) {
                    r.event("trigger", "motion", null, null); // at the newest packet: 7.00 s
                }
            }
            r.event("clip", "clip-030408.mp4", BASE.plusSeconds(3), BASE.plusSeconds(9));
            r.event("trigger", "person\tat the\ndoor", BASE.plusSeconds(16), null);
            closed.add(r.finish());
        }
        RecordingIndex index = RecordingIndex.open(pattern);
        Timeline all = index.list(BASE, BASE.plusSeconds(20));
        assertEquals(4, all.size(), "the files: events are not elements of the list");
        assertEquals(List.of(new TimelineEvent(BASE.plusSeconds(3), BASE.plusSeconds(9), "clip", "clip-030408.mp4"),
                new TimelineEvent(BASE.plusSeconds(7), BASE.plusSeconds(7), "trigger", "motion"),
                new TimelineEvent(BASE.plusSeconds(16), BASE.plusSeconds(16), "trigger", "person at the door")),
                all.events());
        assertEquals(List.of("clip"), index.list(BASE.plusSeconds(8), BASE.plusSeconds(12)).events().stream()
                .map(TimelineEvent::kind).toList(), "a clip overlapping the range");
        assertEquals(List.of(), index.list(BASE.plusSeconds(10), BASE.plusSeconds(15)).events());

        // a restart compacts the index: the events stay; once the files before 10 s are gone, so are their events
        assertEquals(3, RecordingIndex.forRecorder(pattern).list(BASE, BASE.plusSeconds(20)).events().size());
        Files.delete(closed.get(0).path());
        Files.delete(closed.get(1).path());
        Timeline later = RecordingIndex.forRecorder(pattern).list(BASE, BASE.plusSeconds(20));
        assertEquals(2, later.size());
        assertEquals(List.of("person at the door"), later.events().stream().map(TimelineEvent::label).toList());
    }
}
