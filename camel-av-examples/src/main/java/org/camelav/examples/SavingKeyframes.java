package org.camelav.examples;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.model.RouteDefinition;
import org.camelav.component.AvConstants;
import org.camelav.dataformat.AvImageDataFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PyAV's cookbook recipe "Saving Keyframes": the decoder skips every frame that is not a key frame
 * ({@code skip_frame = "NONKEY"}) and each key frame is saved as a JPEG of quality 80, named by its pts (the frame
 * index means little once frames are skipped). Without an input video, a 10 s testsrc2 clip with a key frame every
 * second is written first, by an av: producer.
 * <p>
 * Arguments: output folder (default {@code output/keyframes}), input video (default: the generated clip).
 */
public final class SavingKeyframes {

    private static final Logger LOG = LoggerFactory.getLogger(SavingKeyframes.class);

    private SavingKeyframes() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "output/keyframes").toAbsolutePath().normalize();
        run(out, args.length > 1 ? Path.of(args[1]) : null);
    }

    /** Saves the key frames of {@code input} (null: a generated clip) into {@code out} and returns the JPEGs, sorted. */
    public static List<Path> run(Path out, Path input) throws Exception {
        Files.createDirectories(out);
        Path video = input != null ? input : generateClip(out.resolve("source.mp4"), 10);
        try (Stream<Path> old = Files.list(out)) {
            for (Path jpeg : old.filter(p -> p.toString().endsWith(".jpg")).toList()) {
                Files.delete(jpeg);
            }
        }
        runToEnd("av:" + video + "?skipFrame=NONKEY", route -> route
                .log("key frame pts=${header.CamelAvPts} t=${header.CamelAvTime}s")
                .marshal(new AvImageDataFormat("jpeg", 80))
                .to("file:" + out + "?fileName=keyframe-${header.CamelAvPts}.jpg"));
        try (Stream<Path> files = Files.list(out)) {
            List<Path> jpegs = files.filter(p -> p.toString().endsWith(".jpg")).sorted().toList();
            LOG.info("Saved {} key frames of {} to {}", jpegs.size(), video, out);
            return jpegs;
        }
    }

    /** A testsrc2 clip, MPEG-4 Part 2 (always in FFmpeg) with a key frame every 25 frames, written through av:. */
    static Path generateClip(Path file, int seconds) throws Exception {
        Files.deleteIfExists(file);
        runToEnd("av:testsrc2=size=640x360:rate=25?format=lavfi&maxFrames=" + seconds * 25,
                route -> route.to("av:" + file + "?codec=mpeg4&gopSize=25&maxBFrames=0&bitRate=2000000"));
        return file;
    }

    /**
     * Runs {@code steps} on every exchange of the finite input {@code from} until its end-of-stream exchange has gone
     * through; closing the context then flushes the encoders and writes the trailers.
     */
    private static void runToEnd(String from, UnaryOperator<RouteDefinition> steps) throws Exception {
        CountDownLatch finished = new CountDownLatch(1);
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    steps.apply(from(from))
                            .filter(header(AvConstants.END_OF_STREAM).isEqualTo(true))
                                .process(e -> finished.countDown());
                }
            });
            camel.start();
            if (!finished.await(120, TimeUnit.SECONDS)) {
                throw new IllegalStateException("Did not reach the end of " + from + " in time");
            }
        }
    }
}
