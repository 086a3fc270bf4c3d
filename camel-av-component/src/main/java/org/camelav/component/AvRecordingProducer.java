package org.camelav.component;

import java.time.ZoneId;

import org.apache.camel.Exchange;
import org.apache.camel.api.management.ManagedAttribute;
import org.apache.camel.api.management.ManagedResource;
import org.apache.camel.health.WritableHealthCheckRepository;
import org.apache.camel.support.DefaultProducer;
import org.camelav.recording.PathPattern;
import org.camelav.recording.RecordedFile;
import org.camelav.recording.RecordingOptions;
import org.camelav.recording.RecordingStats;
import org.camelav.recording.SegmentClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code record=true} and {@code clip=true}: hands each exchange to the endpoint's {@link AvRecording}, which every
 * producer of the endpoint shares (the camera's packets and the triggers may come from different routes). Stopping
 * the last of them closes the open segment or clip (playable).
 */
@ManagedResource(description = "Managed AvRecordingProducer")
final class AvRecordingProducer extends DefaultProducer {

    private static final Logger LOG = LoggerFactory.getLogger(AvRecordingProducer.class);

    private final AvEndpoint endpoint;
    /** Registered by the producer that opened the recorder (the first to start), removed when it stops. */
    private AvRecordingHealthCheck healthCheck;
    private WritableHealthCheckRepository healthRepository;
    private AutoCloseable meters;
    /** operation=list/export: the index of the recording this path names; null for a recording producer. */
    private AvRecordingQueries queries;

    AvRecordingProducer(AvEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
    }

    /** @throws IllegalArgumentException naming the first invalid option */
    static RecordingOptions options(AvEndpoint endpoint) {
        AvConfiguration c = endpoint.getConfiguration();
        AvOptionConflicts.check(AvOptionConflicts.PRODUCER, c);
        check(c.getSegmentDuration() > 0, "segmentDuration=" + c.getSegmentDuration(), "must be positive seconds");
        check(c.getRetainHours() >= 0, "retainHours=" + c.getRetainHours(), "must be 0 (keep) or more");
        check(c.getRetainBytes() >= 0, "retainBytes=" + c.getRetainBytes(), "must be 0 (no limit) or more");
        check(c.getPreRoll() >= 0, "preRoll=" + c.getPreRoll(), "must be 0 or more seconds");
        check(c.getPostRoll() >= 0, "postRoll=" + c.getPostRoll(), "must be 0 or more seconds");
        check(c.getSegmentClockTolerance() > 0, "segmentClockTolerance=" + c.getSegmentClockTolerance(),
                "must be positive seconds");
        check(c.getMinFreeBytes() >= 0, "minFreeBytes=" + c.getMinFreeBytes(), "must be 0 (off) or more");
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
                c.getRetainHours(), c.getRetainBytes(), c.getPreRoll(), c.getPostRoll(), c.getSegmentClockTolerance(),
                c.getMinFreeBytes());
    }

    private static void check(boolean valid, String option, String rule) {
        if (!valid) {
            throw new IllegalArgumentException("av: invalid option " + option + ": " + rule);
        }
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        AvOperation op = endpoint.getConfiguration().getOperation();
        if (op.readsRecording()) {
            queries = new AvRecordingQueries(options(endpoint).pattern(), endpoint.getConfiguration());
            return; // reads what a recorder (of this or another endpoint, node) wrote; records nothing
        }
        if (endpoint.recording().acquire(options(endpoint), endpoint.getConfiguration().isClip())) {
            healthCheck = new AvRecordingHealthCheck(endpoint);
            healthRepository = healthCheck.registerAsProducer();
            meters = AvMetrics.bindRecording(endpoint);
        }
    }

    private RecordingStats stats() {
        RecordingStats s = endpoint.recording().stats();
        return s != null ? s : new RecordingStats();
    }

    @ManagedAttribute(description = "Files closed (playable)")
    public long getFilesClosed() {
        return stats().closed();
    }

    @ManagedAttribute(description = "Files whose writing failed (full disk, I/O error)")
    public long getFilesFailed() {
        return stats().failed();
    }

    @ManagedAttribute(description = "Files that failed one after the other; 0 while recording works")
    public long getFilesFailedInARow() {
        return stats().failingInARow();
    }

    @ManagedAttribute(description = "Files retention deleted")
    public long getFilesDeleted() {
        return stats().deleted();
    }

    @ManagedAttribute(description = "Bytes of the files closed")
    public long getBytes() {
        return stats().bytes();
    }

    @ManagedAttribute(description = "The last failure: file and FFmpeg's or the OS's reason")
    public String getLastError() {
        return stats().lastError();
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        if (queries != null) {
            switch (endpoint.getConfiguration().getOperation()) {
                case LIST -> queries.list(exchange.getMessage());
                case TIMELAPSE -> queries.timelapse(exchange);
                default -> queries.export(exchange);
            }
            return;
        }
        endpoint.recording().process(exchange.getMessage());
    }

    @Override
    protected void doStop() throws Exception {
        if (queries != null) {
            queries = null;
            super.doStop();
            return;
        }
        AvMetrics.unbind(meters);
        meters = null;
        if (healthRepository != null) {
            healthRepository.removeHealthCheck(healthCheck);
            healthRepository = null;
        }
        RecordedFile last = endpoint.recording().release();
        if (last != null) {
            LOG.info("Closed {} ({} s) on stop", last.path(), String.format("%.2f", last.duration()));
        }
        super.doStop();
    }
}
