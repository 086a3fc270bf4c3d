package org.camelav.media.container;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.camelav.media.MediaItem;
import org.camelav.media.Rational;

/**
 * Shifts every stream of an output by the same amount so the output starts at zero (like the ffmpeg CLI without
 * -copyts), keeping audio and video in sync. The origin is the first timestamp the writer sees.
 * <p>
 * A source whose timestamps restart (a camera that reconnected: {@link MediaItem#discontinuity()}, or a decoding time
 * that goes back) is spliced on: its new timeline is re-originated so that it continues right after the furthest end
 * written, on every stream at once. The file stays one playable timeline; the outage shows as a cut, not as a gap in
 * time. A muxer would otherwise refuse the packet ("non monotonically increasing dts").
 */
final class TimestampOrigin {

    private static final Rational MICROS = new Rational(1, 1_000_000);

    private final boolean keep;
    private Long originPts;
    private Rational originTb;
    /** Added to every shifted timestamp by the splices so far, in microseconds. */
    private long spliceMicros;
    /** Furthest end (timestamp + duration) written on any stream, output microseconds; null before the first. */
    private Long endMicros;
    /** Last decoding time written per stream, output microseconds. */
    private final Map<Integer, Long> lastMicros = new HashMap<>();
    /** Streams that wrote since the last splice: only they can ask for another one. */
    private final Set<Integer> sinceSplice = new HashSet<>();

    /** @param keep true to keep source timestamps unchanged ({@code -copyts}) until they restart */
    TimestampOrigin(boolean keep) {
        this.keep = keep;
    }

    /** Records the origin from the first item that has a timestamp (its dts when earlier than its pts). */
    void observe(MediaItem item) {
        if (keep || originPts != null || item.pts() == null || !item.timeBase().isValid()) {
            return;
        }
        originPts = item.dts() != null ? Math.min(item.dts(), item.pts()) : item.pts();
        originTb = item.timeBase();
    }

    /**
     * Called once per item, in write order, before it is written: splices a restarted timeline on, and notes how far
     * the output got. Returns false for an item that still goes back right after a splice on another stream (a packet
     * of the old timeline's last instant, or audio that started a little before the video): the muxer would refuse it.
     */
    boolean admit(MediaItem item) {
        Long ts = decodingTime(item);
        if (ts == null || !item.timeBase().isValid()) {
            return true; // no time to check: the stream writer derives one
        }
        long out = micros(ts, item.timeBase());
        Long last = lastMicros.get(item.streamIndex());
        boolean back = last != null && out <= last;
        if ((item.discontinuity() || back) && endMicros != null) {
            if (!item.discontinuity() && !sinceSplice.contains(item.streamIndex())) {
                return false;
            }
            spliceMicros += endMicros - out;
            out = endMicros;
            sinceSplice.clear();
        }
        long dur = item.duration() > 0 ? Rational.rescale(item.duration(), item.timeBase(), MICROS) : 0;
        lastMicros.put(item.streamIndex(), out);
        endMicros = endMicros == null ? out + dur : Math.max(endMicros, out + dur);
        sinceSplice.add(item.streamIndex());
        return true;
    }

    /** {@code ts} (in {@code from}) rebased on the origin and expressed in {@code to}; null stays null. */
    Long shift(Long ts, Rational from, Rational to) {
        if (ts == null) {
            return null;
        }
        long v = Rational.rescale(ts, from, to) + Rational.rescale(spliceMicros, MICROS, to);
        return originPts == null ? v : v - Rational.rescale(originPts, originTb, to);
    }

    private long micros(long ts, Rational tb) {
        return shift(ts, tb, MICROS);
    }

    private static Long decodingTime(MediaItem item) {
        return item.dts() != null ? item.dts() : item.pts();
    }
}
