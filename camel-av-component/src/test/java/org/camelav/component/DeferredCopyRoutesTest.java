package org.camelav.component;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.camelav.media.video.VideoFrame;
import org.camelav.testsupport.Await;
import org.camelav.testsupport.FfmpegCli;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The default path's frames (issue 35 §2): while the exchange runs the body still refers to FFmpeg's picture, and its
 * array is made when the exchange completes; a body kept past its exchange, on this thread or after a hand-off, has
 * exactly the source's pixels, and no decoder picture stays held.
 */
class DeferredCopyRoutesTest extends CamelTestSupport {

    private static final int FRAMES = 30;
    private static final Path DIR = Path.of("target", "deferred-copy-routes");
    private static Path clip;
    private static byte[] expected;

    @BeforeAll
    static void clip() throws Exception {
        Files.createDirectories(DIR);
        clip = DIR.resolve("testsrc2-ffv1.mkv"); // lossless and every frame different: pixels compare exactly
        if (!Files.exists(clip)) {
            FfmpegCli.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=160x120:rate=25", "-frames:v",
                    String.valueOf(FRAMES), "-c:v", "ffv1", "-pix_fmt", "yuv420p", clip.toString());
        }
        expected = FfmpegCli.rawVideo(clip, "yuv420p");
    }

    private static void assertSourcePixels(List<VideoFrame> frames) {
        assertEquals(FRAMES, frames.size());
        int size = expected.length / FRAMES;
        for (int i = 0; i < FRAMES; i++) {
            VideoFrame f = frames.get(i);
            assertEquals(i, f.frameIndex());
            assertArrayEquals(Arrays.copyOfRange(expected, i * size, (i + 1) * size), f.data(), "frame " + i);
        }
    }

    @Test
    void bodiesKeptPastTheirExchangeHoldTheSourcesPixels() throws Exception {
        long before = VideoFrame.outstandingLeases();
        List<VideoFrame> kept = new CopyOnWriteArrayList<>();
        List<Long> heldInRoute = new CopyOnWriteArrayList<>();
        List<Boolean> leased = new CopyOnWriteArrayList<>();
        NotifyBuilder done = new NotifyBuilder(context).fromRoute("keep").whenDone(FRAMES).create();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("av:" + clip).routeId("keep").process(e -> {
                    VideoFrame f = e.getMessage().getBody(VideoFrame.class);
                    leased.add(f.isLeased());
                    heldInRoute.add(VideoFrame.outstandingLeases() - before);
                    kept.add(f); // never read in the route
                });
            }
        });
        assertTrue(done.matches(20, TimeUnit.SECONDS));
        Await.until("every decoder picture given back", 5, () -> VideoFrame.outstandingLeases() == before);
        assertTrue(leased.stream().noneMatch(b -> b), "default-path bodies are not zeroCopy leases");
        assertTrue(heldInRoute.stream().allMatch(n -> n >= 1),
                "in the route each body still is FFmpeg's picture, not yet an array: " + heldInRoute);
        assertSourcePixels(kept);
    }

    @Test
    void bodiesReadAfterAHandOffHoldTheSourcesPixels() throws Exception {
        long before = VideoFrame.outstandingLeases();
        List<VideoFrame> read = new CopyOnWriteArrayList<>();
        NotifyBuilder done = new NotifyBuilder(context).fromRoute("worker").whenDone(FRAMES).create();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("av:" + clip).routeId("reader").to("seda:work");
                from("seda:work").routeId("worker").process(e -> {
                    Thread.sleep(10); // well after the reader's own exchange returned
                    VideoFrame f = e.getMessage().getBody(VideoFrame.class);
                    f.data();
                    read.add(f);
                });
            }
        });
        assertTrue(done.matches(20, TimeUnit.SECONDS));
        Await.until("every decoder picture given back", 5, () -> VideoFrame.outstandingLeases() == before);
        read.sort((a, b) -> Long.compare(a.frameIndex(), b.frameIndex()));
        assertSourcePixels(read);
    }
}
