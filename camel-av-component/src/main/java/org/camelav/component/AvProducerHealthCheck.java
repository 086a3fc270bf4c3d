package org.camelav.component;

import java.util.Map;

import org.apache.camel.health.HealthCheckResultBuilder;

/**
 * Producer health for Camel's producers repository (off unless {@code camel.health.producersEnabled=true}, as for all
 * of Camel's producer checks; {@code healthCheckProducerEnabled=false} on the component turns it off for av alone):
 * DOWN after a write failed until a write succeeds again, else UP, with the counters as details.
 */
final class AvProducerHealthCheck extends AvHealthCheck {

    private final AvProducer producer;

    AvProducerHealthCheck(AvProducer producer) {
        super("producer", producer.getEndpoint());
        this.producer = producer;
    }

    @Override
    public boolean isLiveness() {
        return false; // a failed output is a readiness matter: the application itself is alive
    }

    @Override
    public Result call(Map<String, Object> options) {
        AvProducerStats s = producer.stats();
        HealthCheckResultBuilder b = result()
                .detail("frames", s.frames())
                .detail("packets", s.packets())
                .detail("bytes", s.bytes())
                .detail("outputs", s.outputs())
                .detail("errors", s.errors());
        if (s.isFailing()) {
            return b.down().message("the last write failed").error(s.lastError()).build();
        }
        return b.up().message(s.isWriting() ? "writing" : "idle").build();
    }
}
