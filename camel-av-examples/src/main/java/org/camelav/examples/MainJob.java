package org.camelav.examples;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.camelav.component.AvComponent;
import org.camelav.component.AvConstants;
import org.camelav.media.StreamInfo;
import org.camelav.media.container.MediaInput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The main job: FFmpeg's testsrc2 pattern (no camera needed) decoded by the av: consumer, encoded to H.264 MP4 and, one
 * frame per second, to JPEG thumbnails, by two av: producers. Stops by itself at the end of the source.
 * <p>
 * Arguments: output folder (default {@code output}), seconds of video (default 10).
 */
public final class MainJob {

    private static final Logger LOG = LoggerFactory.getLogger(MainJob.class);

    private MainJob() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "output").toAbsolutePath().normalize();
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        run(out, seconds);
    }

    /** Runs the job and returns the path of the MP4 it wrote. */
    public static Path run(Path out, int seconds) throws Exception {
        Files.createDirectories(out.resolve("thumbs"));
        Path mp4 = out.resolve("testsrc2.mp4");
        Files.deleteIfExists(mp4);
        int fps = 30;
        CountDownLatch finished = new CountDownLatch(1);
        try (CamelContext camel = new DefaultCamelContext()) {
            // FFmpeg's level: libopenh264's rate-control notes and swscale's "deprecated pixel format" (JPEG thumbnails
            // are yuvj420p) are warnings; this job wants FFmpeg's errors only (see QuietLogs)
            camel.getComponent("av", AvComponent.class).setLogLevel("ERROR");
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("av:testsrc2=size=1280x720:rate=" + fps + "?format=lavfi&maxFrames=" + (seconds * fps))
                            .routeId("main-job")
                            .to("av:" + mp4 + "?codec=h264&gopSize=" + fps)
                            .filter(e -> e.getMessage().getHeader(AvConstants.FRAME_INDEX, Long.class) % fps == 0)
                                .log("frame ${header.CamelAvFrameIndex} t=${header.CamelAvTime}s "
                                     + "${header.CamelAvWidth}x${header.CamelAvHeight} -> thumbnail")
                                .to("av:" + out.resolve("thumbs") + "/thumb-%2503d.jpg?codec=mjpeg&width=320")
                            .end()
                            .filter(header(AvConstants.END_OF_STREAM).isEqualTo(true))
                                .process(e -> finished.countDown());
                }
            });
            camel.start();
            if (!finished.await(seconds * 10L + 60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("The main job did not finish in time");
            }
            // stopping the context flushes the encoders and writes the MP4 trailer
        }
        try (MediaInput in = MediaInput.open(mp4.toString(), null, null, 10_000)) {
            StreamInfo v = in.streams().get(0);
            LOG.info("Wrote {}: {} {}x{}, {} frames, {} s", mp4, v.codecName(), v.width(), v.height(), v.frames(),
                    in.durationSeconds());
        }
        try (var thumbs = Files.list(out.resolve("thumbs"))) {
            LOG.info("Wrote {} JPEG thumbnails to {}", thumbs.count(), out.resolve("thumbs"));
        }
        return mp4;
    }
}
