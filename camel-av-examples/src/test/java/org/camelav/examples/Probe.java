package org.camelav.examples;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.camelav.media.Ffmpeg;

/** The bundled ffprobe/ffmpeg programs as an independent oracle for what the examples wrote. */
final class Probe {

    private Probe() {
    }

    /** One value per line of {@code -show_entries ... -of default=nw=1:nk=1}. */
    static List<String> values(Path file, String selectStreams, String entries, String... extra) {
        List<String> args = new ArrayList<>(List.of("-v", "error", "-select_streams", selectStreams, "-show_entries",
                entries, "-of", "default=nw=1:nk=1"));
        args.addAll(Arrays.asList(extra));
        args.add(file.toString());
        String out = new String(run(Ffmpeg.cli(true, args)), StandardCharsets.UTF_8).trim();
        return out.isEmpty() ? List.of() : List.of(out.split("\\R"));
    }

    /** Frames ffprobe decodes in the stream. */
    static long countFrames(Path file, String selectStreams) {
        return Long.parseLong(values(file, selectStreams, "stream=nb_read_frames", "-count_frames").get(0));
    }

    /** The {@code index}-th decoded frame of {@code file} as tightly packed bgr24, per the bundled ffmpeg. */
    static byte[] bgr24Frame(Path file, int index) {
        return run(Ffmpeg.cli(false, List.of("-nostdin", "-v", "error", "-i", file.toString(), "-vf",
                "select=eq(n\\," + index + ")", "-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "bgr24", "-")));
    }

    static byte[] run(ProcessBuilder pb) {
        try {
            Path err = Files.createTempFile("probe", ".err");
            try {
                Process p = pb.redirectError(err.toFile()).start();
                byte[] out = p.getInputStream().readAllBytes();
                if (!p.waitFor(120, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new IllegalStateException("Timed out: " + pb.command());
                }
                if (p.exitValue() != 0) {
                    throw new IllegalStateException("Exit " + p.exitValue() + ": " + pb.command() + "\n"
                                                    + Files.readString(err));
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
