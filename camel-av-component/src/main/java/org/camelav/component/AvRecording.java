package org.camelav.component;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.apache.camel.Message;
import org.camelav.media.MediaPacket;
import org.camelav.recording.ClipRecorder;
import org.camelav.recording.RecordedFile;
import org.camelav.recording.RecordingOptions;
import org.camelav.recording.SegmentRecorder;

/**
 * One recording endpoint's recorder, shared by all its producers: a camera's packets from one route and
 * {@code CamelAvTrigger} exchanges from another (an MQTT alarm, a REST call) meet in the same pre-roll buffer. Opened
 * by the first producer that starts, finished by the last that stops. Thread-safe: exchanges from several routes are
 * taken one at a time.
 */
final class AvRecording {

    private SegmentRecorder segments;
    private ClipRecorder clips;
    private int users;

    synchronized void acquire(RecordingOptions options, boolean clip) {
        if (users++ == 0) {
            if (clip) {
                clips = new ClipRecorder(options);
            } else {
                segments = new SegmentRecorder(options);
            }
        }
    }

    /** @return the file the last producer's stop closed, or null */
    synchronized RecordedFile release() {
        if (users == 0 || --users > 0) {
            return null;
        }
        RecordedFile last = segments != null ? segments.finish() : clips != null ? clips.finish() : null;
        segments = null;
        clips = null;
        return last;
    }

    synchronized void process(Message m) {
        Object body = m.getBody();
        long now = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
        Long realtime = m.getHeader(AvConstants.REALTIME_START, Long.class);
        if (segments != null) {
            if (!(body instanceof MediaPacket p)) {
                throw new IllegalArgumentException("av: record=true needs packet bodies (mode=packets on the consumer);"
                                                   + " got " + (body == null ? "null" : body.getClass().getName()));
            }
            List<RecordedFile> closed = segments.write(p, now, realtime);
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
        }
        if (closed != null) {
            report(m, closed, AvConstants.CLIP_CLOSED);
        }
    }

    private static void report(Message m, RecordedFile f, String pathHeader) {
        m.setHeader(pathHeader, f.path().toString());
        m.setHeader(AvConstants.SEGMENT_CLOSED, f.path().toString());
        m.setHeader(AvConstants.SEGMENT_START, f.start().toString());
        m.setHeader(AvConstants.SEGMENT_END, f.end().toString());
        m.setHeader(AvConstants.SEGMENT_DURATION, f.duration());
    }
}
