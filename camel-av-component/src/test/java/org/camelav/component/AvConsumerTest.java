package org.camelav.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.camelav.media.StreamInfo;
import org.camelav.media.video.VideoFrame;
import org.camelav.testsupport.Await;
import org.camelav.testsupport.FfmpegCli;
import org.camelav.testsupport.TestMedia;
import org.junit.jupiter.api.Test;

class AvConsumerTest extends CamelTestSupport {

    private final Path clip = TestMedia.clip("consumer-40.mp4", 40, 10, false);

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("av:" + clip).routeId("file").to("mock:frames");
                from("av:" + clip + "?mode=packets").routeId("packets").autoStartup(false).to("mock:packets");
            }
        };
    }

    @Test
    void oneExchangePerDecodedFrameWithContractHeaders() throws Exception {
        MockEndpoint mock = getMockEndpoint("mock:frames");
        mock.expectedMessageCount((int) FfmpegCli.countFrames(clip, "v:0"));
        mock.assertIsSatisfied(20_000);

        List<Exchange> got = mock.getReceivedExchanges();
        assertEquals(40, got.size());
        Exchange first = got.get(0);
        assertEquals("video", first.getMessage().getHeader(AvConstants.MEDIA_TYPE));
        assertEquals(0, first.getMessage().getHeader(AvConstants.STREAM_INDEX));
        assertEquals(0L, first.getMessage().getHeader(AvConstants.FRAME_INDEX));
        assertEquals(Boolean.TRUE, first.getMessage().getHeader(AvConstants.KEY_FRAME));
        assertEquals("I", first.getMessage().getHeader(AvConstants.PICT_TYPE));
        assertEquals(320, first.getMessage().getHeader(AvConstants.WIDTH));
        assertEquals(240, first.getMessage().getHeader(AvConstants.HEIGHT));
        assertEquals("yuv420p", first.getMessage().getHeader(AvConstants.PIXEL_FORMAT));
        assertEquals("mpeg4", first.getMessage().getHeader(AvConstants.CODEC_NAME));
        StreamInfo info = first.getMessage().getHeader(AvConstants.STREAM_INFO, StreamInfo.class);
        assertEquals(40, info.frames());
        String tb = first.getMessage().getHeader(AvConstants.TIME_BASE, String.class);
        assertEquals(info.timeBase().toString(), tb);

        double lastTime = -1;
        for (int i = 0; i < got.size(); i++) {
            Exchange e = got.get(i);
            Double t = e.getMessage().getHeader(AvConstants.TIME, Double.class);
            assertTrue(t > lastTime, "time must increase");
            assertEquals(i * 0.04, t, 1e-6, "25 fps");
            lastTime = t;
            assertEquals(i == got.size() - 1, e.getMessage().getHeader(AvConstants.END_OF_STREAM, Boolean.class));
        }
        // byte[] is the tightly packed raw picture
        byte[] pixels = first.getMessage().getBody(byte[].class);
        assertEquals(320 * 240 * 3 / 2, pixels.length);
        assertTrue(first.getMessage().getBody() instanceof VideoFrame);
    }

    @Test
    void packetsModeDeliversEveryPacketWithoutDecoding() throws Exception {
        MockEndpoint mock = getMockEndpoint("mock:packets");
        long expected = FfmpegCli.countPackets(clip, "v:0");
        mock.expectedMessageCount((int) expected);
        context.getRouteController().startRoute("packets");
        mock.assertIsSatisfied(20_000);
        long keys = mock.getReceivedExchanges().stream()
                .filter(e -> e.getMessage().getHeader(AvConstants.KEY_FRAME, Boolean.class)).count();
        assertEquals(4, keys, "GOP 10 over 40 frames");
        assertTrue(mock.getReceivedExchanges().get((int) expected - 1).getMessage()
                .getHeader(AvConstants.END_OF_STREAM, Boolean.class));
    }

    @Test
    void consumerIdlesAfterEndOfStreamAndStopsPromptly() throws Exception {
        MockEndpoint mock = getMockEndpoint("mock:frames");
        mock.expectedMessageCount(40);
        mock.assertIsSatisfied(20_000);
        AvConsumer consumer = (AvConsumer) context.getRoute("file").getConsumer();
        // ENDED is set by the read that found the end, after the last exchange was routed: nothing can follow it
        Await.until("the reader to see the end", 20, () -> "ENDED".equals(consumer.getState()));
        assertEquals(40, getMockEndpoint("mock:frames").getReceivedCounter(), "no extra exchanges after the end");
        long t0 = System.nanoTime();
        context.getRouteController().stopRoute("file");
        assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(5));
        assertFalse(Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().contains("AvConsumer[")
                                                                             && t.getName().contains("consumer-40")),
                "reader thread gone");
        assertNotNull(context.getRoute("file"));
    }
}
