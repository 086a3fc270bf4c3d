package org.camelav.component;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

import org.apache.camel.Message;
import org.camelav.media.MediaPacket;
import org.camelav.recording.ClipRecorder;
import org.camelav.recording.RecordedFile;
import org.camelav.recording.RecordingOptions;
import org.camelav.recording.RecordingStats;
import org.camelav.recording.SegmentRecorder;

/**
 * One recording endpoint's recorder, shared by all its producers: a camera's packets from one route and
 * {@code CamelAvTrigger} exchanges from another (an MQTT alarm, a REST call) meet in the same pre-roll buffer. Opened
 * by the first producer that starts, finished by the last that stops. Thread-safe: exchanges from several routes are
 * taken one at a time.
 */
final class AvRecording {

    /** The numbers the console and the meters publish, in the console's order (0 before the first recorder). */
    static final List<AvFigure<AvRecording>> FIGURES = List.of(
            AvFigure.counter("filesClosed", "av.recording.files.closed", "Segments or clips closed (playable)",
                    r -> stat(r, RecordingStats::closed)),
            AvFigure.counter("filesFailed", "av.recording.files.failed", "Segments or clips whose writing failed",
                    r -> stat(r, RecordingStats::failed)),
            AvFigure.count("filesFailedInARow", "av.recording.files.failed.in.a.row",
                    "Files that failed one after the other; 0 while recording works",
                    r -> stat(r, RecordingStats::failingInARow)),
            AvFigure.counter("filesDeleted", "av.recording.files.deleted", "Files deleted by retention",
                    r -> stat(r, RecordingStats::deleted)),
            AvFigure.counter("bytes", "av.recording.bytes", "Bytes of the files closed",
                    r -> stat(r, RecordingStats::bytes)));

    private static double stat(AvRecording r, ToLongFunction<RecordingStats> f) {
        RecordingStats s = r.stats();
        return s == null ? 0 : f.applyAsLong(s);
    }

    private SegmentRecorder segments;
    private ClipRecorder clips;
    private int users;
    /** The open recorder's statistics, for health checks, meters and consoles on other threads; null when closed. */
    private volatile RecordingStats stats;
    /** The fleet node named in the files' tags (CamelAvNodeId of the exchanges), or null. */
    private String node;

    /** @return true for the first producer, which opened the recorder */
    synchronized boolean acquire(RecordingOptions options, boolean clip) {
        if (users++ > 0) {
            return false;
        }
        if (clip) {
            clips = new ClipRecorder(options);
            stats = clips.stats();
        } else {
            segments = new SegmentRecorder(options);
            stats = segments.stats();
        }
        return true;
    }

    RecordingStats stats() {
        return stats;
    }

    /** @return the file the last producer's stop closed, or null */
    synchronized RecordedFile release() {
        if (users == 0 || --users > 0) {
            return null;
        }
        RecordedFile last = segments != null ? segments.finish() : clips != null ? clips.finish() : null;
        segments = null;
        clips = null;
        stats = null;
        node = null;
        return last;
    }

    synchronized void process(Message m) {
        Object body = m.getBody();
        long now = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
        Long realtime = m.getHeader(AvConstants.REALTIME_START, Long.class);
        // the end of a finite input closes the open file (playable) while the route runs on
        boolean end = Boolean.TRUE.equals(m.getHeader(AvConstants.END_OF_STREAM, Boolean.class));
        tagNode(m.getHeader(AvConstants.NODE_ID, String.class));
        if (segments != null) {
            if (noteEvents(m)) {
                return; // a clip route's output or a trigger without a packet: noted on the timeline, nothing recorded
            }
            if (!(body instanceof MediaPacket) && !(end && body == null)) {
                throw new IllegalArgumentException("av: record=true needs packet bodies (mode=packets on the consumer);"
                                                   + " got " + (body == null ? "null" : body.getClass().getName()));
            }
            List<RecordedFile> closed = new ArrayList<>(body instanceof MediaPacket p ? segments.write(p, now, realtime)
                    : List.of());
            RecordedFile last = end ? segments.finish() : null;
            if (last != null) {
                closed.add(last);
            }
            if (!closed.isEmpty()) {
                report(m, closed.get(closed.size() - 1), AvConstants.SEGMENT_CLOSED);
            }
            return;
        }
        if (clips == null) {
            throw new IllegalStateException("av: recording endpoint is not started");
        }
        RecordedFile closed = body instanceof MediaPacket p ? clips.write(p, now, realtime) : null;
        if (m.getHeader(AvConstants.TRIGGER) != null) {
            clips.trigger();
            clips.noteTrigger(label(m.getHeader(AvConstants.TRIGGER)));
        }
        RecordedFile last = end ? clips.finish() : null;
        closed = last != null ? last : closed;
        if (closed != null) {
            report(m, closed, AvConstants.CLIP_CLOSED);
        }
    }

    /**
     * A fleet camera's exchanges name the node that reads it: the files that node opens say so too, so an auditor can
     * tell which node wrote a segment from the file alone. {@code comment} is read by MP4, Matroska and most players;
     * MPEG-TS keeps no comment, only its service's provider (ffprobe's {@code -show_programs}).
     */
    private void tagNode(String id) {
        if (id == null || id.equals(node)) {
            return;
        }
        node = id;
        Map<String, String> tags = Map.of("comment", "camel-av node " + id, "service_provider", "camel-av node " + id);
        if (segments != null) {
            segments.tags(tags);
        } else if (clips != null) {
            clips.tags(tags);
        }
    }

    /**
     * record=true: a CamelAvTrigger header notes a trigger at the newest packet's time (the packet, if the exchange
     * carries one, is recorded as usual); a CamelAvClipClosed header (a clip route's output sent on here) notes the
     * clip from CamelAvSegmentStart to CamelAvSegmentEnd. Returns true when the exchange carries nothing to record:
     * no packet, or a clip route's packet, which the camera route records.
     */
    private boolean noteEvents(Message m) {
        Object clip = m.getHeader(AvConstants.CLIP_CLOSED);
        if (clip != null) {
            String start = m.getHeader(AvConstants.SEGMENT_START, String.class);
            String stop = m.getHeader(AvConstants.SEGMENT_END, String.class);
            segments.event("clip", java.nio.file.Path.of(String.valueOf(clip)).getFileName().toString(),
                    start == null ? null : Instant.parse(start), stop == null ? null : Instant.parse(stop));
            return true;
        }
        Object trigger = m.getHeader(AvConstants.TRIGGER);
        if (trigger != null) {
            segments.event("trigger", label(trigger), null, null);
            return !(m.getBody() instanceof MediaPacket);
        }
        return false;
    }

    /** What a trigger says: its text ({@code motion}, {@code person}), nothing for a plain flag. */
    private static String label(Object trigger) {
        return trigger instanceof Boolean ? "" : String.valueOf(trigger);
    }

    private static void report(Message m, RecordedFile f, String pathHeader) {
        m.setHeader(pathHeader, f.path().toString());
        m.setHeader(AvConstants.SEGMENT_CLOSED, f.path().toString());
        m.setHeader(AvConstants.SEGMENT_START, f.start().toString());
        m.setHeader(AvConstants.SEGMENT_END, f.end().toString());
        m.setHeader(AvConstants.SEGMENT_DURATION, f.duration());
    }
}
