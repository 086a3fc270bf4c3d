package org.camelav.examples;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.main.Main;
import org.camelav.component.AvConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Quiet logs: FFmpeg's own messages reach SLF4J (logger {@code org.camelav.ffmpeg}); which ones is FFmpeg's log level,
 * set with the component option {@code logLevel} — PyAV's {@code av.logging.set_level(av.logging.ERROR)}. Here it is
 * set the way an application.properties would, {@code camel.component.av.log-level=ERROR}, through camel-main.
 * <p>
 * The route is the frame loop on an MJPEG clip (the usual webcam format), re-encoded to H.264 like the seed's relay.
 * At the default level WARNING, libopenh264 notes its rate-control settings as FFmpeg warnings ("[OpenH264] ...
 * Warning:...") each time the encoder opens; at ERROR they are gone, and nothing else changes. (The seed's other
 * classic, swscale's "deprecated pixel format used" for full-range yuvj420p, does not occur with camel-av at all: it
 * hands full-range formats to swscale with an explicit range, as the ffmpeg CLI does.)
 * <p>
 * Arguments: FFmpeg log level (default {@code ERROR}; try {@code WARNING} to see the warning), input video (default:
 * a generated MJPEG clip in {@code output/quiet-logs}).
 */
public final class QuietLogs {

    private static final Logger LOG = LoggerFactory.getLogger(QuietLogs.class);

    private QuietLogs() {
    }

    public static void main(String[] args) throws Exception {
        String level = args.length > 0 ? args[0] : "ERROR";
        Path input = args.length > 1 ? Path.of(args[1]) : mjpegClip(Path.of("output", "quiet-logs", "webcam.mkv"));
        run(input, level, input.resolveSibling("relayed.mkv"));
    }

    /** A 2 s 320x240 MJPEG clip (yuvj420p, as webcams send), written by an av: producer. */
    public static Path mjpegClip(Path file) throws Exception {
        java.nio.file.Files.createDirectories(file.toAbsolutePath().getParent());
        java.nio.file.Files.deleteIfExists(file);
        Examples.runToEnd("av:testsrc2=size=320x240:rate=25?format=lavfi&maxFrames=50",
                route -> route.to("av:" + file + "?codec=mjpeg"));
        return file;
    }

    /**
     * Runs the frame loop on {@code input}, re-encoding to H.264 into {@code output}, with FFmpeg's log level
     * {@code level}; returns the frames seen.
     */
    public static long run(Path input, String level, Path output) throws Exception {
        AtomicLong frames = new AtomicLong();
        CountDownLatch ended = new CountDownLatch(1);
        Main main = new Main();
        // what application.properties would say; bound to AvComponent#setLogLevel by its generated configurer
        main.addInitialProperty("camel.component.av.log-level", level);
        main.configure().addRoutesBuilder(new RouteBuilder() {
            @Override
            public void configure() {
                from("av:" + input + "?pixelFormat=bgr24").routeId("quiet-logs")
                        .process(e -> frames.incrementAndGet())
                        .to("av:" + output + "?codec=h264")
                        .log("frame ${header.CamelAvFrameIndex} pts=${header.CamelAvPts} time=${header.CamelAvTime}s "
                             + "${header.CamelAvWidth}x${header.CamelAvHeight} ${header.CamelAvPixelFormat}")
                        .filter(header(AvConstants.END_OF_STREAM).isEqualTo(true))
                            .process(e -> ended.countDown());
            }
        });
        main.start();
        try {
            if (!ended.await(120, TimeUnit.SECONDS)) {
                throw new IllegalStateException("Did not reach the end of " + input);
            }
        } finally {
            main.stop();
        }
        LOG.info("{} frames with FFmpeg log level {}", frames.get(), level);
        return frames.get();
    }
}
