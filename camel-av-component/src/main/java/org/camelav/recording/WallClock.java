package org.camelav.recording;

import java.time.Instant;

/**
 * Maps media time to wall-clock time for one timeline (the packets between two reconnects): the anchor is taken from
 * the first packet's receive time, or from the source's real-time start when it reports one.
 */
final class WallClock {

    private final SegmentClock clock;
    /** Wall-clock epoch micros of media time 0 on the current timeline; null until the first packet. */
    private Long anchorMicros;

    WallClock(SegmentClock clock) {
        this.clock = clock;
    }

    /** Forget the anchor: timestamps restart after a discontinuity. */
    void reset() {
        anchorMicros = null;
    }

    /**
     * Wall-clock time of a packet at media time {@code seconds}, received at {@code receivedMicros} (epoch
     * microseconds); {@code realtimeStartMicros} is the source's wall clock at media time 0, or null.
     */
    Instant at(double seconds, long receivedMicros, Long realtimeStartMicros) {
        if (clock == SegmentClock.LOCAL) {
            return micros(receivedMicros);
        }
        if (realtimeStartMicros != null) {
            anchorMicros = realtimeStartMicros; // the camera's own clock, from its first sender report on
        } else if (anchorMicros == null) {
            anchorMicros = receivedMicros - Math.round(seconds * 1e6);
        }
        return micros(anchorMicros + Math.round(seconds * 1e6));
    }

    static Instant micros(long epochMicros) {
        return Instant.ofEpochSecond(Math.floorDiv(epochMicros, 1_000_000L), Math.floorMod(epochMicros, 1_000_000L) * 1000);
    }
}
