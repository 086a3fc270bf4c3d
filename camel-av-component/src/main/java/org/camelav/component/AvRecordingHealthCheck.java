package org.camelav.component;

import java.util.Map;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.camelav.recording.RecordingStats;

/**
 * Health of a record/clip endpoint, in Camel's producers repository like {@link AvProducerHealthCheck}: DOWN once
 * {@link #FAILED_IN_A_ROW} files failed one after the other (a full disk, a folder that went away) with the last
 * reason FFmpeg or the OS gave, UP again as soon as a file closes readable; the counters as details.
 */
final class AvRecordingHealthCheck extends AvHealthCheck {

    /** One failure can be a single bad GOP; three in a row (three key frames, seconds apart) is an outage. */
    static final int FAILED_IN_A_ROW = 3;

    private final AvEndpoint endpoint;

    AvRecordingHealthCheck(AvEndpoint endpoint) {
        super("recording", endpoint);
        this.endpoint = endpoint;
    }

    @Override
    public boolean isLiveness() {
        return false; // a recording that cannot write is a readiness matter: the application itself is alive
    }

    @Override
    public Result call(Map<String, Object> options) {
        RecordingStats s = endpoint.recording().stats();
        HealthCheckResultBuilder b = result();
        if (s == null) {
            return b.unknown().message("not recording").build();
        }
        b.detail("files.closed", s.closed()).detail("files.failed", s.failed())
                .detail("files.failedInARow", s.failingInARow()).detail("files.deleted", s.deleted())
                .detail("bytes", s.bytes());
        if (s.lastFile() != null) {
            b.detail("lastFile", s.lastFile().toString()).detail("lastClosedAt", String.valueOf(s.lastClosedAt()));
        }
        if (s.failingInARow() >= FAILED_IN_A_ROW) {
            return b.down().message(s.failingInARow() + " files failed in a row: " + s.lastError()).build();
        }
        return b.up().message("recording").build();
    }
}
