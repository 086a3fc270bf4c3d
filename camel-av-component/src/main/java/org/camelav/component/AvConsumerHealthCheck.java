package org.camelav.component;

import java.util.Map;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.camelav.live.ReconnectingReader;
import org.camelav.media.container.SourceWatchdog;

/**
 * Consumer health for Camel's health-check registry (consumers repository): UP while frames flow or a finite input has
 * ended normally, DOWN while (re)connecting after a failure or after giving up, with FFmpeg's reason as the message and
 * the counters as details. A live source that keeps its connection but gives no media is DOWN too: its reader gives the
 * connection up (see SourceWatchdog) after {@code staleAfterMillis} without a frame, or after a run of rejected
 * packets; {@code lastItemAgeMillis} says how long ago the last item came. Every value is read from the reader's
 * thread-safe counters and snapshots, never from its working state.
 */
final class AvConsumerHealthCheck extends AvHealthCheck {

    private final AvConsumer consumer;

    AvConsumerHealthCheck(AvConsumer consumer) {
        super("consumer", consumer.getEndpoint());
        this.consumer = consumer;
    }

    @Override
    public Result call(Map<String, Object> options) {
        AvConsumerStats s = consumer.stats();
        HealthCheckResultBuilder b = result()
                .detail("state", s.state())
                .detail("frames", s.framesRead())
                .detail("reconnects", s.reconnects())
                .detail("errors", s.errors())
                .detail("dropped", s.droppedFrames())
                .detail("decoding", String.valueOf(s.decoding()));
        ReconnectingReader r = consumer.reader();
        if (r == null) {
            return b.unknown().message("not started").build();
        }
        b.detail("lastItemAgeMillis", r.lastItemAgeMillis());
        long timeout = consumer.getEndpoint().getConfiguration().getTimeout();
        if (timeout > 0) {
            b.detail("staleAfterMillis", timeout * SourceWatchdog.STALE_TIMEOUTS);
        }
        switch (r.state()) {
            case STREAMING:
                return b.up().build();
            case CONNECTING:
                return b.unknown().message("connecting").build();
            case ENDED:
                return r.lastError() == null ? b.up().message("input ended").build()
                        : b.down().message("gave up: " + reason(r)).error(r.lastError()).build();
            default:
                return b.down().message("reconnecting: " + reason(r)).error(r.lastError()).build();
        }
    }

    /** FFmpeg's reason for the last failure, as the exception says it (URL masked). */
    private static String reason(ReconnectingReader r) {
        Exception e = r.lastError();
        return e == null ? "unknown" : e.getMessage();
    }
}
