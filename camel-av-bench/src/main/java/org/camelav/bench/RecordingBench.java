package org.camelav.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.camelav.media.Ffmpeg;
import org.camelav.media.MediaItem;
import org.camelav.media.MediaPacket;
import org.camelav.media.container.MediaReader;
import org.camelav.media.container.ReaderOptions;
import org.camelav.media.container.WriterOptions;
import org.camelav.recording.ClipRecorder;
import org.camelav.recording.PathPattern;
import org.camelav.recording.RecordingOptions;
import org.camelav.recording.SegmentClock;

/**
 * Recording rows (bench/recording): N paced packet sources recorded in 5 s segments by camel-av (one JVM, N routes)
 * against N {@code ffmpeg -re -c copy -f segment} processes, as CPU seconds per wall second, so cameras per core; and
 * the pre-roll buffer's peak at preRoll=10 on the same clip. Arguments: CLIP OUT_DIR CAMERAS SECONDS [WARMUP]
 * (seconds before the measurement, default 3; camel-av's JIT compiles for longer than that, see docs/benchmarks.md).
 */
public final class RecordingBench {

    private RecordingBench() {
    }

    /** The recording benches' camera: 20 s of 1080p at 4 Mbit/s, GOP 2.4 s, made once by the bundled ffmpeg. */
    static void makeClip(Path clip) throws Exception {
        if (Files.exists(clip)) {
            return;
        }
        Path part = Path.of(clip + ".part.mp4");
        int exit = Ffmpeg.cli(false, List.of("-nostdin", "-v", "error", "-y", "-f", "lavfi", "-i",
                "testsrc2=size=1920x1080:rate=25,noise=alls=12:allf=t", "-frames:v", "500", "-c:v", "libopenh264",
                "-b:v", "4M", "-maxrate", "4M", "-g", "60", "-pix_fmt", "yuv420p", part.toString())).inheritIO()
                .start().waitFor();
        if (exit != 0) {
            throw new IllegalStateException("making the 1080p clip failed: exit " + exit);
        }
        Files.move(part, clip);
    }

    public static void main(String[] args) throws Exception {
        Path clip = Path.of(args[0]);
        Path out = Path.of(args[1]);
        int cameras = Integer.parseInt(args[2]);
        int seconds = Integer.parseInt(args[3]);
        int warmup = args.length > 4 ? Integer.parseInt(args[4]) : 3;
        makeClip(clip);
        double[] measured = measure(clip);
        double bitRate = measured[0] * 8 / measured[1];
        System.out.printf("| recorder | cameras | wall s | CPU s | cores busy | cameras per core | RSS MB | PSS per camera MB"
                          + " | write syscalls/s | JIT compile ms in the window |%n");
        System.out.printf("|---|---|---|---|---|---|---|---|---|---|%n");
        row("camel-av record=true (1 JVM)", cameras, seconds,
                camelAv(clip, out.resolve("camel-av"), cameras, seconds, warmup));
        deleteTree(out.resolve("camel-av")); // 100 cameras write 18 GB in 6 minutes
        row("ffmpeg -c copy -f segment (N processes)", cameras, seconds,
                ffmpeg(clip, out.resolve("ffmpeg"), cameras, seconds, warmup));
        deleteTree(out.resolve("ffmpeg"));
        preRoll(clip, out.resolve("clips"), bitRate, measured[1]);
    }

    /** What one recorder cost over the window: CPU s, RSS bytes at its end, write syscalls, JIT ms (-1: not known). */
    private record Cost(double cpu, long rss, long pss, long writes, long jitMs) {
    }

