package org.camelav.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.apache.logging.log4j.Level;
import org.camelav.testsupport.Await;
import org.camelav.testsupport.LogCapture;
import org.camelav.testsupport.RtspCameraServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The GStreamer test camera with RTCP sender reports that lie (rtpbin {@code ntp-time-source=running-time}: an NTP
 * clock near 1900, as a camera whose clock reset after a power cut): FFmpeg reports that clock as the camera's
 * real-time start, and the recorder does not trust it: segments are named by this machine's receive clock, with one
 * WARN, and retention keeps them.
 */
class LyingCameraClockTest extends CamelTestSupport {

    @TempDir
    Path dir;

    @Test
    void aCameraClockNear1900NamesNothing() throws Exception {
        AtomicLong realtime = new AtomicLong();
        List<Exchange> closed = new CopyOnWriteArrayList<>();
        Instant started = Instant.now();
        try (RtspCameraServer cam = RtspCameraServer.startWithClock("running-time");
             LogCapture log = new LogCapture("org.camelav.recording.WallClock")) {
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("av:" + cam.url("/test") + "?mode=packets&formatOptions.rtsp_transport=tcp").routeId("cam")
                            .process(e -> {
                                Long rt = e.getMessage().getHeader(AvConstants.REALTIME_START, Long.class);
                                if (rt != null) {
                                    realtime.set(rt);
                                }
                            })
                            .to("av:" + dir + "/cam-%Y%m%d-%H%M%S.ts?record=true&segmentDuration=2&retainHours=1")
                            .filter(header(AvConstants.SEGMENT_CLOSED).isNotNull()).process(closed::add);
                }
            });
            Await.until("two segments", 30, () -> closed.size() >= 2);
            context.getRouteController().stopRoute("cam");
            Instant camera = Instant.ofEpochSecond(0, realtime.get() * 1000);
            assertTrue(realtime.get() != 0 && camera.isBefore(Instant.parse("2000-01-01T00:00:00Z")),
                    "the camera's RTCP clock lies: " + camera);
            assertEquals(1, log.count(Level.WARN, "off this machine's"), log.events().toString());
        }
        for (Exchange e : closed) {
            Instant start = Instant.parse(e.getMessage().getHeader(AvConstants.SEGMENT_START, String.class));
            assertTrue(Duration.between(started, start).abs().getSeconds() < 30,
                    "named by the receive clock, not the camera's: " + start);
            assertTrue(java.nio.file.Files.exists(Path.of(e.getMessage().getHeader(AvConstants.SEGMENT_CLOSED,
                    String.class))), "retention (retainHours=1) kept it");
        }
        System.out.printf("lying camera clock: RTCP says %s; %d segments named from %s%n",
                Instant.ofEpochSecond(0, realtime.get() * 1000), closed.size(),
                closed.get(0).getMessage().getHeader(AvConstants.SEGMENT_START));
    }
}
