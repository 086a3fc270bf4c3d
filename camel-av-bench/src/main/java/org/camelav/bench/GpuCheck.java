package org.camelav.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.camelav.media.Ffmpeg;
import org.camelav.media.MediaItem;
import org.camelav.media.codec.HwAccel;
import org.camelav.media.codec.HwDevice;
import org.camelav.media.container.MediaReader;
import org.camelav.media.container.ReaderOptions;
import org.camelav.media.video.VideoFrame;

/**
 * The hardware-decode device check (bench/gpu-check): on a machine with an NVIDIA GPU and its driver, decodes 1080p
 * and 4K H.264 and HEVC with hwaccel=cuda and on the CPU, compares the pictures after download (bgr24, within ±2 per
 * channel), runs NVDEC sessions in parallel, and sets each rate against {@code ffmpeg -hwaccel cuda} in the same run.
 * Ends with one line: {@code GPU-CHECK PASS|FAIL: ...}.
 */
public final class GpuCheck {

    private static final int FRAMES = 240;
    private static final int COMPARED = 8;
    private static final int TOLERANCE = 2;

    private GpuCheck() {
    }

    record Rate(long frames, double fps) {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "bench/out/gpu");
        Files.createDirectories(dir);
        Ffmpeg.init();
        try {
            HwDevice.check(new HwAccel("cuda", null, false));
        } catch (RuntimeException e) {
            System.out.println("GPU-CHECK FAIL: no usable cuda device: " + e.getMessage());
            System.exit(2);
        }
        List<String> failures = new ArrayList<>();
        List<String> figures = new ArrayList<>();
        for (String[] c : new String[][] { { "h264", "1920x1080" }, { "hevc", "1920x1080" }, { "h264", "3840x2160" },
                                           { "hevc", "3840x2160" } }) {
            Path clip = clip(dir, c[0], c[1]);
            if (clip == null) {
                figures.add(c[0] + " " + c[1] + ": no encoder to make the clip, skipped");
                continue;
            }
            Rate cpu = decode(clip, null);
            Rate gpu = decode(clip, "cuda");
            double cli = cliFps(clip, true);
            double cliCpu = cliFps(clip, false);
            int diff = maxDifference(clip);
            String row = String.format("%s %s: camel-av cuda %.0f fps (%d frames), cpu %.0f fps; ffmpeg -hwaccel cuda"
                                       + " %.0f fps, cpu %.0f fps; camel-av/ffmpeg %.2fx; max pixel diff %d", c[0],
                    c[1], gpu.fps, gpu.frames, cpu.fps, cpu.frames, cli, cliCpu, gpu.fps / cli, diff);
            figures.add(row);
            System.out.println(row);
            if (gpu.frames != cpu.frames) {
                failures.add(c[0] + " " + c[1] + " frame count " + gpu.frames + " vs cpu " + cpu.frames);
            }
            if (diff > TOLERANCE) {
                failures.add(c[0] + " " + c[1] + " pixels differ by " + diff);
            }
        }
        Path hd = clip(dir, "h264", "1920x1080");
        for (int sessions : new int[] { 4, 8 }) {
            String row = String.format("%d parallel NVDEC sessions, h264 1080p: %.0f fps in all", sessions,
                    parallel(hd, sessions));
            figures.add(row);
            System.out.println(row);
        }
        System.out.println((failures.isEmpty() ? "GPU-CHECK PASS: " : "GPU-CHECK FAIL: " + failures + "; ")
                           + String.join(" | ", figures));
        System.exit(failures.isEmpty() ? 0 : 1);
    }

    /** A 240-frame testsrc2 clip, made by NVENC when it works (fast at 4K), else by the software encoder. */
    private static Path clip(Path dir, String codec, String size) throws Exception {
        Path file = dir.resolve(codec + "-" + size + ".mp4");
        if (Files.exists(file)) {
            return file;
        }
        for (String encoder : codec.equals("h264") ? List.of("h264_nvenc", "libopenh264") : List.of("hevc_nvenc",
                "libx265")) {
            if (run(List.of("-y", "-v", "error", "-f", "lavfi", "-i", "testsrc2=size=" + size + ":rate=30",
                    "-frames:v", String.valueOf(FRAMES), "-c:v", encoder, "-g", "30", "-pix_fmt", "yuv420p",
                    file.toString())) == 0) {
                return file;
            }
        }
        return null;
    }

    private static Rate decode(Path clip, String hwaccel) {
        ReaderOptions opts = ReaderOptions.builder(clip.toString())
                .hwaccel(hwaccel == null ? null : new HwAccel(hwaccel, null, false)).build();
        long start = System.nanoTime();
        long frames = 0;
        try (MediaReader reader = MediaReader.open(opts)) {
            for (MediaItem item = reader.next(); item != null; item = reader.next()) {
                frames++;
                item.release();
            }
        }
        return new Rate(frames, frames / ((System.nanoTime() - start) / 1e9));
    }

    /** The largest per-channel difference between CPU and cuda decoding over the first frames, as bgr24. */
    private static int maxDifference(Path clip) {
        List<byte[]> cpu = pictures(clip, null);
        List<byte[]> gpu = pictures(clip, "cuda");
        int max = 0;
        for (int i = 0; i < Math.min(cpu.size(), gpu.size()); i++) {
            byte[] a = cpu.get(i);
            byte[] b = gpu.get(i);
            for (int j = 0; j < a.length; j++) {
                max = Math.max(max, Math.abs((a[j] & 0xff) - (b[j] & 0xff)));
            }
        }
        return cpu.size() == gpu.size() ? max : Integer.MAX_VALUE;
    }

    private static List<byte[]> pictures(Path clip, String hwaccel) {
        ReaderOptions opts = ReaderOptions.builder(clip.toString()).pixelFormat("bgr24").maxFrames(COMPARED)
                .hwaccel(hwaccel == null ? null : new HwAccel(hwaccel, null, false)).build();
        List<byte[]> out = new ArrayList<>();
        try (MediaReader reader = MediaReader.open(opts)) {
            for (MediaItem item = reader.next(); item != null; item = reader.next()) {
                out.add(((VideoFrame) item).data());
                item.release();
            }
        }
        return out;
    }

    private static double parallel(Path clip, int sessions) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(sessions);
        try {
            long start = System.nanoTime();
            List<Future<Rate>> runs = new ArrayList<>();
            for (int i = 0; i < sessions; i++) {
                runs.add(pool.submit(() -> decode(clip, "cuda")));
            }
            long frames = 0;
            for (Future<Rate> r : runs) {
                frames += r.get().frames;
            }
            return frames / ((System.nanoTime() - start) / 1e9);
        } finally {
            pool.shutdownNow();
        }
    }

    /** ffmpeg's own decode rate: -hwaccel cuda downloads each frame as camel-av does (no -hwaccel_output_format). */
    private static double cliFps(Path clip, boolean cuda) throws Exception {
        List<String> args = new ArrayList<>(List.of("-v", "error"));
        if (cuda) {
            args.addAll(List.of("-hwaccel", "cuda"));
        }
        args.addAll(List.of("-i", clip.toString(), "-f", "null", "-"));
        long start = System.nanoTime();
        if (run(args) != 0) {
            return Double.NaN;
        }
        return FRAMES / ((System.nanoTime() - start) / 1e9);
    }

    private static int run(List<String> args) throws Exception {
        Process p = Ffmpeg.cli(false, args).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        return p.waitFor();
    }
}
