package org.camelav.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.camelav.media.AvErrors;
import org.camelav.media.AvException;
import org.camelav.media.AvTimeoutException;
import org.camelav.testsupport.Await;
import org.camelav.testsupport.HttpTsCamera;
import org.junit.jupiter.api.Test;

/** A live source that crashes, hangs or never comes up, against a real server on 127.0.0.1. */
class LiveSourceTest extends CamelTestSupport {

    private final List<Exchange> received = new CopyOnWriteArrayList<>();
    private final List<Exchange> failures = new CopyOnWriteArrayList<>();

    private String addRoute(String uri) throws Exception {
        String id = "live" + System.nanoTime();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                onException(Exception.class).handled(true).process(failures::add);
                from(uri).routeId(id).process(received::add);
            }
        });
        return id;
    }

    private AvConsumer consumer(String routeId) {
        return (AvConsumer) context.getRoute(routeId).getConsumer();
    }

    @Test
    void reconnectsAfterTheCameraCrashesAndComesBack() throws Exception {
        try (HttpTsCamera camera = new HttpTsCamera().start()) {
            String id = addRoute("av:" + camera.url() + "?reconnectDelay=200&reconnectMaxDelay=500&timeout=3000");
            Await.until("first frames", 20, () -> received.size() >= 10);
            AvConsumer consumer = consumer(id);
            assertEquals(HealthCheck.State.UP, consumer.getHealthCheck().call().getState());

            camera.kill();
            int beforeRestart = received.size();
            Await.until("the consumer to notice", 10, () -> "RECONNECTING".equals(consumer.getState()));
            assertEquals(HealthCheck.State.DOWN, consumer.getHealthCheck().call().getState());
            Thread.sleep(1000); // a few refused attempts while the camera is down
            assertTrue(received.size() - beforeRestart <= 25, "no frames while down (buffered ones aside)");

            camera.start();
            Await.until("frames after the restart", 30, () -> received.stream().anyMatch(
                    e -> Boolean.TRUE.equals(e.getMessage().getHeader(AvConstants.DISCONTINUITY))));
            int mark = received.size();
            Await.until("frames flowing again", 20, () -> received.size() >= mark + 10);
            assertTrue(consumer.getReconnects() >= 1, "reconnects: " + consumer.getReconnects());
            assertTrue(consumer.getErrors() >= 2, "the loss and at least one refused attempt: " + consumer.getErrors());
            assertEquals(HealthCheck.State.UP, consumer.getHealthCheck().call().getState());
            assertTrue(failures.isEmpty());
        }
    }

    @Test
    void givesUpAfterMaxAttemptsWithTheErrorInTheRoute() throws Exception {
        int port = HttpTsCamera.freePort();
        addRoute("av:http://user:secret@127.0.0.1:" + port
                 + "/live.ts?reconnectDelay=50&reconnectAttempts=2&bridgeErrorHandler=true");
        Await.until("the error to reach the route", 20, () -> !failures.isEmpty());
        Exception e = failures.get(0).getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        AvException av = assertInstanceOf(AvException.class, e);
        assertTrue(av.getMessage().contains("Connection refused"), av.getMessage());
        assertTrue(!av.getMessage().contains("secret") && av.getMessage().contains("user:xxxxxx@"), av.getMessage());
        assertTrue(received.isEmpty());
    }

    @Test
    void aServerThatNeverSendsTripsTheTimeout() throws Exception {
        try (HttpTsCamera.Silent silent = new HttpTsCamera.Silent()) {
            long t0 = System.nanoTime();
            addRoute("av:" + silent.url() + "?timeout=1500&reconnect=false&bridgeErrorHandler=true");
            Await.until("the timeout", 15, () -> !failures.isEmpty());
            double took = (System.nanoTime() - t0) / 1e9;
            AvException av = assertInstanceOf(AvException.class,
                    failures.get(0).getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class));
            assertTrue(av.getMessage().contains("timed out"), av.getMessage());
            System.out.printf("MEASURED timeout=1500 ms tripped after %.3f s%n", took);
            assertTrue(took >= 1.4, "not before the timeout: " + took);
        }
    }

    @Test
    void aTimeoutIsCaughtByOnExceptionForAvTimeoutException() throws Exception {
        List<Exchange> timeouts = new CopyOnWriteArrayList<>();
        try (HttpTsCamera.Silent silent = new HttpTsCamera.Silent()) {
            // a TCP server that accepts and never sends a byte
            String tcp = silent.url().replace("http://", "tcp://").replace("/never.ts", "");
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    onException(AvTimeoutException.class).handled(true).process(timeouts::add);
                    onException(Exception.class).handled(true).process(failures::add);
                    from("av:" + tcp + "?format=mpegts&timeout=800&reconnect=false&bridgeErrorHandler=true")
                            .routeId("typed-timeout").process(received::add);
                }
            });
            Await.until("the timeout in its own handler", 15, () -> !timeouts.isEmpty() || !failures.isEmpty());
            assertTrue(failures.isEmpty(), () -> "not the generic handler: "
                    + failures.get(0).getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class));
            AvTimeoutException e = assertInstanceOf(AvTimeoutException.class,
                    timeouts.get(0).getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class));
            assertEquals(AvErrors.EXIT, e.getErrorCode());
            // with format=mpegts the open reads nothing: the stream-info probe is what times out
            assertTrue(e.getMessage().startsWith("Cannot read stream information: Immediate exit requested"),
                    e.getMessage());
            assertTrue(e.getUrl().startsWith("tcp://127.0.0.1:"), e.getUrl());
            assertTrue(received.isEmpty());
        }
    }

    @Test
    void stoppingARouteBlockedOnAHungServerReturnsPromptly() throws Exception {
        try (HttpTsCamera.Silent silent = new HttpTsCamera.Silent()) {
            String id = addRoute("av:" + silent.url() + "?timeout=60000");
            Await.until("the consumer to block in open", 10, () -> "CONNECTING".equals(consumer(id).getState()));
            Thread.sleep(500);
            long t0 = System.nanoTime();
            context.getRouteController().stopRoute(id, 30, TimeUnit.SECONDS);
            double took = (System.nanoTime() - t0) / 1e9;
            System.out.printf("MEASURED stop while blocked in open: %.3f s%n", took);
            assertTrue(took < 5, "stop took " + took + " s with a 60 s FFmpeg timeout pending");
            assertTrue(failures.isEmpty(), "a stop is not an error");
        }
    }

    @Test
    void latestFrameModeDropsStaleFramesAndCountsThem() throws Exception {
        List<Long> indexes = new CopyOnWriteArrayList<>();
        List<Long> dropped = new CopyOnWriteArrayList<>();
        String id = "latest";
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("av:testsrc2=size=160x120:rate=50?format=lavfi&latestFrame=true&maxFrames=100").routeId(id)
                        .process(e -> {
                            indexes.add(e.getMessage().getHeader(AvConstants.FRAME_INDEX, Long.class));
                            dropped.add(e.getMessage().getHeader(AvConstants.DROPPED_FRAMES, Long.class));
                            Thread.sleep(60); // three frame intervals: the route is slower than the source
                        });
            }
        });
        Await.until("the last frame", 30, () -> indexes.contains(99L));
        AvConsumer consumer = consumer(id);
        long droppedHeaders = dropped.stream().mapToLong(Long::longValue).sum();
        assertTrue(droppedHeaders > 40, "most frames dropped: " + droppedHeaders);
        assertEquals(100, indexes.size() + droppedHeaders, "every frame either delivered or counted as dropped");
        assertEquals(droppedHeaders, consumer.getDroppedFrames());
        for (int i = 1; i < indexes.size(); i++) {
            assertEquals(indexes.get(i - 1) + 1 + dropped.get(i), indexes.get(i), "gap = dropped count");
        }
    }

    @Test
    void stoppingAProducerBlockedOnAStalledServerReturnsPromptly() throws Exception {
        double took = stopWithTheProducerBlocked("", "");
        // bounded by the consumer's waits for its in-flight exchange (5 s, interrupt, 5 s) plus the producer's 5 s
        // grace before it interrupts the write, instead of by the 120 s write timeout
        assertTrue(took < 20, "stop took " + took + " s with a 120 s write timeout pending");
    }

    @Test
    void stopAndCloseTimeoutsBoundTheStop() throws Exception {
        double took = stopWithTheProducerBlocked("&stopTimeout=500", "&closeTimeout=500");
        // 0.5 s graceful + 0.5 s after the interrupt + 0.5 s grace: well under the defaults' 15 s
        assertTrue(took > 1 && took < 6, "stop took " + took + " s with 0.5 s timeouts");
    }

    /** Seconds a route takes to stop while its producer is blocked writing to a server that never reads. */
    private double stopWithTheProducerBlocked(String consumerOptions, String producerOptions) throws Exception {
        try (HttpTsCamera.Silent sink = new HttpTsCamera.Silent()) {
            String tcp = sink.url().replace("http://", "tcp://").replace("/never.ts", "");
            java.util.concurrent.atomic.AtomicLong sent = new java.util.concurrent.atomic.AtomicLong();
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    // 900 KB raw frames into a server that never reads: the socket buffers fill, the write blocks
                    from("av:testsrc2=size=640x480:rate=25?format=lavfi&pixelFormat=bgr24" + consumerOptions)
                            .routeId("flood")
                            .process(e -> sent.incrementAndGet())
                            .to("av:" + tcp + "?format=rawvideo&codec=rawvideo&pixelFormat=bgr24&timeout=120000"
                                + producerOptions);
                }
            });
            Await.until("the write to block", 30, () -> {
                long before = sent.get();
                try {
                    Thread.sleep(1500);
                } catch (InterruptedException e) {
                    return false;
                }
                return before > 0 && sent.get() == before;
            });
            long t0 = System.nanoTime();
            context.getRouteController().stopRoute("flood", 60, TimeUnit.SECONDS);
            double took = (System.nanoTime() - t0) / 1e9;
            System.out.printf("MEASURED stop with the producer blocked in a write%s%s: %.3f s (%d frames sent)%n",
                    consumerOptions, producerOptions, took, sent.get());
            return took;
        }
    }
}
