package org.camelav.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.apache.camel.Exchange;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.camelav.testsupport.Await;
import org.camelav.testsupport.FfmpegCli;
import org.camelav.testsupport.SrtPeer;
import org.junit.jupiter.api.Test;

/** SRT both ways on 127.0.0.1, with the bundled ffmpeg (libsrt) as the peer: SRT needs no server. */
class SrtRoutesTest extends CamelTestSupport {

    @Test
    void producerPublishesToAnSrtListener() throws Exception {
        Path out = Path.of("target", "srt-received.ts");
        Files.deleteIfExists(out);
        try (SrtPeer rx = SrtPeer.receiver(out)) {
            NotifyBuilder done = new NotifyBuilder(context).fromRoute("srt-out").whenDone(50).create();
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("av:testsrc2=size=320x240:rate=25?format=lavfi&maxFrames=50&realtime=true").routeId("srt-out")
                            .to("av:" + rx.url() + "?format=mpegts&codec=mpeg4&gopSize=25");
                }
            });
            assertTrue(done.matches(30, TimeUnit.SECONDS), "50 frames through the route");
            context.getRouteController().stopRoute("srt-out"); // trailer written, SRT connection closed
            assertEquals(0, rx.awaitExit(Duration.ofSeconds(20)), "receiver ended cleanly:\n" + rx.log());
        }
        long frames = FfmpegCli.countFrames(out, "v:0");
        assertTrue(frames >= 45 && frames <= 50, "frames received over SRT: " + frames);
        // MPEG-TS: ffprobe lists the stream once more under its program
        assertEquals(List.of("mpeg4", "320", "240"),
                FfmpegCli.probeValues(out, "v:0", "stream=codec_name,width,height").subList(0, 3));
    }

    @Test
    void consumerListensForAnSrtCaller() throws Exception {
        int port = SrtPeer.freePort();
        List<Exchange> received = new CopyOnWriteArrayList<>();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("av:srt-in?url=RAW(srt://127.0.0.1:" + port + "?mode=listener)&format=mpegts&timeout=20000")
                        .routeId("srt-in").process(received::add);
            }
        });
        Await.until("the consumer to listen", 10, () -> SrtPeer.isBound(port));
        try (SrtPeer tx = SrtPeer.sender(port, 75)) {
            Await.until("frames over SRT", 30, () -> received.size() >= 60);
            tx.awaitExit(Duration.ofSeconds(20));
        }
        context.getRouteController().stopRoute("srt-in");
        Exchange first = received.get(0);
        assertEquals(320, first.getMessage().getHeader(AvConstants.WIDTH));
        assertEquals(240, first.getMessage().getHeader(AvConstants.HEIGHT));
        assertEquals("mpeg4", first.getMessage().getHeader(AvConstants.CODEC_NAME));
        double last = -1;
        for (Exchange e : received) {
            Double t = e.getMessage().getHeader(AvConstants.TIME, Double.class);
            if (t != null) {
                assertTrue(t > last, "time increases: " + t + " after " + last);
                last = t;
            }
        }
    }
}
