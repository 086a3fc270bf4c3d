package org.camelav.recording;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.camelav.media.MediaPacket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Continuous recording without re-encoding: packets in, a sequence of independently playable files out. A segment
 * opens on a key packet of the reference (video) stream and is cut at the first such key packet once the segment
 * duration has passed, in media time or in receive time, whichever is first (a camera whose timestamps run slow still
 * gets segments of wall-clock length); each file's timestamps start at 0. A discontinuity (reconnect) or a clock that
 * goes backwards closes the open segment and the next one opens at the next key frame.
 * <p>
 * A file whose writing fails (a full disk) is listed for retention, deleted when empty, and the next key frame opens a
 * new one after retention made room: recording resumes by itself once there is space. Not thread-safe: one caller at
 * a time.
 */
public final class SegmentRecorder implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SegmentRecorder.class);

    private final RecordingOptions opts;
    private final PacketClock clock = new PacketClock();
    private final WallClock wall;
    private final RecorderFiles files;
    /** Container tags of the files opened from now on (the fleet node that writes them). */
    private volatile Map<String, String> tags = Map.of();
    private OpenFile current;
    private long dropped;
    /** Media time of the newest reference packet written, NaN before the first; and the file it went into. */
    private double newest = Double.NaN;
    private OpenFile newestFile;

    public SegmentRecorder(RecordingOptions opts) {
        this.opts = opts;
        this.wall = new WallClock(opts.clock(), opts.clockTolerance(), opts.pattern().pattern());
        this.files = new RecorderFiles(opts);
    }

    /**
     * Records one packet received at {@code receivedMicros} (epoch microseconds); {@code realtimeStartMicros} is the
     * source's wall clock at media time 0 when it has one (RTCP), else null. Returns the segments this packet closed
     * (none or one).
     *
     * @throws RuntimeException when the file could not be written; the recorder goes on with the next key frame
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
            if (current != null && due(t, receivedMicros)) {
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
            if (current.failed()) {
                failed(e);
            }
            throw e;
        }
        if (reference && !Double.isNaN(t)) {
            newest = t;
            newestFile = current;
        }
        return closed;
    }

    /**
     * Notes an event ({@link TimelineEvent}) on this recording's timeline; a trigger ({@code start} null) at the newest
     * packet's wall-clock time (the wall clock's now before the first).
     */
    public void event(String kind, String label, Instant start, Instant end) {
        Instant at = start;
        if (at == null) {
            at = newestFile == null ? Instant.now()
                    : newestFile.start().plusNanos(Math.round((newest - newestFile.startTime()) * 1e9));
        }
        files.event(new TimelineEvent(at, end == null ? at : end, kind, label));
    }

    private boolean due(double t, long receivedMicros) {
        double media = t - current.startTime();
        double received = (receivedMicros - current.receivedMicros()) / 1e6;
        return Math.max(media, received) >= opts.segmentSeconds() - 1e-6;
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
        files.beforeOpen();
        Instant at = wall.at(t, receivedMicros, realtimeStartMicros);
        Path path;
        try {
            path = opts.pattern().resolve(at);
        } catch (IOException e) {
            files.notCreated(opts.pattern().pattern(), e);
            throw new UncheckedIOException("Cannot create the next file of " + opts.pattern().pattern(), e);
        }
        current = new OpenFile(path, opts.writer(), tags, at, t, receivedMicros);
    }

    /** The open file failed and closed itself: the next key frame opens a new one. */
    private void failed(RuntimeException e) {
        OpenFile f = current;
        current = null;
        files.failed(f, e);
        LOG.warn("Recording into {} failed ({} in a row); the next key frame opens a new file: {}", f.path(),
                files.stats().failingInARow(), e.getMessage());
    }

    private void closeCurrent(List<RecordedFile> closed, Double cutTime) {
        OpenFile f = current;
        current = null;
        boolean failing = files.stats().failingInARow() > 0;
        RecordedFile r = f.close(cutTime);
        if (!files.closed(f, r)) {
            return;
        }
        if (failing) {
            LOG.info("Recording {} again: {} closed", opts.pattern().pattern(), f.path());
        }
        wall.closedAt(r.end());
        closed.add(r);
    }

    /** Packets dropped because no segment was open (waiting for a key frame). */
    public long dropped() {
        return dropped;
    }

    /** What this recorder did: files closed, failed and deleted; safe to read from any thread. */
    /** Container tags (e.g. {@code comment}) written into every file opened from now on. */
    public void tags(Map<String, String> tags) {
        this.tags = Map.copyOf(tags);
    }

    public RecordingStats stats() {
        return files.stats();
    }

    /** Files this recorder wrote that retention has not deleted, oldest first. */
    public List<RecordedFile> retained() {
        return files.retained();
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
