package org.camelav.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.logging.log4j.Level;
import org.camelav.media.FfmpegLog;
import org.camelav.media.MediaItem;
import org.camelav.media.codec.ThreadType;
import org.camelav.media.container.MediaReader;
import org.camelav.media.container.ReaderOptions;
import org.camelav.testsupport.FfmpegCli;
import org.camelav.testsupport.LogCapture;
import org.camelav.testsupport.TestMedia;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * FFmpeg's av_log reaches SLF4J logger org.camelav.ffmpeg through one JVM-wide callback, filtered at FFmpeg's level,
 * which the component's logLevel option sets (PyAV's av.logging.set_level).
 */
class FfmpegLogTest {

    private static final String LOGGER = "org.camelav.ffmpeg";
    /**
     * A warning FFmpeg logs every time libopenh264 (the default H.264 encoder) opens: its rate-control notes, relayed by
     * FFmpeg's libopenh264 wrapper at AV_LOG_WARNING. (swscale's "deprecated pixel format used" no longer occurs:
     * camel-av hands full-range formats to swscale with an explicit range.)
     */
    private static final String DEPRECATED = "[OpenH264]";

    @AfterEach
    void defaultLevel() {
        FfmpegLog.setLevel(FfmpegLog.Level.WARNING);
    }

    private static Path mjpegClip() throws Exception {
        Path dir = Path.of("target", "test-media");
        Files.createDirectories(dir);
        Path clip = dir.resolve("mjpeg-yuvj420p.mkv");
        if (!Files.exists(clip)) {
            FfmpegCli.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=160x120:rate=25", "-frames:v", "10", "-c:v", "mjpeg",
                    "-pix_fmt", "yuvj420p", clip.toString());
        }
        return clip;
    }

    /**
     * Runs every frame of {@code clip} as bgr24 through a route that re-encodes it with libopenh264, in a context whose
     * av component has the level.
     */
    private static void decode(Path clip, String level) throws Exception {
        try (CamelContext ctx = new DefaultCamelContext()) {
            AvComponent av = new AvComponent();
            av.setLogLevel(level);
            ctx.addComponent("av", av);
            NotifyBuilder done = new NotifyBuilder(ctx).whenCompleted(10).create();
            ctx.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("av:" + clip + "?pixelFormat=bgr24").to("mock:frames")
                            .to("av:target/log-test-" + level + ".mkv?codec=libopenh264");
                }
            });
            ctx.start();
            assertTrue(done.matches(60, TimeUnit.SECONDS), "10 frames decoded");
        }
    }

    @Test
    void aKnownFfmpegWarningArrivesAsWarnAndDisappearsAtLevelError() throws Exception {
        Path clip = mjpegClip();
        assertEquals(List.of("yuvj420p"), FfmpegCli.probeValues(clip, "v:0", "stream=pix_fmt"));
        try (LogCapture log = new LogCapture(LOGGER)) {
            decode(clip, "WARNING");
            assertTrue(log.count(Level.WARN, DEPRECATED) >= 1, "libopenh264's AV_LOG_WARNING as SLF4J WARN: " + log.events());
            assertTrue(log.events().stream().filter(e -> e.message().contains(DEPRECATED))
                    .allMatch(e -> e.message().startsWith("[libopenh264 @ 0x")), "with FFmpeg's [context @ address] prefix");
            assertEquals(0, log.count(Level.DEBUG) + log.count(Level.INFO), "nothing above WARNING: " + log.events());
        }
        try (LogCapture log = new LogCapture(LOGGER)) {
            decode(clip, "ERROR");
            assertEquals(FfmpegLog.Level.ERROR, FfmpegLog.getLevel());
            assertEquals(0, log.count(Level.WARN), "level ERROR drops warnings in FFmpeg: " + log.events());
        }
    }

    @Test
    void levelsMapToSlf4jLevelsAndChangeAtRunTime() throws Exception {
        Path clip = mjpegClip();
        try (LogCapture log = new LogCapture(LOGGER)) {
            decode(clip, "DEBUG");
            // AV_LOG_VERBOSE and AV_LOG_DEBUG arrive as DEBUG; the warning still arrives as WARN
            assertTrue(log.count(Level.DEBUG) > 0, "FFmpeg's debug output: " + log.events());
            assertTrue(log.count(Level.WARN, DEPRECATED) >= 1);
            assertEquals(0, log.count(Level.TRACE), "TRACE is only for AV_LOG_TRACE");
        }
        try (CamelContext ctx = new DefaultCamelContext()) {
            ctx.start();
            AvComponent av = ctx.getComponent("av", AvComponent.class);
            av.setLogLevel("error");
            assertEquals(FfmpegLog.Level.ERROR, FfmpegLog.getLevel(), "setLogLevel on a started component applies at once");
            av.setLogLevel("QUIET");
            assertEquals(FfmpegLog.Level.QUIET, FfmpegLog.getLevel());
        }
    }

    /**
     * Several decoders with frame threads (FFmpeg's own worker threads call av_log too) at level DEBUG, while another
     * thread flips the level: every reader finishes, so the callback deadlocks nothing.
     */
    @Test
    void concurrentDecodersAtDebugDoNotDeadlock() throws Exception {
        Path clip = TestMedia.clip("v-60.mp4", 60, 12, false);
        Path mjpeg = mjpegClip();
        FfmpegLog.setLevel(FfmpegLog.Level.DEBUG);
        int readers = 4;
        ExecutorService pool = Executors.newFixedThreadPool(readers);
        AtomicBoolean flipping = new AtomicBoolean(true);
        Thread flipper = new Thread(() -> {
            while (flipping.get()) {
                FfmpegLog.setLevel(FfmpegLog.Level.TRACE);
                FfmpegLog.setLevel(FfmpegLog.Level.DEBUG);
                Thread.onSpinWait();
            }
        }, "level-flipper");
        long start = System.nanoTime();
        try (LogCapture log = new LogCapture(LOGGER)) {
            flipper.start();
            List<Future<Long>> results = new ArrayList<>();
            for (int i = 0; i < readers; i++) {
                Path input = i % 2 == 0 ? clip : mjpeg;
                results.add(pool.submit(() -> {
                    // media seconds: a few seconds of decoding each, all at once, on two cores
                    ReaderOptions o = ReaderOptions.builder(input.toString()).threadType(ThreadType.FRAME)
                            .threadCount(3).pixelFormat("bgr24").loop(true).duration(100.0).timeoutMillis(10_000)
                            .build();
                    long n = 0;
                    try (MediaReader r = MediaReader.open(o)) {
                        MediaItem item;
                        while ((item = r.next()) != null) {
                            n++;
                        }
                    }
                    return n;
                }));
            }
            for (Future<Long> f : results) {
                assertTrue(f.get(120, TimeUnit.SECONDS) > 100, "each reader decoded its frames");
            }
            flipping.set(false);
            flipper.join(10_000);
            double seconds = (System.nanoTime() - start) / 1e9;
            long debug = log.count(Level.DEBUG);
            System.out.printf("%d readers in %.1f s: %d DEBUG, %d TRACE, %d WARN events from threads %s%n", readers,
                    seconds, debug, log.count(Level.TRACE), log.count(Level.WARN), log.threads());
            assertTrue(debug > 100, "a flood of debug messages went through: " + debug);
        } finally {
            flipping.set(false);
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS), "no reader is stuck");
        }
    }

    @Test
    void aSecondContextDoesNotResetTheJvmWideLevel() throws Exception {
        FfmpegLog.setLevel(FfmpegLog.Level.ERROR);
        try (CamelContext ctx = new DefaultCamelContext()) {
            ctx.start();
            ctx.getComponent("av", AvComponent.class); // a default av component starts: no logLevel set
            assertEquals(FfmpegLog.Level.ERROR, FfmpegLog.getLevel());
        }
    }

    /**
     * camel-main's binding of {@code camel.component.av.log-level}, which Camel Quarkus uses too: a bad level fails
     * start-up naming the valid ones, not with "No enum constant ...FfmpegLog.Level.NOISY" (issue 32 §3).
     */
    @Test
    void aBadLevelFailsCamelMainNamingTheValidLevels() {
        org.apache.camel.main.Main main = new org.apache.camel.main.Main();
        main.addInitialProperty("camel.component.av.log-level", "NOISY");
        Exception e = org.junit.jupiter.api.Assertions.assertThrows(Exception.class, main::start);
        StringBuilder messages = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append('\n');
        }
        assertTrue(messages.toString().contains("(camel.component.av.logLevel=NOISY)"), messages.toString());
        assertTrue(messages.toString().contains("FFmpeg log level NOISY is not one of quiet, panic, fatal, error,"
                                                + " warning, info, verbose, debug, trace"), messages.toString());
        assertEquals(FfmpegLog.Level.WARNING, FfmpegLog.getLevel(), "the level stays as it was");
    }
}
