package org.camelav.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.console.DevConsole;
import org.apache.camel.console.DevConsoleRegistry;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.HealthCheckRepository;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.util.FileUtil;
import org.apache.camel.util.json.JsonArray;
import org.apache.camel.util.json.JsonObject;
import org.camelav.testsupport.Await;
import org.camelav.testsupport.FfmpegCli;
import org.junit.jupiter.api.Test;

/** The av meters, the av dev console and the producer health check, on a real lavfi source and a real file. */
class ObservabilityTest {

    private static final Path OUT = Path.of("target", "observability");

    private static CamelContext context(MeterRegistry meters, boolean producerChecks) throws Exception {
        Files.createDirectories(OUT);
        Files.deleteIfExists(OUT.resolve("out.mkv"));
        CamelContext ctx = new DefaultCamelContext();
        if (meters != null) {
            ctx.getRegistry().bind("metricsRegistry", meters); // camel-micrometer's registry name
        }
        ctx.getComponent("av", AvComponent.class).setHealthCheckProducerEnabled(producerChecks);
        ctx.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("av:testsrc2=size=160x120:rate=25?format=lavfi&maxFrames=30").routeId("cam")
                        .to("av:" + OUT.resolve("out.mkv") + "?codec=mpeg4");
                from("av:testsrc2=size=160x120:rate=25?format=lavfi&maxFrames=2").routeId("bad")
                        .to("av:target/no-such-folder/out.mp4");
            }
        });
        return ctx;
    }

    private static java.util.stream.Stream<HealthCheck> producerChecks(CamelContext ctx) {
        HealthCheckRepository repo = HealthCheckHelper.getHealthCheckRepository(ctx, "producers");
        assertNotNull(repo, "the producers health-check repository (camel-health)");
        repo.setEnabled(true); // Camel's producer checks are off until camel.health.producersEnabled=true
        return repo.stream();
    }

    private static double meter(MeterRegistry r, String name, String tag, String value) {
        return r.get(name).tag(tag, value).functionCounter().count();
    }

    @Test
    void consumerAndProducerMetersCountWhatTheRouteDid() throws Exception {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (CamelContext ctx = context(meters, true)) {
            ctx.start();
            AvConsumer cam = (AvConsumer) ctx.getRoute("cam").getConsumer();
            Await.until("30 exchanges", 30, () -> cam.getExchanges() == 30 && "ENDED".equals(cam.getState()));
            assertEquals(30, meter(meters, "av.consumer.exchanges", "routeId", "cam"));
            assertEquals(30, meter(meters, "av.consumer.frames.read", "routeId", "cam"));
            assertEquals(0, meter(meters, "av.consumer.exchanges.failed", "routeId", "cam"));
            assertNotNull(meters.get("av.consumer.decode.lag").tag("routeId", "cam").gauge());
            String out = "av:" + OUT.resolve("out.mkv");
            assertEquals(30, meter(meters, "av.producer.frames.written", "endpoint", out));
            assertEquals(1, meter(meters, "av.producer.segments", "endpoint", out));
            assertTrue(meter(meters, "av.producer.bytes", "endpoint", out) > 1000);
            Await.until("the bad route's failures", 20, () -> meters.find("av.consumer.exchanges.failed")
                    .tag("routeId", "bad").functionCounter() != null
                    && meter(meters, "av.consumer.exchanges.failed", "routeId", "bad") == 2);
            assertEquals(2, meter(meters, "av.producer.errors", "endpoint", "av:target/no-such-folder/out.mp4"));
            ctx.getRouteController().stopRoute("cam");
            assertTrue(meters.find("av.consumer.exchanges").tag("routeId", "cam").functionCounter() == null,
                    "meters of a stopped consumer are removed");
        }
        // the file the producer finished: what ffprobe counts
        assertEquals("30", FfmpegCli.ffprobe("-v", "error", "-count_frames", "-select_streams", "v:0", "-show_entries",
                "stream=nb_read_frames", "-of", "csv=p=0", OUT.resolve("out.mkv").toString()).trim());
    }

    @Test
    void theDevConsoleListsEveryAvEndpointWithItsCounters() throws Exception {
        try (CamelContext ctx = context(null, true)) {
            ctx.start();
            AvConsumer cam = (AvConsumer) ctx.getRoute("cam").getConsumer();
            Await.until("30 exchanges", 30, () -> cam.getExchanges() == 30);
            DevConsole console = ctx.getCamelContextExtension().getContextPlugin(DevConsoleRegistry.class)
                    .resolveById("av");
            assertNotNull(console, "the av console, found through META-INF/services");
            JsonObject json = (JsonObject) console.call(DevConsole.MediaType.JSON);
            JsonObject lavfi = null;
            JsonObject file = null;
            for (Object o : (JsonArray) json.get("endpoints")) {
                JsonObject e = (JsonObject) o;
                if (e.getString("uri").equals("av:testsrc2=size=160x120:rate=25")) {
                    lavfi = e;
                } else if (e.getString("uri").endsWith("out.mkv")) {
                    file = e;
                }
            }
            assertNotNull(lavfi, json.toJson());
            assertNotNull(file, json.toJson());
            JsonObject consumer = (JsonObject) ((JsonArray) lavfi.get("consumers")).get(0);
            assertEquals(30L, consumer.getLong("exchanges"), consumer.toJson());
            // one list of figures: every one the meters publish is in the console, with JMX's value
            for (AvFigure<AvConsumerStats> f : AvConsumerStats.FIGURES) {
                assertTrue(consumer.containsKey(f.key()), f.key() + " in " + consumer.toJson());
            }
            assertEquals(cam.getFramesRead(), consumer.getLong("framesRead"), consumer.toJson());
            assertEquals("ENDED", consumer.getString("state"), consumer.toJson());
            assertEquals("160x120 yuv420p", consumer.getString("video"), consumer.toJson());
            assertEquals("video", ((JsonObject) consumer.get("stream")).getString("mediaType"));
            JsonObject producer = (JsonObject) ((JsonArray) file.get("producers")).get(0);
            assertEquals(30L, producer.getLong("framesWritten"), producer.toJson());
            assertTrue(producer.getLong("bytes") > 1000, producer.toJson());
            String text = (String) console.call(DevConsole.MediaType.TEXT);
            assertTrue(text.contains("framesWritten=30"), text);
        }
    }

    @Test
    void aFailingProducerIsDownWithItsErrorAndTheComponentOptionsTurnChecksOff() throws Exception {
        try (CamelContext ctx = context(null, true)) {
            ctx.start();
            HealthCheck check = producerChecks(ctx)
                   .filter(c -> c.getId().equals("producer:av:target/no-such-folder/out.mp4"))
                    .findFirst().orElseThrow();
            assertTrue(check.isEnabled());
            Await.until("both writes failed", 20, () -> Long.valueOf(2).equals(check.call().getDetails().get("errors")));
            HealthCheck.Result r = check.call();
            assertTrue(r.getError().orElseThrow().getMessage().contains("does not exist"), r.getError().toString());
            assertEquals(HealthCheck.State.DOWN, r.getState());
            HealthCheck ok = producerChecks(ctx)
                    .filter(c -> c.getId().endsWith("out.mkv")).findFirst().orElseThrow();
            assertEquals(HealthCheck.State.UP, ok.call().getState());
        }
        try (CamelContext ctx = context(null, false)) {
            ctx.getComponent("av", AvComponent.class).setHealthCheckConsumerEnabled(false);
            ctx.start();
            assertFalse(ctx.getRoute("cam").getConsumer() instanceof AvConsumer c && c.getHealthCheck().isEnabled());
            assertFalse(producerChecks(ctx)
                    .filter(c -> c.getId().startsWith("producer:av:")).anyMatch(HealthCheck::isEnabled));
        }
    }

    @Test
    void recordingMetersAndConsoleCountTheSameClosedSegments() throws Exception {
        try (CamelContext ctx = context(null, false)) { // first a real clip: 30 mpeg4 frames, a key frame every 12
            ctx.start();
            AvConsumer cam = (AvConsumer) ctx.getRoute("cam").getConsumer();
            Await.until("the clip", 30, () -> "ENDED".equals(cam.getState()) && cam.getExchanges() == 30);
        }
        Path dir = OUT.resolve("rec");
        FileUtil.removeDir(dir.toFile());
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (CamelContext ctx = new DefaultCamelContext()) {
            ctx.getRegistry().bind("metricsRegistry", meters);
            String uri = "av:" + dir + "/seg-%H%M%S.mkv?record=true&segmentDuration=0.4";
            ctx.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("av:" + OUT.resolve("out.mkv") + "?mode=packets").routeId("rec").to(uri);
                }
            });
            ctx.start();
            AvConsumer rec = (AvConsumer) ctx.getRoute("rec").getConsumer();
            Await.until("the clip recorded", 30, () -> "ENDED".equals(rec.getState()) && rec.getExchanges() == 30);
            // read while recording: the stats and meters go with the endpoint's last producer; the key frames at 0.48 s
            // and 0.96 s have closed two segments by now, the third stays open until the route stops
            long closed = ctx.getEndpoint(uri, AvEndpoint.class).recording().stats().closed();
            assertTrue(closed >= 2, "segments closed: " + closed);
            assertEquals(closed, meter(meters, "av.recording.files.closed", "endpoint",
                    "av:" + dir + "/seg-%H%M%S.mkv"));
            DevConsole console = ctx.getCamelContextExtension().getContextPlugin(DevConsoleRegistry.class)
                    .resolveById("av");
            JsonObject json = (JsonObject) console.call(DevConsole.MediaType.JSON);
            JsonObject recording = null;
            for (Object o : (JsonArray) json.get("endpoints")) {
                if (((JsonObject) o).get("recording") instanceof JsonObject r) {
                    recording = r;
                }
            }
            assertNotNull(recording, json.toJson());
            for (AvFigure<AvRecording> f : AvRecording.FIGURES) {
                assertTrue(recording.containsKey(f.key()), f.key() + " in " + recording.toJson());
            }
            assertEquals(closed, recording.getLong("filesClosed"), recording.toJson());
            assertEquals(0L, recording.getLong("filesFailedInARow"), recording.toJson());
        }
    }
}
