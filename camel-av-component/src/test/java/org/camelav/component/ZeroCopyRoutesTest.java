package org.camelav.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.camelav.media.container.ReaderOptions;
import org.camelav.media.video.VideoFrame;
import org.camelav.testsupport.Await;
import org.camelav.testsupport.FfmpegCli;
import org.camelav.testsupport.TestMedia;
import org.junit.jupiter.api.Test;

/** zeroCopy=true through real routes: frames live exactly as long as their exchange, wherever it completes. */
class ZeroCopyRoutesTest extends CamelTestSupport {

    private final Path solid = TestMedia.solid("zc-route.mkv", "0x3366CC", 30);

    private static void assertColour(byte[] bgr, int offset, String what) {
        assertEquals(0xCC, bgr[offset] & 0xFF, 2.0, "B " + what);
        assertEquals(0x66, bgr[offset + 1] & 0xFF, 2.0, "G " + what);
        assertEquals(0x33, bgr[offset + 2] & 0xFF, 2.0, "R " + what);
    }

    @Test
    void framesAreReadableInTheRouteAndReleasedWhenTheExchangeCompletes() throws Exception {
        long before = VideoFrame.outstandingLeases();
        List<VideoFrame> read = new CopyOnWriteArrayList<>();
        List<VideoFrame> unread = new CopyOnWriteArrayList<>();
        AtomicInteger leased = new AtomicInteger();
        NotifyBuilder done = new NotifyBuilder(context).fromRoute("zc").whenDone(30).create();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("av:" + solid + "?zeroCopy=true&pixelFormat=bgr24").routeId("zc").process(e -> {
                    VideoFrame f = e.getMessage().getBody(VideoFrame.class);
                    if (f.isLeased()) {
                        leased.incrementAndGet();
                    }
                    long index = e.getMessage().getHeader(AvConstants.FRAME_INDEX, Long.class);
                    if (index % 2 == 0) {
                        byte[] px = e.getMessage().getBody(byte[].class); // the converter copies it now
                        assertColour(px, (60 * 160 + 80) * 3, "of frame " + index);
                        ByteBuffer view = e.getMessage().getBody(ByteBuffer.class);
                        assertEquals(160 * 120 * 3, view.remaining());
                        read.add(f);
                    } else {
                        unread.add(f);
                    }
                });
            }
        });
        assertTrue(done.matches(20, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals(30, leased.get());
        Await.until("every lease given back", 5, () -> VideoFrame.outstandingLeases() == before);
        // a body kept past its exchange: the array read in the route is still there, the rest is gone
        assertEquals(15, read.size());
        for (VideoFrame f : read) {
            assertColour(f.data(), 0, "kept from the route");
        }
        for (VideoFrame f : unread) {
            IllegalStateException e = assertThrows(IllegalStateException.class, f::data);
            assertTrue(e.getMessage().contains("copy()"), e.getMessage());
        }
    }

    @Test
    void sedaHandOffKeepsTheFrameUntilTheOtherThreadIsDone() throws Exception {
        long before = VideoFrame.outstandingLeases();
        List<String> failures = new CopyOnWriteArrayList<>();
        AtomicInteger checked = new AtomicInteger();
        NotifyBuilder done = new NotifyBuilder(context).fromRoute("worker").whenDone(30).create();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                // the consumer's exchange completes at once; the seda copy carries its on-completion
                from("av:" + solid + "?zeroCopy=true&pixelFormat=bgr24").routeId("reader").to("seda:work");
                from("seda:work?concurrentConsumers=2").routeId("worker").process(e -> {
                    Thread.sleep(20); // well after the reader's exchange has returned
                    try {
                        byte[] px = new byte[160 * 120 * 3];
                        e.getMessage().getBody(VideoFrame.class).copyTo(px, 0);
                        assertColour(px, (119 * 160 + 159) * 3, "after the hand-off");
                        checked.incrementAndGet();
                    } catch (Throwable t) {
                        failures.add(t.toString());
                    }
                });
            }
        });
        assertTrue(done.matches(20, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals(List.of(), failures);
        assertEquals(30, checked.get());
        Await.until("every lease given back", 5, () -> VideoFrame.outstandingLeases() == before);
    }

    @Test
    void latestFrameModeReleasesTheFramesItDrops() throws Exception {
        long before = VideoFrame.outstandingLeases();
        AtomicInteger delivered = new AtomicInteger();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("av:testsrc2=size=160x120:rate=50?format=lavfi&latestFrame=true&zeroCopy=true&maxFrames=60")
                        .routeId("latest").process(e -> {
                            e.getMessage().getBody(byte[].class);
                            delivered.incrementAndGet();
                            Thread.sleep(50);
                        });
            }
        });
        AvConsumer consumer = (AvConsumer) context.getRoute("latest").getConsumer();
        Await.until("the reader to end", 30, () -> "ENDED".equals(consumer.getState()) && delivered.get() > 0
                                                   && delivered.get() + consumer.getDroppedFrames() == 60);
        context.getRouteController().stopRoute("latest");
        assertTrue(consumer.getDroppedFrames() > 0);
        assertEquals(before, VideoFrame.outstandingLeases(), "dropped and delivered frames all given back");
    }

    @Test
    void relayEncodesFromFfmpegsPicturesAndWritesEveryFrame() throws Exception {
        long before = VideoFrame.outstandingLeases();
        Path out = Path.of("target", "zero-copy-route.mp4");
        Files.deleteIfExists(out);
        NotifyBuilder done = new NotifyBuilder(context).fromRoute("relay").whenDone(30).create();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("av:" + solid + "?zeroCopy=true").routeId("relay").to("av:" + out);
            }
        });
        assertTrue(done.matches(20, java.util.concurrent.TimeUnit.SECONDS));
        context.getRouteController().stopRoute("relay");
        assertEquals(30, FfmpegCli.countFrames(out, "v:0"));
        ReaderOptions back = ReaderOptions.builder(out.toString()).pixelFormat("bgr24").maxFrames(1).build();
        VideoFrame first = (VideoFrame) Await.readAll(back).get(0);
        assertFalse(first.isLeased());
        byte[] px = first.data();
        int mid = (60 * 160 + 80) * 3;
        assertEquals(0xCC, px[mid] & 0xFF, 6.0);
        assertEquals(0x33, px[mid + 2] & 0xFF, 6.0);
        assertEquals(before, VideoFrame.outstandingLeases());
    }
}
