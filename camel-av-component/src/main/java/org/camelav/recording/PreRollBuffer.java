package org.camelav.recording;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import org.camelav.media.MediaPacket;

/**
 * The last {@code preRoll} seconds of packets, starting at a key frame of the reference stream, so a clip can begin
 * before its trigger without re-encoding. Whole GOPs are dropped from the front once the next key frame is itself at
 * least {@code preRoll} old, so the buffer spans between preRoll and preRoll + one GOP: at bit rate R it holds at most
 * about R x (preRoll + GOP) / 8 bytes of packet data. Packets are shared, not copied.
 */
final class PreRollBuffer {

    private final double preRoll;
    private final Deque<Entry> entries = new ArrayDeque<>();
    /** Media times of the key frames in the buffer, oldest first. */
    private final Deque<Double> keys = new ArrayDeque<>();
    private long bytes;
    private long maxBytes;

    PreRollBuffer(double preRoll) {
        this.preRoll = preRoll;
    }

    record Entry(MediaPacket packet, boolean reference, double time) {
    }

    void add(MediaPacket p, boolean reference, boolean cutPoint, double time) {
        if (keys.isEmpty() && !cutPoint) {
            return; // nothing before the first key frame is any use
        }
        entries.addLast(new Entry(p, reference, time));
        bytes += p.size();
        if (cutPoint) {
            keys.addLast(time);
        }
        if (reference) {
            trim(time);
        }
        maxBytes = Math.max(maxBytes, bytes);
    }

    private void trim(double now) {
        while (keys.size() > 1 && secondKey() <= now - preRoll) {
            keys.removeFirst();
            double first = keys.peekFirst();
            // drop the oldest GOP: everything before the entry of the (new) oldest key frame
            while (!(entries.peekFirst().reference() && entries.peekFirst().time() == first
                     && entries.peekFirst().packet().keyFrame())) {
                bytes -= entries.removeFirst().packet().size();
            }
        }
    }

    private double secondKey() {
        var it = keys.iterator();
        it.next();
        return it.next();
    }

    /** The packets from the last key frame at or before {@code from} (else the oldest one) to the newest. */
    List<Entry> since(double from) {
        Double start = null;
        for (Double k : keys) {
            if (start == null || k <= from) {
                start = k;
            }
        }
        List<Entry> out = new ArrayList<>();
        boolean on = false;
        for (Entry e : entries) {
            on |= e.reference() && e.packet().keyFrame() && start != null && e.time() == start;
            if (on) {
                out.add(e);
            }
        }
        return out;
    }

    void clear() {
        entries.clear();
        keys.clear();
        bytes = 0;
    }

    /** Packet bytes held now. */
    long bytes() {
        return bytes;
    }

    /** The most packet bytes held at any time. */
    long maxBytes() {
        return maxBytes;
    }
}
