package org.camelav.recording;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.camelav.media.MediaPacket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Continuous recording without re-encoding: packets in, a sequence of independently playable files out. A segment
 * opens on a key packet of the reference (video) stream and is cut at the first such key packet at or after the
 * segment duration; each file's timestamps start at 0. A discontinuity (reconnect) or a clock that goes backwards
 * closes the open segment and the next one opens at the next key frame. Not thread-safe: one caller at a time.
 */
public final class SegmentRecorder implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SegmentRecorder.class);

    private final RecordingOptions opts;
    private final PacketClock clock = new PacketClock();
    private final WallClock wall;
    private final Retention retention;
    private OpenFile current;
    private long dropped;

    public SegmentRecorder(RecordingOptions opts) {
        this.opts = opts;
        this.wall = new WallClock(opts.clock());
        this.retention = new Retention(opts.retainHours(), opts.retainBytes(), opts.pattern().root(),
                opts.pattern().pattern());
    }

    /**
     * Records one packet received at {@code receivedMicros} (epoch microseconds); {@code realtimeStartMicros} is the
     * source's wall clock at media time 0 when it has one (RTCP), else null. Returns the segments this packet closed
     * (none or one).
     */
    public List<RecordedFile> write(MediaPacket p, long receivedMicros, Long realtimeStartMicros) {
        List<RecordedFile> closed = new ArrayList<>(1);
        double t = PacketClock.seconds(p);
        boolean reference = clock.isReference(p);
        if (p.discontinuity()) {
            endTimeline(closed, "discontinuity");
        }
        if (clock.goesBack(p)) {
            if (!reference) {
                dropped++; // the muxer would refuse it
                return closed;
            }
            endTimeline(closed, "timestamps went back");
            clock.goesBack(p);
        }
        if (clock.isCutPoint(p) && !Double.isNaN(t)) {
            if (current != null && t - current.startTime() >= opts.segmentSeconds() - 1e-6) {
                closeCurrent(closed, t);
            }
            if (current == null) {
                open(t, receivedMicros, realtimeStartMicros);
            }
        }
        if (current == null || Double.isNaN(t) && reference) {
            dropped++; // before the first key frame of a timeline: not decodable on its own
            return closed;
        }
        try {
            current.write(p, reference, t);
        } catch (RuntimeException e) {
            // the writer closed itself (trailer written); start over at the next key frame
            current = null;
            throw e;
        }
        return closed;
    }

    private void endTimeline(List<RecordedFile> closed, String why) {
        if (current != null) {
            LOG.debug("Closing segment {} early: {}", current.path(), why);
            closeCurrent(closed, null);
        }
        clock.reset();
        wall.reset();
    }

    private void open(double t, long receivedMicros, Long realtimeStartMicros) {
        java.time.Instant at = wall.at(t, receivedMicros, realtimeStartMicros);
        try {
            current = new OpenFile(opts.pattern().resolve(at), opts.writer(), at, t);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the folder for " + opts.pattern().pattern(), e);
        }
    }

    private void closeCurrent(List<RecordedFile> closed, Double cutTime) {
        OpenFile f = current;
        current = null;
        RecordedFile r = f.close(cutTime);
        closed.add(r);
        retention.add(r);
        retention.enforce(java.time.Instant.now());
    }

    /** Packets dropped because no segment was open (waiting for a key frame). */
    public long dropped() {
        return dropped;
    }

    /** Files this recorder wrote that retention has not deleted, oldest first. */
    public List<RecordedFile> retained() {
        return retention.files();
    }

    /** Closes the open segment (playable) and returns it, or null when none was open. */
    public RecordedFile finish() {
        List<RecordedFile> closed = new ArrayList<>(1);
        if (current != null) {
            closeCurrent(closed, null);
        }
        return closed.isEmpty() ? null : closed.get(0);
    }

    @Override
    public void close() {
        finish();
    }
}
