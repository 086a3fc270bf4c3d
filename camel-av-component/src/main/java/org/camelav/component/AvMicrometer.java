package org.camelav.component;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import org.apache.camel.CamelContext;
import org.camelav.recording.RecordingStats;

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
        AvConsumerStats s = c.stats();
        for (AvConsumerStats.Figure f : AvConsumerStats.FIGURES) {
            if (f.gauge()) {
                m.gauge(f.meter(), f.description(), f.unit(), s, f.value());
            } else {
                m.counter(f.meter(), f.description(), s, f.value());
            }
        }
        return m;
    }

    static AutoCloseable bindProducer(AvProducer p) {
        MeterRegistry registry = registry(p.getEndpoint().getCamelContext());
        if (registry == null) {
            return null;
        }
        Meters m = new Meters(registry, Tags.of("endpoint", "av:" + p.getEndpoint().maskedUrl()));
        AvProducerStats s = p.stats();
        m.counter("av.producer.frames.written", "Frames encoded into the output", s, AvProducerStats::frames);
        m.counter("av.producer.packets.written", "Packets remuxed into the output", s, AvProducerStats::packets);
        m.counter("av.producer.bytes", "Bytes of the packets muxed (payload)", s, AvProducerStats::bytes);
        m.counter("av.producer.segments", "Outputs opened: the first, and a new one after each failure or restart", s,
                AvProducerStats::outputs);
        m.counter("av.producer.errors", "Writes that failed", s, AvProducerStats::errors);
        return m;
    }

    static AutoCloseable bindRecording(AvEndpoint e) {
        MeterRegistry registry = registry(e.getCamelContext());
        if (registry == null) {
            return null;
        }
        Meters m = new Meters(registry, Tags.of("endpoint", "av:" + e.maskedUrl()));
        AvRecording r = e.recording();
        m.counter("av.recording.files.closed", "Segments or clips closed (playable)", r,
                x -> stat(x, RecordingStats::closed));
        m.counter("av.recording.files.failed", "Segments or clips whose writing failed", r,
                x -> stat(x, RecordingStats::failed));
        m.counter("av.recording.bytes", "Bytes of the files closed", r, x -> stat(x, RecordingStats::bytes));
        m.counter("av.recording.files.deleted", "Files deleted by retention", r, x -> stat(x, RecordingStats::deleted));
        m.gauge("av.recording.files.failed.in.a.row", "Files that failed one after the other; 0 while recording works",
                null, r, x -> stat(x, RecordingStats::failingInARow));
        return m;
    }

    private static double stat(AvRecording r, java.util.function.ToLongFunction<RecordingStats> f) {
        RecordingStats s = r.stats();
        return s == null ? 0 : f.applyAsLong(s);
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

        <T> void counter(String name, String description, T obj, ToDoubleFunction<T> f) {
            meters.add(FunctionCounter.builder(name, obj, f).description(description).tags(tags).register(registry));
        }

        <T> void gauge(String name, String description, String unit, T obj, ToDoubleFunction<T> f) {
            meters.add(Gauge.builder(name, obj, f).description(description).baseUnit(unit).tags(tags)
                    .register(registry));
        }

        @Override
        public void close() {
            meters.forEach(registry::remove);
        }
    }
}
