package org.camelav.media.container;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.camelav.media.AvErrors;
import org.camelav.media.AvException;
import org.camelav.media.AvInvalidDataException;
import org.camelav.media.AvTimeoutException;
import org.junit.jupiter.api.Test;

/**
 * The two rules by which a live source that keeps its connection is judged dead, on counters and a clock of the test's
 * own, so their bounds are exact; SilentSourceTest injects both faults end to end.
 */
class SourceWatchdogTest {

    private static final int INVALID = org.bytedeco.ffmpeg.global.avutil.AVERROR_INVALIDDATA;

    /** A stream with settable counters. */
    private static final class Stream implements SourceWatchdog.Judged {
        long progress;
        long rejected;
        int last;

        @Override
        public long progress() {
            return progress;
        }

        @Override
        public long consecutiveDecodeErrors() {
            return rejected;
        }

        @Override
        public int lastDecodeError() {
            return last;
        }

        @Override
        public String label() {
            return "Stream #0 (h264)";
        }
    }

    @Test
    void aRunOfRejectedPacketsEndsTheSourceWithFfmpegsReason() {
        Stream s = new Stream();
        SourceWatchdog w = new SourceWatchdog(0, "rtsp://cam/live");
        s.last = INVALID;
        s.rejected = SourceWatchdog.MAX_CONSECUTIVE_DECODE_ERRORS - 1;
        assertDoesNotThrow(() -> w.check(List.of(s)));
        s.rejected++;
        AvException e = assertThrows(AvException.class, () -> w.check(List.of(s)));
        assertInstanceOf(AvInvalidDataException.class, e);
        // FFmpeg's own last line for the failure may come between: "... in a row (FFmpeg: [h264] ...): Invalid ..."
        assertTrue(e.getMessage().startsWith("Stream #0 (h264): the decoder rejected 300 packets in a row"),
                e.getMessage());
        assertTrue(e.getMessage().contains(AvErrors.describe(INVALID)), e.getMessage());
    }

    @Test
    void nothingDecodedForThreeTimeoutsIsAStallButAnyFrameResetsTheClock() {
        AtomicLong now = new AtomicLong();
        Stream s = new Stream();
        SourceWatchdog w = new SourceWatchdog(1000, "rtsp://cam/live", now::get);
        now.set(2_900_000_000L);
        assertDoesNotThrow(() -> w.check(List.of(s)));
        s.progress++; // one frame at 2.9 s: the next 3 s start now
        assertDoesNotThrow(() -> w.check(List.of(s)));
        now.set(5_800_000_000L);
        assertDoesNotThrow(() -> w.check(List.of(s)));
        now.set(5_920_000_000L);
        s.last = INVALID;
        AvTimeoutException e = assertThrows(AvTimeoutException.class, () -> w.check(List.of(s)));
        assertTrue(e.getMessage().contains("No frame from the selected streams for 3.0 s (3 x timeout)"
                                           + " while the source sends packets; last decoder error: "), e.getMessage());
    }

    @Test
    void timeTheRouteSpendsOnAnItemIsNotAStall() {
        AtomicLong now = new AtomicLong();
        Stream s = new Stream();
        SourceWatchdog w = new SourceWatchdog(1000, "rtsp://cam/live", now::get);
        now.set(1_000_000_000L);
        w.paused(); // an item went to the route at 1 s, which took 100 s over it
        now.set(101_000_000_000L);
        w.resumed();
        now.set(102_900_000_000L); // 2.9 s of reading without a frame (the decoder holds a few packets back)
        assertDoesNotThrow(() -> w.check(List.of(s)));
        now.set(103_100_000_000L);
        assertThrows(AvTimeoutException.class, () -> w.check(List.of(s)));
    }

    @Test
    void withoutATimeoutOnlyTheRejectedPacketsCount() {
        AtomicLong now = new AtomicLong();
        SourceWatchdog w = new SourceWatchdog(0, "rtsp://cam/live", now::get);
        now.set(3_600_000_000_000L);
        assertDoesNotThrow(() -> w.check(List.of(new Stream())));
    }
}
