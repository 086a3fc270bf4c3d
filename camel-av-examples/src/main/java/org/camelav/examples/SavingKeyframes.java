package org.camelav.examples;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

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
        Examples.runToEnd("av:" + video + "?skipFrame=NONKEY", route -> route
                .log("key frame pts=${header.CamelAvPts} t=${header.CamelAvTime}s")
                .marshal(new AvImageDataFormat("jpeg", 80))
                .to("file:" + out + "?fileName=keyframe-${header.CamelAvPts}.jpg"));
        try (Stream<Path> files = Files.list(out)) {
            List<Path> jpegs = files.filter(p -> p.toString().endsWith(".jpg")).sorted().toList();
            LOG.info("Saved {} key frames of {} to {}", jpegs.size(), video, out);
            return jpegs;
        }
    }

    /** A 640x360 25 fps testsrc2 clip with a key frame every 25 frames (see {@link Examples#generateClip}). */
    static Path generateClip(Path file, int seconds) throws Exception {
        return Examples.generateClip(file, seconds, 25, "640x360");
    }
}
