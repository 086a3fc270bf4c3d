package org.camelav.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.camelav.media.AvTimeoutException;
import org.camelav.media.MediaItem;
import org.camelav.media.container.MediaReader;
import org.camelav.media.container.ReaderOptions;
import org.camelav.media.container.SourceWatchdog;
import org.camelav.testsupport.Await;
import org.camelav.testsupport.FfmpegCli;
import org.camelav.testsupport.RtspCameraServer;
import org.junit.jupiter.api.Test;

/**
 * A source that keeps its connection but delivers nothing is not healthy: the consumer reports DOWN with FFmpeg's
 * reason, the route hears of it (bridgeErrorHandler) and the live input reconnects. And health checks read snapshots,
 * never the reader's working state.
 */
class SilentSourceTest extends CamelTestSupport {

    private final List<Exchange> failures = new CopyOnWriteArrayList<>();
    private final AtomicLong frames = new AtomicLong();

    private AvConsumer start(String uri) throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                onException(Exception.class).handled(true).process(failures::add);
                from(uri).routeId("silent").process(e -> frames.incrementAndGet());
            }
        });
        return (AvConsumer) context.getRoute("silent").getConsumer();
    }

    private Exception firstFailure() {
        return failures.get(0).getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
    }

    /** skipFrame=ALL: packets arrive, the decoder gives nothing, so FFmpeg's read timeout never fires. */
    @Test
    void aCameraWhoseFramesNeverDecodeGoesDownAndReconnects() throws Exception {
        try (RtspCameraServer cam = RtspCameraServer.start()) {
            long t0 = System.nanoTime();
            AvConsumer consumer = start("av:" + cam.url("/test") + "?skipFrame=ALL&timeout=1000&reconnectDelay=200"
                                        + "&bridgeErrorHandler=true");
            Await.until("the stall to reach the route", 30, () -> !failures.isEmpty());
            double took = (System.nanoTime() - t0) / 1e9;
            System.out.printf("MEASURED a camera that decodes nothing (timeout=1000): error in the route after %.3f s%n",
                    took);
            AvTimeoutException e = assertInstanceOf(AvTimeoutException.class, firstFailure());
            assertTrue(e.getMessage().contains("No frame from the selected streams for"), e.getMessage());
            assertTrue(took >= SourceWatchdog.STALE_TIMEOUTS * 1.0, "not before 3 x timeout: " + took);
            HealthCheck.Result health = consumer.getHealthCheck().call();
            if (health.getState() == HealthCheck.State.DOWN) { // else already reconnected and waiting again
                assertTrue(health.getMessage().orElse("").contains("No frame"), health.getMessage().toString());
            }
            Await.until("a reconnect", 20, () -> consumer.getReconnects() >= 1);
            assertEquals(0, frames.get());
            Map<String, Object> details = consumer.getHealthCheck().call().getDetails();
            assertEquals(-1L, details.get("lastItemAgeMillis"), "no item ever: " + details);
            assertEquals(3000L, details.get("staleAfterMillis"));
        }
    }

    /** A route slower than 3 x timeout per frame is the route's delay, not a stalled camera. */
    @Test
    void aSlowRouteIsNotAStalledSource() throws Exception {
        try (RtspCameraServer cam = RtspCameraServer.start()) {
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    onException(Exception.class).handled(true).process(failures::add);
                    from("av:" + cam.url("/test") + "?timeout=1000&bridgeErrorHandler=true").routeId("slow")
                            .process(e -> {
                                if (frames.incrementAndGet() <= 3) {
                                    Thread.sleep(3500); // over 3 x timeout on each of the first frames
                                }
                            });
                }
            });
            AvConsumer consumer = (AvConsumer) context.getRoute("slow").getConsumer();
            Await.until("frames after the slow ones", 40, () -> frames.get() >= 10 || !failures.isEmpty());
            assertTrue(failures.isEmpty(), () -> "taken for a stall: " + firstFailure());
            assertEquals(0, consumer.getReconnects());
        }
    }

    /**
     * A live HTTP stream of MJPEG whose every picture is damaged (ffmpeg's noise bitstream filter): the connection stays
     * up, packets keep coming, and the decoder rejects each ("No JPEG data found in image").
     */
    @Test
    void aStreamWhosePacketsAreAllRejectedGoesDownWithFfmpegsReason() throws Exception {
        int port = org.camelav.testsupport.HttpTsCamera.freePort();
        String url = "http://127.0.0.1:" + port + "/damaged.mkv";
        Process server = org.camelav.media.Ffmpeg.cli(false, List.of("-nostdin", "-v", "error", "-re", "-f", "lavfi",
                "-i", "testsrc2=size=160x120:rate=100", "-t", "60", "-c:v", "mjpeg", "-bsf:v", "noise=amount=4",
                "-f", "matroska", "-listen", "1", url)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            Thread.sleep(1000); // never connect to probe it: ffmpeg's listener takes the first connection as its client
            long t0 = System.nanoTime();
            // timeout=10000: the stall rule (30 s) stays out of the way of the rejected-packet rule
            AvConsumer consumer = start("av:" + url + "?timeout=10000&reconnectDelay=200&bridgeErrorHandler=true");
            Await.until("the rejected packets to reach the route", 30, () -> !failures.isEmpty());
            double took = (System.nanoTime() - t0) / 1e9;
            org.camelav.media.AvException e = assertInstanceOf(org.camelav.media.AvException.class, firstFailure());
            System.out.printf("MEASURED a stream whose packets are all rejected (100 fps): error in the route after"
                              + " %.3f s: %s%n", took, e.getMessage());
            assertTrue(e.getMessage().contains("the decoder rejected " + SourceWatchdog.MAX_CONSECUTIVE_DECODE_ERRORS
                                               + " packets in a row"), e.getMessage());
            assertTrue(e.getMessage().contains("Invalid data found when processing input"), e.getMessage());
            HealthCheck.Result health = consumer.getHealthCheck().call();
            assertEquals(HealthCheck.State.DOWN, health.getState());
            assertTrue(health.getMessage().orElse("").contains("rejected"), health.getMessage().toString());
            assertEquals(0, frames.get());
        } finally {
            server.destroyForcibly();
            server.waitFor();
        }
    }

    /**
     * A TS whose PMT gains an audio stream after 3 s, read over and over while another thread calls the health
     * check (and so MediaReader.selectedStreams) as fast as it can: the reader's stream map changes as it closes.
     */
    @Test
    void healthChecksInATightLoopNeverRaceTheReader() throws Exception {
        Path late = lateStreams();
        AtomicReference<MediaReader> current = new AtomicReference<>();
        AtomicReference<Throwable> raced = new AtomicReference<>();
        AtomicBoolean done = new AtomicBoolean();
        AtomicLong calls = new AtomicLong();
        Thread hammer = new Thread(() -> {
            while (!done.get()) {
                try {
                    MediaReader r = current.get();
                    if (r != null) {
                        r.selectedStreams().forEach(s -> s.hwaccel());
                    }
                    calls.incrementAndGet();
                } catch (Throwable t) {
                    raced.compareAndSet(null, t);
                }
            }
        }, "health-hammer");
        hammer.start();
        try {
            for (int i = 0; i < 300 && raced.get() == null; i++) {
                try (MediaReader r = MediaReader.open(ReaderOptions.builder(late.toString()).streams("all").maxFrames(5)
                        .build())) {
                    current.set(r);
                    MediaItem item;
                    while ((item = r.next()) != null) {
                        item.release();
                    }
                }
            }
        } finally {
            done.set(true);
            hammer.join();
        }
        assertEquals(null, raced.get(), "a health check raced the reader");
        // and the consumer's own check, in a tight loop over a whole read of the same file
        AvConsumer consumer = start("av:" + late + "?streams=all");
        long checks = 0;
        while (!"ENDED".equals(consumer.getState()) || checks == 0) {
            consumer.getHealthCheck().call();
            checks++;
        }
        System.out.printf("MEASURED %d selectedStreams calls over 300 reads and %d health checks over one read:"
                          + " no exception%n", calls.get(), checks);
    }

    /** 4 s of video alone, then video and audio: the audio stream appears mid-file. */
    private static Path lateStreams() throws Exception {
        Path dir = Path.of("target", "test-media", "late");
        Files.createDirectories(dir);
        Path first = dir.resolve("video.ts");
        Path second = dir.resolve("video-audio.ts");
        Path joined = dir.resolve("late-audio.ts");
        if (!Files.exists(joined)) {
            FfmpegCli.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=160x120:rate=25", "-t", "4", "-c:v", "mpeg4",
                    "-f", "mpegts", first.toString());
            FfmpegCli.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=160x120:rate=25", "-f", "lavfi", "-i",
                    "sine=frequency=440:sample_rate=48000", "-t", "2", "-c:v", "mpeg4", "-c:a", "mp2",
                    "-output_ts_offset", "4", "-f", "mpegts", second.toString());
            Files.write(joined, Files.readAllBytes(first));
            Files.write(joined, Files.readAllBytes(second), java.nio.file.StandardOpenOption.APPEND);
        }
        return joined;
    }
}
