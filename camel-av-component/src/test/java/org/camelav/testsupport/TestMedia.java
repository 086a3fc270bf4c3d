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

    /**
     * A 320x240 25 fps H.264 Main profile MP4 clip with B-frames, which no encoder of the LGPL natives makes
     * (libopenh264 is constrained baseline): GStreamer's x264enc ({@code gstreamer1.0-plugins-ugly}, a test package)
     * encodes {@code frames} frames of moving SMPTE bars with two B-frames between references ({@code b-adapt} off; with
     * {@code pyramid} three, the middle one a reference for the others: two pictures of reorder delay instead of one),
     * a closed GOP of 25 frames (no scene cuts), then the bundled ffmpeg adds a 440 Hz mono 48 kHz AAC track when
     * {@code audio} is set. Skips (fails with {@code CI=true}) without gst-launch-1.0 and x264enc.
     */
    public static synchronized Path h264BFrames(int frames, boolean audio, boolean pyramid) {
        Path file = DIR.resolve(frames + "f-x264-bframes" + (pyramid ? "-pyramid" : "") + (audio ? "-audio" : "")
                                + ".mp4");
        if (Files.exists(file)) {
            return file;
        }
        requireGst("x264enc", "gstreamer1.0-plugins-ugly");
        try {
            Files.createDirectories(DIR);
            Path video = Files.createTempFile(DIR, "x264-", ".mp4");
            try {
                gst("gst-launch-1.0", "-q", "videotestsrc", "num-buffers=" + frames, "pattern=smpte",
                        "horizontal-speed=3", "!", "video/x-raw,format=I420,width=320,height=240,framerate=25/1", "!",
                        "x264enc", pyramid ? "bframes=3" : "bframes=2", "b-adapt=false", "b-pyramid=" + pyramid,
                        "key-int-max=25", "option-string=scenecut=0:open-gop=0", "bitrate=800", "threads=1", "!",
                        "video/x-h264,profile=main", "!", "h264parse", "!", "mp4mux", "!", "filesink",
                        "location=" + video);
                Path tmp = DIR.resolve(file.getFileName() + ".part.mp4");
                if (audio) {
                    FfmpegCli.ffmpeg("-i", video.toString(), "-f", "lavfi", "-i",
                            "sine=frequency=440:sample_rate=48000",
                            "-map", "0:v", "-map", "1:a", "-t", String.valueOf(frames / 25.0), "-c:v", "copy", "-c:a",
                            "aac", "-ac", "1", tmp.toString());
                } else {
                    FfmpegCli.ffmpeg("-i", video.toString(), "-c", "copy", tmp.toString());
                }
                Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(video);
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return file;
    }

    /** Skips (fails in CI) unless GStreamer's command-line tools and {@code element} are installed. */
    public static void requireGst(String element, String debianPackage) {
        boolean ok;
        try {
            ok = gst("gst-inspect-1.0", "--exists", element) == 0;
        } catch (IllegalStateException e) {
            ok = false;
        }
        Prerequisites.require(ok, "GStreamer's " + element + " (Debian packages gstreamer1.0-tools, " + debianPackage
                                  + ")");
    }

    /** Runs a GStreamer tool; its exit status (gst-launch-1.0 failing fails the test with its output). */
    private static int gst(String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (!p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("Timed out: " + String.join(" ", cmd));
            }
            if (p.exitValue() != 0 && cmd[0].equals("gst-launch-1.0")) {
                throw new IllegalStateException("Exit " + p.exitValue() + ": " + String.join(" ", cmd) + "\n" + out);
            }
            return p.exitValue();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Cannot run " + cmd[0] + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
