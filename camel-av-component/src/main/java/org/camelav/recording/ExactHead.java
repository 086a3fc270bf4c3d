package org.camelav.recording;

import java.util.ArrayList;
import java.util.List;

import org.camelav.media.MediaPacket;
import org.camelav.media.MediaType;
import org.camelav.media.codec.GopReencoder;

/**
 * The GOP an exact export starts in, collected from its key frame through the next key frame and the pictures that
 * decode after that key but are shown before it (an open GOP's leading B-frames, which reference both GOPs), or to its
 * file's end: bounded by one GOP of packets. {@link #reencode} turns the pictures shown from {@code from} up to the
 * next key frame into packets that splice in front of the copy, which starts again at that key frame.
 */
final class ExactHead {

    /** Every packet collected, in the order read. */
    private final List<MediaPacket> read = new ArrayList<>();
    private final List<MediaPacket> video = new ArrayList<>();
    private final double startAt;
    private final double endAt;
    /** The next key frame, once read; its index in {@link #read}. */
    private MediaPacket next;
    private int nextAt;

    /** @param gop the packets from the key frame at or before {@code from} so far; times in the file's seconds */
    ExactHead(List<MediaPacket> gop, double startAt, double endAt) {
        this.startAt = startAt;
        this.endAt = endAt;
        gop.forEach(this::add);
    }

    /**
     * Takes the next packet read; false when the head is complete without it (the first picture shown after the next
     * key frame, or a second key frame): finish the head, then copy that packet.
     */
    boolean add(MediaPacket p) {
        boolean isVideo = p.mediaType() == MediaType.VIDEO;
        if (isVideo && next != null && (p.keyFrame() || p.pts() >= next.pts())) {
            return false;
        }
        if (isVideo && p.keyFrame() && !video.isEmpty()) {
            next = p;
            nextAt = read.size();
        }
        read.add(p);
        if (isVideo) {
            video.add(p);
        }
        return true;
    }

    MediaPacket key() {
        return video.get(0);
    }

    /** The next key frame, or null (the file ended first). */
    MediaPacket next() {
        return next;
    }

    /** Whether {@code p} is a picture of this GOP (shown before the next key frame). */
    private boolean ours(MediaPacket p) {
        return next == null || p.pts() < next.pts();
    }

    /** The picture shown at {@code from}: the last pts at or before it (the key frame when none is later). */
    long startPts() {
        long best = key().pts();
        for (MediaPacket p : video) {
            if (ours(p) && p.time() <= startAt && p.pts() > best) {
                best = p.pts();
            }
        }
        return best;
    }

    /** The first picture at or after {@code to}, or null when the range goes on past this GOP. */
    Long endPts() {
        Long end = null;
        for (MediaPacket p : video) {
            if (ours(p) && p.time() >= endAt && (end == null || p.pts() < end)) {
                end = p.pts();
            }
        }
        return end;
    }

    /** Whether the copy can start at the key frame itself: it is the picture shown at {@code from}. */
    boolean startsOnKey() {
        return startPts() == key().pts();
    }

    /** Every packet collected, in the order read: what the copy takes when it starts on the key frame. */
    List<MediaPacket> packets() {
        return read;
    }

    /** The packets from the next key frame on, in the order read: the copy resumes with them; empty when none. */
    List<MediaPacket> fromNext() {
        return next == null ? List.of() : read.subList(nextAt, read.size());
    }

    /** The source's reorder delay (pts - dts) at its largest over the packets collected. */
    private long dtsDelay() {
        long d = 0;
        for (MediaPacket p : video) {
            d = Math.max(d, p.dts() == null ? 0 : p.pts() - p.dts());
        }
        return d;
    }

    /** The pictures from {@code from} to the next key frame (or {@code to}), re-encoded. */
    List<MediaPacket> reencode() {
        Long end = endPts();
        long last = end != null ? end : next != null ? next.pts() - 1 : Long.MAX_VALUE;
        return GopReencoder.reencode(video, startPts(), last, dtsDelay());
    }

    /**
     * The audio from the first re-encoded picture on, up to {@code endSeconds} of the file (NaN: no end), read before
     * the next key frame: what was read after it is copied with it. Split where it was read, not where it is shown:
     * FFmpeg reads packets of different streams up to a second apart in file order (a fragmented MP4 stores a GOP's
     * audio after its pictures), so audio shown after that key frame can be read before it, and the other way round.
     */
    List<MediaPacket> audioFrom(double firstTime, double endSeconds) {
        List<MediaPacket> before = next == null ? read : read.subList(0, nextAt);
        return before.stream().filter(a -> a.mediaType() != MediaType.VIDEO
                                           && a.time() + a.duration() * a.timeBase().toDouble() > firstTime
                                           && (Double.isNaN(endSeconds) || a.time() < endSeconds)).toList();
    }
}
