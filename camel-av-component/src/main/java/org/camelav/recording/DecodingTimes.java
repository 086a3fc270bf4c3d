package org.camelav.recording;

import java.util.HashMap;
import java.util.Map;

import org.camelav.media.MediaPacket;
import org.camelav.media.MediaType;

/**
 * The decoding times an export writes, per stream: a packet that would not advance its stream is dropped (audio of one
 * file overlapping the next file's first packet by a few ms), and a picture read without a decoding time gets one.
 * Matroska stores none: FFmpeg derives each from the pictures read before it, so a file's first picture has none (its
 * first {@code video_delay} ones with B-frames), and a muxer given none for a stream with B-frames guesses one that
 * the next picture's goes back from ("non monotonically increasing dts").
 */
final class DecodingTimes {

    /** Last decoding time written per stream, microseconds of the output before the writer's rebase. */
    private final Map<Integer, Long> last = new HashMap<>();

    /**
     * The decoding time to write a picture that has none with, its presentation time {@code pts} (both in its time
     * base): the reorder delay before it (the codec's {@code video_delay} pictures), yet after the stream's last one.
     */
    Long missing(MediaPacket p, Long pts) {
        if (pts == null || p.mediaType() != MediaType.VIDEO) {
            return null;
        }
        long frame = Math.max(1, p.duration());
        int delay = p.stream() == null ? 0 : p.stream().codecParameters().videoDelay();
        long dts = pts - delay * frame;
        Long before = last.get(p.streamIndex());
        if (before != null) {
            dts = Math.max(dts, (long) Math.floor(before / 1e6 / p.timeBase().toDouble()) + 1);
        }
        return Math.min(dts, pts);
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
