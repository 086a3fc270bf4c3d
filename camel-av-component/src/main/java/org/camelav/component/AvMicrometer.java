package org.camelav.component;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import org.apache.camel.CamelContext;

/**
 * The Micrometer side of {@link AvMetrics}; loaded only when Micrometer is present. The registry is the one
 * camel-micrometer uses: the bean {@code metricsRegistry}, else the registry's only (or composite) MeterRegistry, as
 * Spring Boot's actuator provides. Meters are tagged with the endpoint (credentials masked) and the route.
 */
final class AvMicrometer {

    /** camel-micrometer's MicrometerConstants.METRICS_REGISTRY_NAME. */
    private static final String REGISTRY_NAME = "metricsRegistry";

    private AvMicrometer() {
    }

    static AutoCloseable bindConsumer(AvConsumer c) {
        MeterRegistry registry = registry(c.getEndpoint().getCamelContext());
        if (registry == null) {
            return null;
        }
        Meters m = new Meters(registry, Tags.of("endpoint", "av:" + c.getEndpoint().maskedUrl(),
                "routeId", String.valueOf(c.getRouteId())));
        m.add(AvConsumerStats.FIGURES, c.stats());
        return m;
    }

    static AutoCloseable bindProducer(AvProducer p) {
        MeterRegistry registry = registry(p.getEndpoint().getCamelContext());
        if (registry == null) {
            return null;
        }
        Meters m = new Meters(registry, Tags.of("endpoint", "av:" + p.getEndpoint().maskedUrl()));
        m.add(AvProducerStats.FIGURES, p.stats());
        return m;
    }

    static AutoCloseable bindRecording(AvEndpoint e) {
        MeterRegistry registry = registry(e.getCamelContext());
        if (registry == null) {
            return null;
        }
        Meters m = new Meters(registry, Tags.of("endpoint", "av:" + e.maskedUrl()));
        m.add(AvRecording.FIGURES, e.recording());
        return m;
    }

    private static MeterRegistry registry(CamelContext ctx) {
        MeterRegistry named = ctx.getRegistry().lookupByNameAndType(REGISTRY_NAME, MeterRegistry.class);
        if (named != null) {
            return named;
        }
        Set<MeterRegistry> all = ctx.getRegistry().findByType(MeterRegistry.class);
        if (all.size() <= 1) {
            return all.isEmpty() ? null : all.iterator().next();
        }
        return all.stream().filter(r -> r instanceof CompositeMeterRegistry).findFirst()
                .orElse(all.iterator().next());
    }

    /** The meters of one consumer or producer, removed together. */
    private static final class Meters implements AutoCloseable {
        private final MeterRegistry registry;
        private final Tags tags;
        private final List<Meter> meters = new ArrayList<>();

        Meters(MeterRegistry registry, Tags tags) {
            this.registry = registry;
            this.tags = tags;
        }

        <T> void add(List<AvFigure<T>> figures, T source) {
            for (AvFigure<T> f : figures) {
                meters.add(f.gauge()
                        ? Gauge.builder(f.meter(), source, f.value()).description(f.description()).baseUnit(f.unit())
                                .tags(tags).register(registry)
                        : FunctionCounter.builder(f.meter(), source, f.value()).description(f.description())
                                .tags(tags).register(registry));
            }
        }

        @Override
        public void close() {
            meters.forEach(registry::remove);
        }
    }
}
