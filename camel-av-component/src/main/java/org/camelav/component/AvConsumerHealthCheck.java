package org.camelav.component;

import java.util.Map;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.camelav.component.live.ReconnectingReader;

/**
 * Consumer health for Camel's health-check registry (consumers repository): UP while frames flow or a finite input has
 * ended normally, DOWN while (re)connecting after a failure or after giving up, with the counters as details.
 */
final class AvConsumerHealthCheck extends AvHealthCheck {

    private final AvConsumer consumer;

    AvConsumerHealthCheck(AvConsumer consumer) {
        super("consumer", consumer.getEndpoint());
        this.consumer = consumer;
    }

    @Override
    public Result call(Map<String, Object> options) {
        HealthCheckResultBuilder b = result()
                .detail("state", consumer.getState())
                .detail("frames", consumer.getFramesRead())
                .detail("reconnects", consumer.getReconnects())
                .detail("errors", consumer.getErrors())
                .detail("dropped", consumer.getDroppedFrames())
                .detail("decoding", String.valueOf(consumer.getDecoding()));
        ReconnectingReader r = consumer.reader();
        if (r == null) {
            return b.unknown().message("not started").build();
        }
        switch (r.state()) {
            case STREAMING:
                return b.up().build();
            case CONNECTING:
                return b.unknown().message("connecting").build();
            case ENDED:
                return r.lastError() == null ? b.up().message("input ended").build()
                        : b.down().message("gave up").error(r.lastError()).build();
            default:
                return b.down().message("reconnecting").error(r.lastError()).build();
        }
    }
}
