package org.camelav.recording;

import java.util.ArrayList;
import java.util.List;

import org.camelav.media.MediaPacket;
import org.camelav.media.MediaType;
import org.camelav.media.codec.GopReencoder;

/**
 * The GOP an exact export starts in, collected from its key frame up to the next key frame (or its file's end):
 * bounded by one GOP of packets. {@link #reencode} turns the pictures shown from {@code from} on into packets that
 * splice in front of the copied GOPs that follow.
 */
final class ExactHead {

    private final List<MediaPacket> video = new ArrayList<>();
    private final List<MediaPacket> audio = new ArrayList<>();
    private final double startAt;
    private final double endAt;

    /** @param gop the packets from the key frame at or before {@code from} so far; times in the file's seconds */
    ExactHead(List<MediaPacket> gop, double startAt, double endAt) {
        this.startAt = startAt;
        this.endAt = endAt;
        gop.forEach(this::add);
    }

    void add(MediaPacket p) {
        (p.mediaType() == MediaType.VIDEO ? video : audio).add(p);
    }

    /** Every packet collected, in the order read (video first, as the copy would have written them). */
    List<MediaPacket> packets() {
        List<MediaPacket> all = new ArrayList<>(video);
        all.addAll(audio);
        return all;
    }

    MediaPacket key() {
        return video.get(0);
    }

    /** The picture shown at {@code from}: the last pts at or before it (the key frame when none is later). */
    long startPts() {
        long best = key().pts();
        for (MediaPacket p : video) {
            if (p.time() <= startAt && p.pts() > best) {
                best = p.pts();
            }
        }
        return best;
    }

    /** The first picture at or after {@code to}, or null when the range goes on past this GOP. */
    Long endPts() {
        Long end = null;
        for (MediaPacket p : video) {
            if (p.time() >= endAt && (end == null || p.pts() < end)) {
                end = p.pts();
            }
        }
        return end;
    }

    /** Whether the copy can start at the key frame itself: it is the picture shown at {@code from}. */
    boolean startsOnKey() {
        return startPts() == key().pts();
    }

    /** The source's reorder delay (pts - dts) at its largest over this GOP and {@code next} (may be null). */
    long dtsDelay(MediaPacket next) {
        long d = 0;
        for (MediaPacket p : video) {
            d = Math.max(d, p.dts() == null ? 0 : p.pts() - p.dts());
        }
        return next == null || next.dts() == null ? d : Math.max(d, next.pts() - next.dts());
    }

    /** The pictures from {@code from} to the end (or {@code to}), re-encoded. */
    List<MediaPacket> reencode(MediaPacket next) {
        Long end = endPts();
        return GopReencoder.reencode(video, startPts(), end == null ? Long.MAX_VALUE : end, dtsDelay(next));
    }

    /** The audio from the first re-encoded picture on, up to {@code endSeconds} of the file (NaN: no end). */
    List<MediaPacket> audioFrom(double firstTime, double endSeconds) {
        return audio.stream().filter(a -> a.time() + a.duration() * a.timeBase().toDouble() > firstTime
                                          && (Double.isNaN(endSeconds) || a.time() < endSeconds)).toList();
    }
}
