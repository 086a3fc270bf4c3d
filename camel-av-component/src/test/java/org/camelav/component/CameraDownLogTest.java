package org.camelav.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.apache.logging.log4j.Level;
import org.camelav.testsupport.Await;
import org.camelav.testsupport.LogCapture;
import org.camelav.testsupport.RtspCameraServer;
import org.junit.jupiter.api.Test;

/**
 * Cameras that are down, and what the logs say about them: FFmpeg's "Connection refused" at ERROR once, not on every
 * retry; a line when the back-off grows, not one per attempt; one INFO with the outage's length on recovery; and a
 * camera that answers 401 is retried at the longest back-off at once (a wrong password locks some cameras).
 */
class CameraDownLogTest extends CamelTestSupport {

    @Test
    void aCameraThatIsDownIsReportedOnceAndItsRecoveryWithTheOutage() throws Exception {
        AtomicLong frames = new AtomicLong();
        try (RtspCameraServer cam = RtspCameraServer.start();
             LogCapture ffmpeg = new LogCapture("org.camelav.ffmpeg");
             LogCapture reader = new LogCapture("org.camelav.live.ReconnectingReader")) {
            cam.kill();
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("av:" + cam.url("/test") + "?mode=packets&formatOptions.rtsp_transport=tcp&reconnectDelay=50"
                         + "&reconnectMaxDelay=400").routeId("cam").process(e -> frames.incrementAndGet());
                }
            });
            Thread.sleep(5_000); // 50, 100, 200, then 400 ms: about 15 attempts
            long refusedErrors = ffmpeg.count(Level.ERROR, "Connection refused");
            long downLines = reader.count(Level.WARN, "still down") + reader.count(Level.WARN, "retrying with back-off");
            cam.restart();
            Await.until("frames after the restart", 30, () -> frames.get() > 0);
            assertTrue(refusedErrors <= 2, "FFmpeg's Connection refused logged at ERROR " + refusedErrors
                                           + " times in 5 s: " + ffmpeg.events());
            assertTrue(ffmpeg.count(Level.DEBUG, "Connection refused") >= 5, "the retries' lines at DEBUG");
            assertTrue(downLines <= 5, downLines + " lines about the outage: " + reader.events());
            assertEquals(1, reader.count(Level.INFO, "s down, "), reader.events().toString());
        }
    }

    @Test
    void aCameraThatAnswers401IsRetriedAtTheLongestBackOff() throws Exception {
        try (RtspCameraServer cam = RtspCameraServer.start("admin", "s3cret");
             LogCapture reader = new LogCapture("org.camelav.live.ReconnectingReader")) {
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("av:" + cam.url("/test", "admin", "wrong") + "?mode=packets&reconnectDelay=100"
                         + "&reconnectMaxDelay=3000").routeId("cam").to("log:never");
                }
            });
            Thread.sleep(5_000); // without the rule: 100, 200, 400, 800, 1600 ms: 6 sessions or more
            long sessions = cam.clients();
            assertTrue(sessions <= 3, sessions + " RTSP sessions with a wrong password in 5 s");
            assertEquals(1, reader.count(Level.WARN, "refused us"), reader.events().toString());
            System.out.printf("401: %d sessions in 5 s at reconnectMaxDelay=3000%n", sessions);
        }
    }
}
