package org.camelav.media.container;

import org.camelav.media.MediaItem;
import org.camelav.media.Rational;

/**
 * Shifts every stream of an output by the same amount so the output starts at zero (like the ffmpeg CLI without
 * -copyts), keeping audio and video in sync. The origin is the first timestamp the writer sees.
 */
final class TimestampOrigin {

    private final boolean keep;
    private Long originPts;
    private Rational originTb;

    /** @param keep true to keep source timestamps unchanged ({@code -copyts}) */
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

    /** {@code ts} (in {@code from}) rebased on the origin and expressed in {@code to}; null stays null. */
    Long shift(Long ts, Rational from, Rational to) {
        if (ts == null) {
            return null;
        }
        long v = Rational.rescale(ts, from, to);
        return originPts == null ? v : v - Rational.rescale(originPts, originTb, to);
    }
}
