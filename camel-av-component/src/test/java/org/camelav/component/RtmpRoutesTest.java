package org.camelav.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.camelav.testsupport.Await;
import org.camelav.testsupport.RtmpServer;
import org.junit.jupiter.api.Test;

/** Publish to a real RTMP server (nginx-rtmp on 127.0.0.1) with the producer and play it back with the consumer. */
class RtmpRoutesTest extends CamelTestSupport {

    @Test
    void publishesFlvOverRtmpAndReadsItBack() throws Exception {
        List<Exchange> played = new CopyOnWriteArrayList<>();
        try (RtmpServer rtmp = RtmpServer.start()) {
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("av:testsrc2=size=320x240:rate=25?format=lavfi&realtime=true").routeId("publish")
                            .to("av:" + rtmp.url("cam1") + "?format=flv&codec=h264&gopSize=25");
                    from("av:" + rtmp.url("cam1") + "?reconnectDelay=300&timeout=10000").routeId("play")
                            .autoStartup(false).process(played::add);
                }
            });
            Thread.sleep(1500); // nginx-rtmp has a stream to play once the publisher's first key frame arrived
            context.getRouteController().startRoute("play");
            Await.until("50 frames played back over RTMP", 40, () -> played.size() >= 50);
            Exchange e = played.get(played.size() - 1);
            assertEquals("h264", e.getMessage().getHeader(AvConstants.CODEC_NAME));
            assertEquals(320, e.getMessage().getHeader(AvConstants.WIDTH));
            assertEquals(240, e.getMessage().getHeader(AvConstants.HEIGHT));
            double span = played.get(played.size() - 1).getMessage().getHeader(AvConstants.TIME, Double.class)
                          - played.get(0).getMessage().getHeader(AvConstants.TIME, Double.class);
            assertTrue(span > 1.5, "live media time advances: " + span);
            context.getRouteController().stopRoute("play");
            context.getRouteController().stopRoute("publish");
        }
    }
}
