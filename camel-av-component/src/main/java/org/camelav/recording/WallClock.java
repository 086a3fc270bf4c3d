package org.camelav.recording;

import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps media time to wall-clock time for one timeline (the packets between two reconnects). The anchor (the wall clock
 * at media time 0) comes from the source's real-time start when it reports one (RTCP) and it agrees with this
 * machine's receive clock within a tolerance, else from the receive time of the timeline's first packet. It never moves
 * back within a timeline, and no time it returns is before the end of the last file closed: segment names and times
 * never overlap. Where the media clock and the receive clock part by more than the tolerance (a camera whose clock is
 * wrong, or that sends 21 fps while its timestamps say 25), the anchor moves to the receive clock: names follow this
 * machine's clock, not the source's.
 */
final class WallClock {

    private static final Logger LOG = LoggerFactory.getLogger(WallClock.class);

    private final SegmentClock clock;
    private final long toleranceMicros;
    private final String source;
    /** Wall-clock epoch micros of media time 0 on the current timeline; null until the first packet. */
    private Long anchorMicros;
    /** Whether the anchor is the source's own clock. */
    private boolean fromSource;
    /** Earliest time a file may start: the end of the last one closed. */
    private long notBeforeMicros = Long.MIN_VALUE;
    private boolean warnedSkew;
    private boolean warnedDrift;

    /**
     * @param tolerance seconds the source's clock (and the media clock's progress) may differ from the receive clock
     * @param source    names the recording in the log
     */
    WallClock(SegmentClock clock, double tolerance, String source) {
        this.clock = clock;
        this.toleranceMicros = Math.round(tolerance * 1e6);
        this.source = source;
    }

    /** Forget the anchor: timestamps restart after a discontinuity. */
    void reset() {
        anchorMicros = null;
        fromSource = false;
    }

    /** No later time is before {@code end} (the end of a file just closed). */
    void closedAt(Instant end) {
        notBeforeMicros = Math.max(notBeforeMicros, micros(end));
    }

    /**
     * Wall-clock time of a packet at media time {@code seconds}, received at {@code receivedMicros} (epoch
     * microseconds); {@code realtimeStartMicros} is the source's wall clock at media time 0, or null.
     */
    Instant at(double seconds, long receivedMicros, Long realtimeStartMicros) {
        long media = Math.round(seconds * 1e6);
        if (clock == SegmentClock.LOCAL) {
            return micros(Math.max(receivedMicros, notBeforeMicros));
        }
        if (realtimeStartMicros != null && !fromSource) {
            if (Math.abs(realtimeStartMicros + media - receivedMicros) <= toleranceMicros) {
                // the source's own clock from its first sender report on; later, never earlier than the names so far
                anchorMicros = anchorMicros == null ? realtimeStartMicros : Math.max(anchorMicros, realtimeStartMicros);
                fromSource = true;
            } else if (!warnedSkew) {
                warnedSkew = true;
                LOG.warn("The clock of {} is {} s off this machine's (more than segmentClockTolerance): names and"
                         + " times follow this machine's receive clock", source,
                        String.format("%.1f", (realtimeStartMicros + media - receivedMicros) / 1e6));
            }
        }
        if (anchorMicros == null) {
            anchorMicros = receivedMicros - media;
        } else if (receivedMicros - (anchorMicros + media) > toleranceMicros) {
            // the media clock runs slow against the receive clock: catch up, forwards only
            if (!warnedDrift) {
                warnedDrift = true;
                LOG.warn("The media clock of {} runs {} s behind this machine's (more than segmentClockTolerance):"
                         + " names and segment lengths follow this machine's receive clock", source,
                        String.format("%.1f", (receivedMicros - anchorMicros - media) / 1e6));
            }
            anchorMicros = receivedMicros - media;
            fromSource = false;
        }
        return micros(Math.max(anchorMicros + media, notBeforeMicros));
    }

    static Instant micros(long epochMicros) {
        return Instant.ofEpochSecond(Math.floorDiv(epochMicros, 1_000_000L), Math.floorMod(epochMicros, 1_000_000L) * 1000);
    }

    static long micros(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1000);
    }
}
