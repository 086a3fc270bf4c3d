package org.camelav.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.camelav.media.container.MediaInput;
import org.camelav.media.container.MediaReader;
import org.camelav.media.container.ReaderOptions;
import org.camelav.testsupport.Await;
import org.camelav.testsupport.RtspCameraServer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every RTSP session a reader ends gets a TEARDOWN the camera sees (its log's TEARDOWN lines, one per PLAY), over TCP
 * and UDP: when a route stops, when a reconnect drops a stalled session, and when the camera is frozen at close time.
 * A session dropped without one streams on (over UDP) until the camera times it out, and cameras with 2-4 sessions
 * refuse new ones with "453 Not Enough Bandwidth" meanwhile. Close times go to the output as {@code MEASURED} lines.
 */
class RtspTeardownTest extends CamelTestSupport {

    private static String uri(RtspCameraServer cam, String transport) {
        return "av:" + cam.url("/test") + "?formatOptions.rtsp_transport=" + transport
               + "&reconnectDelay=200&reconnectMaxDelay=1000&timeout=2000";
    }

    /** Waits until every connection the camera accepted has ended, then expects one TEARDOWN per PLAY. */
    private static void assertEverySessionTornDown(RtspCameraServer cam) throws InterruptedException {
        Await.until("the camera to see every connection close", 15,
                () -> cam.count("CLOSED") >= cam.count("CLIENT"));
        assertTrue(cam.count("PLAY") >= 1, cam.log());
        assertEquals(cam.count("PLAY"), cam.count("TEARDOWN"), "one TEARDOWN per session:\n" + cam.log());
    }

    private static long ms(long sinceNanos) {
        return (System.nanoTime() - sinceNanos) / 1_000_000;
    }

    /** Stopped while streaming, or while the camera hangs (the stop interrupts a stalled read, then closes). */
    @ParameterizedTest
    @CsvSource({ "tcp,false", "udp,false", "tcp,true", "udp,true" })
    void aStoppedRouteTearsDownItsSession(String transport, boolean frozen) throws Exception {
        List<Exchange> got = new CopyOnWriteArrayList<>();
        try (RtspCameraServer cam = RtspCameraServer.startWithSessionLog()) {
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from(uri(cam, transport)).routeId("cam").process(got::add);
                }
            });
            Await.until("frames", 30, () -> got.size() >= 10);
            if (frozen) {
                cam.freeze();
                Thread.sleep(500); // the reader drains what was buffered and blocks
            }
            long t0 = System.nanoTime();
            context.getRouteController().stopRoute("cam");
            long took = ms(t0);
            System.out.printf("MEASURED rtsp %s route stop with TEARDOWN, %s camera: %d ms%n", transport,
                    frozen ? "frozen" : "live", took);
            assertTrue(took < MediaInput.CLOSE_DEADLINE_MILLIS + 1_000,
                    "route stop took " + took + " ms");
            if (frozen) {
                cam.thaw();
            }
            assertEverySessionTornDown(cam);
        }
    }

    /** The read times out on a frozen camera; the reconnect closes that session, and the thawed camera reads its TEARDOWN. */
    @ParameterizedTest
    @ValueSource(strings = { "tcp", "udp" })
    void aReconnectTearsDownTheStalledSession(String transport) throws Exception {
        List<Exchange> got = new CopyOnWriteArrayList<>();
        try (RtspCameraServer cam = RtspCameraServer.startWithSessionLog()) {
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from(uri(cam, transport)).routeId("cam").process(got::add);
                }
            });
            Await.until("frames", 30, () -> got.size() >= 10);
            AvConsumer consumer = (AvConsumer) context.getRoute("cam").getConsumer();
            cam.freeze();
            Await.until("the stall to be noticed", 15, () -> !"STREAMING".equals(consumer.getState()));
            cam.thaw();
            Await.until("frames after the reconnect", 30, () -> got.stream()
                    .anyMatch(e -> Boolean.TRUE.equals(e.getMessage().getHeader(AvConstants.DISCONTINUITY))));
            Await.until("the stalled session's TEARDOWN", 10, () -> cam.count("TEARDOWN") >= 1);
            assertTrue(cam.count("PLAY") >= 2, cam.log());
            context.getRouteController().stopRoute("cam");
            assertEverySessionTornDown(cam);
        }
    }

    /** A close never waits on the camera for more than the deadline: here one that hangs with its sockets open. */
    @ParameterizedTest
    @ValueSource(strings = { "tcp", "udp" })
    void closeIsBoundedWithAFrozenCamera(String transport) throws Exception {
        try (RtspCameraServer cam = RtspCameraServer.startWithSessionLog()) {
            ReaderOptions o = ReaderOptions.builder(cam.url("/test")).formatOptions(Map.of("rtsp_transport", transport))
                    .timeoutMillis(2_000).build();
            long live = timedClose(o, null);
            long frozen = timedClose(o, cam);
            System.out.printf("MEASURED rtsp %s close with TEARDOWN: %d ms live camera, %d ms frozen camera"
                              + " (deadline %d ms)%n", transport, live, frozen, MediaInput.CLOSE_DEADLINE_MILLIS);
            assertTrue(live < MediaInput.CLOSE_DEADLINE_MILLIS + 200, "close took " + live + " ms");
            assertTrue(frozen < MediaInput.CLOSE_DEADLINE_MILLIS + 200, "frozen close took " + frozen + " ms");
            cam.thaw();
            assertEverySessionTornDown(cam);
        }
    }

    /** Reads a few frames, freezes {@code cam} unless null, interrupts as a route stop does, and times the close. */
    private static long timedClose(ReaderOptions o, RtspCameraServer cam) {
        MediaReader r = MediaReader.open(o);
        long t0;
        try {
            for (int i = 0; i < 10; i++) {
                assertNotNull(r.next(), "the live stream ended early");
            }
            if (cam != null) {
                cam.freeze();
            }
            r.interrupt();
        } finally {
            t0 = System.nanoTime();
            r.close();
        }
        return ms(t0);
    }
}