    private static void row(String what, int cameras, int seconds, Cost c) {
        double busy = c.cpu() / seconds;
        System.out.printf("| %s | %d | %d | %.2f | %.3f | %.1f | %.0f | %.1f | %.0f | %s |%n", what, cameras, seconds,
                c.cpu(), busy, cameras / busy, c.rss() / 1e6, c.pss() / 1e6 / cameras, c.writes() / (double) seconds,
                c.jitMs() < 0 ? "—" : String.valueOf(c.jitMs()));
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
        if (Files.exists(dir)) {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** A number from a /proc file of {@code key: value} lines ({@code status}'s VmRSS in kB, {@code io}'s syscw). */
    private static long proc(long pid, String file, String key) {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/" + pid + "/" + file))) {
                if (l.startsWith(key + ":")) {
                    return Long.parseLong(l.substring(key.length() + 1).trim().split("\\s+")[0]);
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            // a process gone: counts nothing
        }
        return 0;
    }

    private static Cost camelAv(Path clip, Path out, int cameras, int seconds, int warmup) throws Exception {
        AtomicLong packets = new AtomicLong();
        try (CamelContext ctx = new DefaultCamelContext()) {
            ctx.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    for (int i = 0; i < cameras; i++) {
                        from("av:file:" + clip + "?mode=packets&streams=all&realtime=true&loop=true&timeout=" + (30_000 + i)) // one endpoint each
                                .process(e -> packets.incrementAndGet())
                                .to("av:" + out.resolve("cam" + i) + "/%H%M%S.mp4?record=true&segmentDuration=5");
                    }
                }
            });
            ctx.start();
            Thread.sleep(warmup * 1000L); // JIT, first segments open
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            var jit = ManagementFactory.getCompilationMXBean();
            long self = ProcessHandle.current().pid();
            long cpu0 = os.getProcessCpuTime();
            long jit0 = jit.getTotalCompilationTime();
            long writes0 = proc(self, "io", "syscw");
            long p0 = packets.get();
            Thread.sleep(seconds * 1000L);
            long cpu = os.getProcessCpuTime() - cpu0;
            Cost c = new Cost(cpu / 1e9, proc(self, "status", "VmRSS") * 1024,
                    proc(self, "smaps_rollup", "Pss") * 1024, proc(self, "io", "syscw") - writes0,
                    jit.getTotalCompilationTime() - jit0);
            System.err.printf("camel-av: %d packets in %d s%n", packets.get() - p0, seconds);
            return c;
        }
    }

    private static Cost ffmpeg(Path clip, Path out, int cameras, int seconds, int warmup) throws Exception {
        List<Process> procs = new ArrayList<>();
        try {
            for (int i = 0; i < cameras; i++) {
                Path dir = Files.createDirectories(out.resolve("cam" + i));
                procs.add(Ffmpeg.cli(false, List.of("-nostdin", "-v", "error", "-re", "-stream_loop", "-1", "-i",
                        clip.toString(), "-map", "0", "-c", "copy", "-f", "segment", "-segment_time", "5",
                        "-reset_timestamps", "1", "-strftime", "1", dir + "/%H%M%S.mp4"))
                        .redirectErrorStream(true).redirectOutput(out.resolve("ffmpeg" + i + ".log").toFile()).start());
            }
            Thread.sleep(warmup * 1000L);
            double cpu0 = cpu(procs);
            long writes0 = procs.stream().mapToLong(p -> proc(p.pid(), "io", "syscw")).sum();
            Thread.sleep(seconds * 1000L);
            double cpu = cpu(procs) - cpu0;
            return new Cost(cpu, procs.stream().mapToLong(p -> proc(p.pid(), "status", "VmRSS")).sum() * 1024,
                    procs.stream().mapToLong(p -> proc(p.pid(), "smaps_rollup", "Pss")).sum() * 1024,
                    procs.stream().mapToLong(p -> proc(p.pid(), "io", "syscw")).sum() - writes0, -1);
        } finally {
            procs.forEach(Process::destroy);
        }
    }

    /** utime + stime of the processes from /proc (ProcessHandle's CPU duration is not refreshed on every JDK). */
    private static double cpu(List<Process> procs) throws Exception {
        long ticks = 0;
        for (Process p : procs) {
            String stat = Files.readString(Path.of("/proc/" + p.pid() + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
        }
        return ticks / 100.0; // USER_HZ
    }

    /** Bytes and duration of the clip's packets: {bytes, seconds}. */
    private static double[] measure(Path clip) {
        long bytes = 0;
        double end = 0;
        try (MediaReader r = MediaReader.open(ReaderOptions.builder(clip.toString()).packets(true).build())) {
            for (MediaItem i; (i = r.next()) != null; ) {
                bytes += ((MediaPacket) i).size();
                end = Math.max(end, i.time() == null ? 0 : i.time());
            }
        }
        return new double[] { bytes, end };
    }

    /** The pre-roll buffer's peak over three passes of the clip (no trigger: the steady state of an idle camera). */
    private static void preRoll(Path clip, Path out, double bitRate, double seconds) throws Exception {
        Files.createDirectories(out);
        RecordingOptions o = new RecordingOptions(new PathPattern(out + "/clip-%s.mp4", ZoneId.systemDefault()),
                WriterOptions.of("unused.mp4"), 60, SegmentClock.CAMERA, 0, 0, 10, 10);
        Runtime rt = Runtime.getRuntime();
        System.gc();
        long heap0 = rt.totalMemory() - rt.freeMemory();
        long peakHeap = 0;
        try (ClipRecorder c = new ClipRecorder(o);
             MediaReader r = MediaReader.open(ReaderOptions.builder(clip.toString()).packets(true).loop(true)
                     .maxFrames(3 * Math.round(seconds * 25)).build())) {
            for (MediaItem i; (i = r.next()) != null; ) {
                c.write((MediaPacket) i, 0, null);
            }
            System.gc();
            peakHeap = rt.totalMemory() - rt.freeMemory() - heap0;
            System.out.printf("%nPre-roll buffer, preRoll=10, %.2f Mbit/s source: peak %.2f MB of packets"
                              + " (bound bit rate x (preRoll + GOP) / 8 = %.2f MB, GOP 2.4 s), %.2f MB retained"
                              + " heap after GC%n", bitRate / 1e6, c.maxBufferedBytes() / 1e6,
                    bitRate * (10 + 2.4) / 8 / 1e6, peakHeap / 1e6);
        }
    }
}
