package org.camelav.component;

import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultProducer;
import org.camelav.media.MediaPacket;
import org.camelav.recording.ClipRecorder;
import org.camelav.recording.PathPattern;
import org.camelav.recording.RecordedFile;
import org.camelav.recording.RecordingOptions;
import org.camelav.recording.SegmentClock;
import org.camelav.recording.SegmentRecorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code record=true} and {@code clip=true}: hands packet bodies to the media layer's recorders and puts what they
 * closed on the exchange. Stopping the route closes the open segment or clip (playable).
 */
final class AvRecordingProducer extends DefaultProducer {

    private static final Logger LOG = LoggerFactory.getLogger(AvRecordingProducer.class);

    private final AvEndpoint endpoint;
    private SegmentRecorder segments;
    private ClipRecorder clips;

    AvRecordingProducer(AvEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
    }

    /** @throws IllegalArgumentException naming the first invalid option */
    static RecordingOptions options(AvEndpoint endpoint) {
        AvConfiguration c = endpoint.getConfiguration();
        if (c.isRecord() && c.isClip()) {
            throw new IllegalArgumentException("av: options record and clip exclude each other: use two endpoints");
        }
        check(c.getSegmentDuration() > 0, "segmentDuration=" + c.getSegmentDuration(), "must be positive seconds");
        check(c.getRetainHours() >= 0, "retainHours=" + c.getRetainHours(), "must be 0 (keep) or more");
        check(c.getRetainBytes() >= 0, "retainBytes=" + c.getRetainBytes(), "must be 0 (no limit) or more");
        check(c.getPreRoll() >= 0, "preRoll=" + c.getPreRoll(), "must be 0 or more seconds");
        check(c.getPostRoll() >= 0, "postRoll=" + c.getPostRoll(), "must be 0 or more seconds");
        SegmentClock clock;
        try {
            clock = SegmentClock.of(c.getSegmentClock());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("av: invalid option segmentClock=" + c.getSegmentClock()
                                               + ": must be camera or local");
        }
        PathPattern pattern;
        try {
            pattern = new PathPattern(endpoint.getUrl(), ZoneId.systemDefault());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("av: invalid recording path " + endpoint.getUrl() + ": " + e.getMessage());
        }
        return new RecordingOptions(pattern, endpoint.options().writer(), c.getSegmentDuration(), clock,
                c.getRetainHours(), c.getRetainBytes(), c.getPreRoll(), c.getPostRoll());
    }

    private static void check(boolean valid, String option, String rule) {
        if (!valid) {
            throw new IllegalArgumentException("av: invalid option " + option + ": " + rule);
        }
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        RecordingOptions o = options(endpoint);
        if (endpoint.getConfiguration().isClip()) {
            clips = new ClipRecorder(o);
        } else {
            segments = new SegmentRecorder(o);
        }
    }

    @Override
    public synchronized void process(Exchange exchange) {
        Message m = exchange.getMessage();
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

    @Override
    protected synchronized void doStop() throws Exception {
        RecordedFile last = segments != null ? segments.finish() : clips != null ? clips.finish() : null;
        if (last != null) {
            LOG.info("Closed {} ({} s) on stop", last.path(), String.format("%.2f", last.duration()));
        }
        super.doStop();
    }
}
