package org.camelav.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.camelav.testsupport.Await;
import org.camelav.testsupport.RtspCameraServer;
import org.camelav.testsupport.TestMedia;
import org.junit.jupiter.api.Test;

/**
 * operation=snapshot against the GStreamer RTSP camera: from a cold start it opens the camera once for a picture; while
 * a consumer (frames or packets) of the same camera runs, snapshots come from it without another RTSP session.
 */
class SnapshotRoutesTest extends CamelTestSupport {

    private static BufferedImage image(Exchange e) throws Exception {
        assertTrue(e.getException() == null, String.valueOf(e.getException()));
        byte[] jpeg = e.getMessage().getBody(byte[].class);
        assertEquals("image/jpeg", e.getMessage().getHeader(Exchange.CONTENT_TYPE));
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(jpeg));
        assertNotNull(img, "a JPEG");
        return img;
    }

    @Test
    void coldStartOpensTheCameraOnceAndClosesIt() throws Exception {
        try (RtspCameraServer cam = RtspCameraServer.start()) {
            Exchange e = template.request("av:" + cam.url("/test") + "?operation=snapshot&imageFormat=jpeg", x -> {
            });
            BufferedImage img = image(e);
            assertEquals(320, img.getWidth());
            assertEquals(240, img.getHeight());
            assertEquals(AvSnapshot.FROM_SOURCE, e.getMessage().getHeader(AvConstants.SNAPSHOT_SOURCE));
            assertEquals(1, cam.clients());
        }
    }

    @Test
    void aRunningFramesConsumerServesSnapshotsWithoutASecondSession() throws Exception {
        sharedSession("", "frames");
    }

    @Test
    void aRunningPacketsConsumerServesSnapshotsWithoutASecondSession() throws Exception {
        sharedSession("&mode=packets", "packets");
    }

    @Test
    void aSnapshotOfACameraThatWentDownSaysHowOldItIs() throws Exception {
        try (RtspCameraServer cam = RtspCameraServer.start()) {
            String url = cam.url("/test");
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("av:" + url + "?formatOptions.rtsp_transport=tcp&reconnectDelay=200").routeId("cam")
                            .to("mock:frames");
                }
            });
            getMockEndpoint("mock:frames").expectedMinimumMessageCount(5);
            getMockEndpoint("mock:frames").assertIsSatisfied(20_000);
            Exchange live = template.request("av:" + url + "?operation=snapshot", x -> {
            });
            image(live);
            long fresh = live.getMessage().getHeader(AvConstants.SNAPSHOT_AGE, Long.class);
            assertTrue(fresh < 1000, "a live picture: " + fresh + " ms old");
            cam.kill();
            Thread.sleep(2500);
            Exchange stale = template.request("av:" + url + "?operation=snapshot", x -> {
            });
            image(stale); // the last picture, not an error: with its age
            long age = stale.getMessage().getHeader(AvConstants.SNAPSHOT_AGE, Long.class);
            assertTrue(age >= 2000, "the camera went down 2.5 s ago: " + age + " ms");
            assertEquals(1, cam.clients());
        }
    }

    @Test
    void packetsOfRawPicturesAreRefusedAtOnceNeverDecodedFromACopy() throws Exception {
        String src = "testsrc2=size=160x120:rate=25";
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("av:" + src + "?format=lavfi&mode=packets&realtime=true").routeId("raw").to("mock:raw");
            }
        });
        getMockEndpoint("mock:raw").expectedMinimumMessageCount(5);
        getMockEndpoint("mock:raw").assertIsSatisfied(20_000);
        long t0 = System.nanoTime();
        Exchange e = template.request("av:" + src + "?format=lavfi&operation=snapshot", x -> {
        });
        assertTrue(e.getException() != null && e.getException().getMessage().contains("wrapped_avframe"),
                String.valueOf(e.getException()));
        assertTrue(System.nanoTime() - t0 < 5_000_000_000L, "refused at once, not after the timeout");
        context.getRouteController().stopRoute("raw");
    }

    @Test
    void pollEnrichTakesASnapshot() throws Exception {
        Path clip = TestMedia.clip("snapshot.mp4", 25, 25, false);
        Exchange e = template.request("direct:poll", x -> x.getMessage().setHeader("clip", clip.toString()));
        assertTrue(e.getException() == null, String.valueOf(e.getException()));
        BufferedImage img = image(e);
        assertEquals(320, img.getWidth());
        assertEquals(AvSnapshot.FROM_SOURCE, e.getMessage().getHeader(AvConstants.SNAPSHOT_SOURCE));
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:poll").pollEnrich().simple("av:${header.clip}?operation=snapshot").timeout(20_000);
            }
        };
    }

    private void sharedSession(String mode, String id) throws Exception {
        try (RtspCameraServer cam = RtspCameraServer.start()) {
            String url = cam.url("/test");
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("av:" + url + "?formatOptions.rtsp_transport=tcp" + mode).routeId(id).to("mock:" + id);
                }
            });
            getMockEndpoint("mock:" + id).expectedMinimumMessageCount(30);
            getMockEndpoint("mock:" + id).assertIsSatisfied(30_000);
            Await.until("the consumer's session", 5, () -> cam.clients() >= 1);
            for (int i = 0; i < 5; i++) {
                // the snapshot endpoint's options differ from the consumer's: the source URL is what is shared
                Exchange e = template.request("av:" + url + "?operation=snapshot&quality=90", x -> {
                });
                BufferedImage img = image(e);
                assertEquals(320, img.getWidth());
                assertEquals(240, img.getHeight());
                assertEquals(AvSnapshot.FROM_CONSUMER, e.getMessage().getHeader(AvConstants.SNAPSHOT_SOURCE));
            }
            assertEquals(1, cam.clients(), "one RTSP session: " + cam.log());
            context.getRouteController().stopRoute(id);
            // with the consumer stopped a snapshot opens the camera itself
            Exchange cold = template.request("av:" + url + "?operation=snapshot", x -> {
            });
            image(cold);
            assertEquals(AvSnapshot.FROM_SOURCE, cold.getMessage().getHeader(AvConstants.SNAPSHOT_SOURCE));
            assertEquals(2, cam.clients());
        }
    }
}
