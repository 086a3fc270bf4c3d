package org.camelav.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.apache.logging.log4j.Level;
import org.camelav.media.MediaPacket;
import org.camelav.media.container.WriterOptions;
import org.camelav.testsupport.LogCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cameras whose clocks lie, fed to a real recorder with the receive and RTCP times a camera like that produces: a
 * camera clock hours off is not trusted, a media clock that runs 16 % slow (21 fps sent as 25) is cut and named by the
 * receive clock, and retention never deletes what it just wrote however wrong the camera's clock is.
 */
class CameraClockTest {

    private static final Instant BASE = Instant.parse("2026-12-07T10:00:00Z");

    @TempDir
    Path dir;

    private SegmentRecorder recorder(double seconds, double tolerance, double retainHours) {
        return new SegmentRecorder(new RecordingOptions(new PathPattern(dir.resolve("cam-%H%M%S.mp4").toString(),
                ZoneOffset.UTC), WriterOptions.of("unused.mp4"), seconds, SegmentClock.CAMERA, retainHours, 0, 0, 0,
                tolerance, 0));
    }

    private static long micros(Instant t) {
        return t.getEpochSecond() * 1_000_000L + t.getNano() / 1000;
    }

    /** Feeds the fixture as received at {@code BASE} + media time / {@code rate}, with the camera's RTCP start. */
    private static List<RecordedFile> feed(SegmentRecorder r, double rate, Long realtimeStart) {
        List<RecordedFile> closed = new ArrayList<>();
        for (MediaPacket p : RecordingFixture.packets()) {
            double t = PacketClock.seconds(p);
            closed.addAll(r.write(p, micros(BASE) + Math.round(t / rate * 1e6), realtimeStart));
        }
        RecordedFile last = r.finish();
        if (last != null) {
            closed.add(last);
        }
        return closed;
    }

    @Test
    void aCameraClockHoursBehindIsNotTrustedAndItsFilesAreNotAgedByIt() throws Exception {
        long threeHoursBehind = micros(BASE.minus(Duration.ofHours(3)));
        List<RecordedFile> closed;
        try (LogCapture log = new LogCapture(WallClock.class.getName());
             SegmentRecorder r = recorder(5, 5, 1)) {
            closed = feed(r, 1.0, threeHoursBehind);
            assertEquals(1, log.count(Level.WARN, "off this machine's"), log.events().toString());
            assertEquals(closed, r.retained(), "retainHours=1 deletes nothing closed just now");
        }
        assertEquals(4, closed.size());
        for (int i = 0; i < closed.size(); i++) {
            Instant expected = BASE.plusSeconds(5L * i);
            assertTrue(Duration.between(expected, closed.get(i).start()).abs().toMillis() < 100,
                    "named by the receive clock: " + closed.get(i).start() + ", expected " + expected);
            assertTrue(Files.exists(closed.get(i).path()));
        }
    }

    @Test
    void aCameraClockWithinTheToleranceNamesTheFiles() throws Exception {
        long twoSecondsBehind = micros(BASE.minusSeconds(2));
        try (SegmentRecorder r = recorder(5, 5, 0)) {
            List<RecordedFile> closed = feed(r, 1.0, twoSecondsBehind);
            assertEquals(BASE.minusSeconds(2), closed.get(0).start(), "the camera's own clock");
        }
    }

    @Test
    void aMediaClockThatRunsSlowIsCutAndNamedByTheReceiveClock() throws Exception {
        List<RecordedFile> closed;
        try (LogCapture log = new LogCapture(WallClock.class.getName());
             SegmentRecorder r = recorder(10, 1, 0)) {
            closed = feed(r, 0.84, null); // 25 fps declared, 21 sent: 20 s of media take 23.8 s
            assertEquals(1, log.count(Level.WARN, "runs"), log.events().toString());
        }
        // 10 s of receive time is 8.4 s of media: the cut comes at the next key frame (GOP 1 s), 9 s of media
        assertEquals(9.0, closed.get(0).duration(), 0.05, "cut by the receive clock, not after 10 s of media");
        Instant secondReceived = BASE.plusMillis(Math.round(9.0 / 0.84 * 1000));
        assertTrue(Duration.between(secondReceived, closed.get(1).start()).abs().toMillis() <= 1000,
                "named within the 1 s tolerance of its receive time " + secondReceived + ": " + closed.get(1).start());
        for (int i = 1; i < closed.size(); i++) {
            assertTrue(!closed.get(i).start().isBefore(closed.get(i - 1).end()), "no overlap");
        }
    }
}
