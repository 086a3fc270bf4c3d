package org.camelav.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.camelav.media.Ffmpeg;


/**
 * The ffmpeg and ffprobe programs bundled in the natives jar: test media generator and independent oracle for what the
 * component reads and writes.
 */
public final class FfmpegCli {

    private FfmpegCli() {
    }

    /** Runs the bundled ffmpeg with {@code -y -v error} and fails on a non-zero exit. */
    public static void ffmpeg(String... args) {
        List<String> cmd = new ArrayList<>(List.of("-nostdin", "-y", "-v", "error"));
        cmd.addAll(Arrays.asList(args));
        run(Ffmpeg.cli(false, cmd));
    }

    /** Runs the bundled ffprobe ({@code -v error}) and returns its standard output. */
    public static String ffprobe(String... args) {
        List<String> cmd = new ArrayList<>(List.of("-v", "error"));
        cmd.addAll(Arrays.asList(args));
        return run(Ffmpeg.cli(true, cmd));
    }

    /** One value per line of {@code -show_entries ... -of default=nw=1:nk=1}. */
    public static List<String> probeValues(Path file, String selectStreams, String entries, String... extra) {
        List<String> args = new ArrayList<>(List.of("-select_streams", selectStreams, "-show_entries", entries,
                "-of", "default=nw=1:nk=1"));
        args.addAll(Arrays.asList(extra));
        args.add(file.toString());
        String out = ffprobe(args.toArray(String[]::new)).trim();
        return out.isEmpty() ? List.of() : List.of(out.split("\\R"));
    }

    /** Frames ffprobe decodes in the stream ({@code -count_frames}). */
    public static long countFrames(Path file, String selectStreams) {
        return Long.parseLong(probeValues(file, selectStreams, "stream=nb_read_frames", "-count_frames").get(0));
    }

    /** Packets ffprobe demuxes in the stream ({@code -count_packets}). */
    public static long countPackets(Path file, String selectStreams) {
        return Long.parseLong(probeValues(file, selectStreams, "stream=nb_read_packets", "-count_packets").get(0));
    }

    /** The {@code index}-th decoded frame of {@code file} as tightly packed bgr24, per the bundled ffmpeg. */
    public static byte[] bgr24Frame(Path file, int index) {
        return runForBytes(Ffmpeg.cli(false, List.of("-nostdin", "-v", "error", "-i", file.toString(), "-vf",
                "select=eq(n\\," + index + ")", "-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "bgr24", "-")));
    }

    /** Every decoded frame of {@code file}, tightly packed in {@code pixelFormat} one after another, per the bundled ffmpeg. */
    public static byte[] rawVideo(Path file, String pixelFormat) {
        return runForBytes(Ffmpeg.cli(false, List.of("-nostdin", "-v", "error", "-i", file.toString(), "-f",
                "rawvideo", "-pix_fmt", pixelFormat, "-")));
    }

    /** Runs the bundled ffmpeg ({@code -nostdin -v error} first) and returns what it wrote to standard output. */
    public static byte[] output(String... args) {
        List<String> cmd = new ArrayList<>(List.of("-nostdin", "-v", "error"));
        cmd.addAll(Arrays.asList(args));
        return runForBytes(Ffmpeg.cli(false, cmd));
    }

    /** Key frames per ffprobe: decoded frames flagged key_frame=1. */
    public static long countKeyFrames(Path file) {
        return probeValues(file, "v:0", "frame=key_frame").stream().filter("1"::equals).count();
    }

    private static String run(ProcessBuilder pb) {
        return new String(runForBytes(pb), StandardCharsets.UTF_8);
    }

    /** Runs the program and returns its standard output; fails with its standard error on a non-zero exit. */
    private static byte[] runForBytes(ProcessBuilder pb) {
        List<String> cmd = pb.command();
        try {
            Path err = Files.createTempFile("ffmpeg", ".err");
            try {
                Process p = pb.redirectError(err.toFile()).start();
                byte[] out = p.getInputStream().readAllBytes();
                if (!p.waitFor(120, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new IllegalStateException("Timed out: " + cmd);
                }
                if (p.exitValue() != 0) {
                    throw new IllegalStateException("Exit " + p.exitValue() + ": " + cmd + "\n" + Files.readString(err));
                }
                return out;
            } finally {
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
