package org.camelav.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;

/** Generates test clips at run time with the bundled ffmpeg; media is never committed. */
public final class TestMedia {

    private static final Path DIR = Path.of("target", "test-media");

    private TestMedia() {
    }

    /**
     * A 320x240 25 fps MPEG-4 Part 2 MP4 clip (no B-frames, encoder always present) of {@code frames} testsrc2 frames with a
     * key frame every {@code gop} frames, and a 440 Hz mono 48 kHz AAC track when {@code audio} is set.
     */
    public static synchronized Path clip(String name, int frames, int gop, boolean audio) {
        // the parameters are part of the cached file's name: the same name with other parameters is another clip
        Path file = DIR.resolve(frames + "f-gop" + gop + (audio ? "-audio-" : "-") + name);
        if (Files.exists(file)) {
            return file;
        }
        try {
            Files.createDirectories(DIR);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        String seconds = String.valueOf(frames / 25.0);
        if (audio) {
            FfmpegCli.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25", "-f", "lavfi", "-i",
                    "sine=frequency=440:sample_rate=48000", "-frames:v", String.valueOf(frames), "-t", seconds,
                    "-c:v", "mpeg4", "-g", String.valueOf(gop), "-bf", "0", "-q:v", "5", "-c:a", "aac", "-ac", "1",
                    file.toString());
        } else {
            FfmpegCli.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25", "-frames:v", String.valueOf(frames),
                    "-c:v", "mpeg4", "-g", String.valueOf(gop), "-bf", "0", "-q:v", "5", file.toString());
        }
        return file;
    }

    /** A solid-colour clip (lavfi {@code color}), lossless-ish so pixel values can be asserted. */
    public static synchronized Path solid(String name, String color, int frames) {
        Path file = DIR.resolve(color + "-" + frames + "f-" + name);
        if (!Files.exists(file)) {
            try {
                Files.createDirectories(DIR);
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
            FfmpegCli.ffmpeg("-f", "lavfi", "-i", "color=c=" + color + ":size=160x120:rate=25", "-frames:v",
                    String.valueOf(frames), "-c:v", "ffv1", "-pix_fmt", "yuv444p", file.toString());
        }
        return file;
    }
}
