package org.camelav.recording;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;

import org.camelav.media.MediaPacket;

/**
 * Event clips with pre-roll: packets go through a {@link PreRollBuffer} continuously; {@link #trigger()} writes a clip
 * from (trigger - preRoll, back to a key frame) to trigger + postRoll without re-encoding, and a trigger while a clip
 * is open extends it. A discontinuity ends the open clip and empties the buffer (timestamps restart). Times are the
 * media time of the reference (video) stream. Not thread-safe: one caller at a time.
 */
public final class ClipRecorder implements AutoCloseable {

    private final RecordingOptions opts;
    private final PacketClock clock = new PacketClock();
    private final WallClock wall;
    private final PreRollBuffer buffer;
    private final RecorderFiles files;
    /** Container tags of the files opened from now on (the fleet node that writes them). */
    private volatile Map<String, String> tags = Map.of();
    private OpenFile clip;
    private double clipEnd;
    /** Media time of the newest reference packet, NaN before the first; and when it arrived. */
    private double now = Double.NaN;
    private long nowReceived;
    private Long nowRealtime;
    private boolean triggerPending;

    public ClipRecorder(RecordingOptions opts) {
        this.opts = opts;
        this.wall = new WallClock(opts.clock(), opts.clockTolerance(), opts.pattern().pattern());
        this.buffer = new PreRollBuffer(opts.preRoll());
        this.files = new RecorderFiles(opts);
    }

    /** Takes one packet; returns the clip it closed, or null. */
    public RecordedFile write(MediaPacket p, long receivedMicros, Long realtimeStartMicros) {
        RecordedFile closed = null;
        boolean reference = clock.isReference(p);
        double t = PacketClock.seconds(p);
        if (p.discontinuity()) {
            closed = finish();
            buffer.clear();
            clock.reset();
            wall.reset();
        }
        if (Double.isNaN(t) || clock.goesBack(p)) {
            return closed; // cannot place it in time, or the muxer would refuse it
        }
        boolean cut = clock.isCutPoint(p);
        if (reference) {
            now = t;
            nowReceived = receivedMicros;
            nowRealtime = realtimeStartMicros;
            if (clip != null && t >= clipEnd) {
                closed = finish();
            }
        }
        buffer.add(p, reference, cut, t);
        if (clip != null) {
            writeClip(p, reference, t);
        } else if (triggerPending && cut) {
            trigger();
        }
        return closed;
    }

    /** A clip whose file fails is listed for retention (deleted when empty) and ends; the pre-roll buffer goes on. */
    private void writeClip(MediaPacket p, boolean reference, double t) {
        try {
            clip.write(p, reference, t);
        } catch (RuntimeException e) {
            if (clip.failed()) {
                OpenFile f = clip;
                clip = null;
                files.failed(f, e);
            }
            throw e;
        }
    }

    /**
     * An event at the newest packet's time: opens a clip from preRoll before it, or extends the open clip to postRoll
     * after it. Before the first key frame the clip opens with it.
     */
    public void trigger() {
        if (Double.isNaN(now) || buffer.since(now).isEmpty()) {
            triggerPending = true;
            return;
        }
        triggerPending = false;
        clipEnd = Math.max(clip != null ? clipEnd : 0, now + opts.postRoll());
        if (clip != null) {
            return;
        }
        var entries = buffer.since(now - opts.preRoll());
        double start = entries.get(0).time();
        // the clip's first packet arrived (now - start) seconds before the newest one
        long received = nowReceived - Math.round((now - start) * 1e6);
        Instant at = wall.at(start, received, nowRealtime);
        files.beforeOpen();
        try {
            clip = new OpenFile(opts.pattern().resolve(at), opts.writer(), tags, at, start, received);
        } catch (IOException e) {
            files.notCreated(opts.pattern().pattern(), e);
            throw new UncheckedIOException("Cannot create the next clip of " + opts.pattern().pattern(), e);
        }
        for (PreRollBuffer.Entry e : entries) {
            writeClip(e.packet(), e.reference(), e.time()); // a failure ends the clip and throws
        }
    }

    /**
     * Notes a trigger on this recorder's timeline (index), at the newest packet's time: in the open clip's wall clock,
     * else when that packet arrived.
     */
    public void noteTrigger(String label) {
        Instant at = Double.isNaN(now) ? Instant.now() : clip != null
                ? clip.start().plusNanos(Math.round((now - clip.startTime()) * 1e9)) : WallClock.micros(nowReceived);
        files.event(new TimelineEvent(at, at, "trigger", label));
    }

    /** What this recorder did: clips closed, failed and deleted; safe to read from any thread. */
    /** Container tags (e.g. {@code comment}) written into every file opened from now on. */
    public void tags(Map<String, String> tags) {
        this.tags = Map.copyOf(tags);
    }

    public RecordingStats stats() {
        return files.stats();
    }

    /** Whether a clip is being written. */
    public boolean recording() {
        return clip != null;
    }

    /** Packet bytes the pre-roll buffer holds now, and the most it ever held. */
    public long bufferedBytes() {
        return buffer.bytes();
    }

    public long maxBufferedBytes() {
        return buffer.maxBytes();
    }

    /** Closes the open clip (playable) and returns it, or null. */
    public RecordedFile finish() {
        if (clip == null) {
            return null;
        }
        OpenFile f = clip;
        clip = null;
        RecordedFile r = f.close(null);
        if (!files.closed(f, r)) {
            return null;
        }
        wall.closedAt(r.end());
        return r;
    }

    @Override
    public void close() {
        finish();
    }
}
