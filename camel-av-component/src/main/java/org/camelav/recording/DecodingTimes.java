package org.camelav.recording;

import java.util.HashMap;
import java.util.Map;

import org.camelav.media.MediaPacket;
import org.camelav.media.MediaType;

/**
 * The decoding times an export writes, per stream: a packet that would not advance its stream is dropped (audio of one
 * file overlapping the next file's first packet by a few ms), and a picture read without a decoding time gets one.
 * Matroska stores none: FFmpeg derives each from the pictures read before it, so a file's first {@code video_delay}
 * pictures have none (one with x264's two B-frames, two with its B-pyramid), and a muxer given none for a stream with
 * B-frames guesses one that the next picture's goes back from ("non monotonically increasing dts").
 */
final class DecodingTimes {

    /** Last decoding time written per stream, microseconds of the output before the writer's rebase. */
    private final Map<Integer, Long> last = new HashMap<>();

    /**
     * The decoding time to write a picture that has none with, its presentation time {@code pts} (both in its time
     * base): one picture after the stream's last (pictures are decoded one per frame interval), or, first in the
     * stream, the reorder delay before it (the codec's {@code video_delay} pictures); never after {@code pts}.
     */
    Long missing(MediaPacket p, Long pts) {
        if (pts == null || p.mediaType() != MediaType.VIDEO) {
            return null;
        }
        long frame = Math.max(1, p.duration());
        Long before = last.get(p.streamIndex());
        if (before == null) {
            int delay = p.stream() == null ? 0 : p.stream().codecParameters().videoDelay();
            return pts - delay * frame;
        }
        return Math.min(pts, (long) Math.floor(before / 1e6 / p.timeBase().toDouble()) + frame);
    }

    /** Whether {@code p} at decoding time {@code dts} (its time base; null: none) advances its stream; noted if so. */
    boolean advances(MediaPacket p, Long dts) {
        if (dts == null) {
            return true;
        }
        long micros = Math.round(dts * p.timeBase().toDouble() * 1e6);
        Long before = last.get(p.streamIndex());
        if (before != null && micros <= before) {
            return false;
        }
        last.put(p.streamIndex(), micros);
        return true;
    }
}
