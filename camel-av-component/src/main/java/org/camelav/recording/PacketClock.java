package org.camelav.recording;

import java.util.HashMap;
import java.util.Map;

import org.camelav.media.MediaPacket;
import org.camelav.media.MediaType;

/**
 * Per-timeline bookkeeping shared by segments and clips: which stream times the files (the first video stream, else
 * the only stream), each packet's media time, and whether a stream's decoding time went backwards (a camera that
 * restarted its clock without a reconnect), which is treated like a discontinuity instead of failing the muxer with
 * "non monotonic DTS".
 */
final class PacketClock {

    private Integer reference;
    private final Map<Integer, Long> lastDts = new HashMap<>();

    /** Forget the timeline after a discontinuity (the reference stream stays: it is the same source). */
    void reset() {
        lastDts.clear();
    }

    boolean isReference(MediaPacket p) {
        if (reference == null && (p.mediaType() == MediaType.VIDEO || p.streamGroup().size() == 1)) {
            reference = p.streamIndex();
        }
        return reference != null && reference == p.streamIndex();
    }

    /** A key packet of the reference stream: where files may start. */
    boolean isCutPoint(MediaPacket p) {
        return p.keyFrame() && isReference(p);
    }

    /** Media time in seconds (pts, else dts), or NaN when the packet has neither. */
    static double seconds(MediaPacket p) {
        Long ts = p.pts() != null ? p.pts() : p.dts();
        return ts == null || !p.timeBase().isValid() ? Double.NaN : ts * p.timeBase().toDouble();
    }

    /** True when {@code p}'s dts is not after the previous dts of its stream; records it otherwise. */
    boolean goesBack(MediaPacket p) {
        Long dts = p.dts() != null ? p.dts() : p.pts();
        if (dts == null) {
            return false;
        }
        Long last = lastDts.get(p.streamIndex());
        if (last != null && dts <= last) {
            return true;
        }
        lastDts.put(p.streamIndex(), dts);
        return false;
    }
}
