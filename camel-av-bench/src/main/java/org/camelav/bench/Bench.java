package org.camelav.bench;

import static org.camelav.bench.Stats.fmt;
import static org.camelav.bench.Stats.fmt2;
import static org.camelav.bench.Stats.max;
import static org.camelav.bench.Stats.median;
import static org.camelav.bench.Stats.min;
import static org.camelav.bench.Stats.num;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The benchmark driver behind {@code bench/run}: generates the clips with the bundled ffmpeg, runs every workload for
 * every tool in this one invocation (runs interleaved, so a load change on the machine hits every tool alike), and
 * prints Markdown tables; every run and every summary row also goes out as a JSON line.
 *
 * <p>Whole-process figures come from separate processes under {@code /usr/bin/time} (wall clock measured here, CPU =
 * user + sys, peak RSS = max resident set); warm figures come from one more process per tool that repeats the pass
 * in-process and reports the passes after its warm-up ones.
 */
public final class Bench {

    // ---- configuration (from bench/run)
    private boolean quick;
    private int runs = 5;
    private int warmup = 2;
    private int warmPasses = 5;
    private Path out;
    private String cp;
    private String gplCp;
    private String gplWhyNot;
    private String python = "/usr/bin/python3";
    private Path pyWorker;
    private Set<String> only = new LinkedHashSet<>();
    private int clipFrames = 600;

    private String ffmpeg;
    private String gplFfmpeg;
    private Path clips;
    private Path tmp;
    private Report report;
    private Exec exec;
    private Commands commands;
    private String pyavWhyNot;

    public static void main(String[] args) throws Exception {
        Bench b = new Bench();
        for (String a : args) {
            String v = a.contains("=") ? a.substring(a.indexOf('=') + 1) : "";
            if (a.equals("--quick")) {
                b.quick = true;
            } else if (a.startsWith("--runs=")) {
                b.runs = Integer.parseInt(v);
            } else if (a.startsWith("--out=")) {
                b.out = Path.of(v);
            } else if (a.startsWith("--cp=")) {
                b.cp = v;
            } else if (a.startsWith("--gpl-cp=")) {
                b.gplCp = v.isEmpty() ? null : v;
            } else if (a.startsWith("--gpl-why-not=")) {
                b.gplWhyNot = v;
            } else if (a.startsWith("--python=")) {
                b.python = v;
            } else if (a.startsWith("--pyav-worker=")) {
                b.pyWorker = Path.of(v);
            } else if (a.startsWith("--only=")) {
                b.only.addAll(Arrays.asList(v.split(",")));
            } else {
                throw new IllegalArgumentException("unknown argument " + a);
            }
        }
        b.run();
    }

    private void run() throws Exception {
        if (quick) {
            clipFrames = 60;
            warmup = 2;
            warmPasses = 3;
        }
        Files.createDirectories(out);
        clips = out.resolve("clips");
        tmp = out.resolve("tmp");
        Files.createDirectories(clips);
        Files.createDirectories(tmp);
        report = Report.open(out);
        exec = new Exec(tmp, null, null);
        ffmpeg = ffmpegOf(cp);
        if (gplCp != null) {
            try {
                gplFfmpeg = ffmpegOf(gplCp);
            } catch (Exception e) {
                gplWhyNot = "GPL natives unusable: " + e.getMessage();
                gplCp = null;
            }
        }
        exec = new Exec(tmp, ffmpeg, gplFfmpeg);
        commands = new Commands(python, pyWorker);
        pyavWhyNot = checkPyav();
        header();
        makeClips();
        List<Workload> all = workloads();
        for (Workload w : all) {
            if (!only.isEmpty() && only.stream().noneMatch(o -> w.name.startsWith(o))) {
                continue;
            }
            Machine.settle();
            w.runner.run(w);
        }
        overheadSection();
        report.finish();
    }

    // ---------------------------------------------------------------- environment

    private String ffmpegOf(String classPath) throws Exception {
        Exec.Res r = exec(List.of("java", "-cp", classPath, FfmpegPath.class.getName()), 300, false);
        String p = r.stdout().strip();
        if (r.exit() != 0 || p.isEmpty() || !Files.isExecutable(Path.of(p))) {
            throw new IllegalStateException("cannot locate ffmpeg: " + r.stderr().strip());
        }
        return p;
    }

    private String checkPyav() {
        try {
            Exec.Res r = exec(List.of(python, "-c", "import av, numpy; print(av.__version__, "
                    + "'.'.join(map(str, av.library_versions['libavcodec'])))"), 60, false);
            if (r.exit() != 0) {
                return "PyAV not importable by " + python + " (install: bin/install-deps --bench): "
                       + Exec.lastLine(r.stderr());
            }
            pyavVersion = r.stdout().strip();
            return null;
        } catch (Exception e) {
            return python + " not runnable: " + e.getMessage();
        }
    }

    private String pyavVersion = "?";

    private void header() throws Exception {
        String cpu = Machine.cpuModel();
        Exec.Res v = exec(List.of(ffmpeg, "-hide_banner", "-version"), 60, false);
        String fv = v.stdout().lines().findFirst().orElse("?");
        line("# camel-av benchmarks" + (quick ? " (--quick: " + clipFrames + "-frame clips, peers only, fewer warm passes, live at one N; a smoke test: whole-process figures are mostly start-up)" : ""));
        line("");
        line("- date: " + ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        line("- machine: " + Runtime.getRuntime().availableProcessors() + " cores, " + cpu + ", "
             + (Machine.totalMemKb() / 1024 / 1024) + " GiB, " + System.getProperty("os.name") + " "
             + System.getProperty("os.version"));
        line("- load average at start: " + Machine.load());
        line("- ffmpeg CLI: " + fv + " (" + ffmpeg + ")");
        line("- GPL ffmpeg (libx264): " + (gplFfmpeg != null ? gplFfmpeg : "not available: " + gplWhyNot));
        line("- Java: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.version")
             + " (default JVM flags for every Java row)");
        line("- PyAV: " + (pyavWhyNot == null ? pyavVersion.replace(" ", ", libavcodec ")
                + " (Debian's python3-av on Debian's FFmpeg 5.1; the others use FFmpeg 8.0.1)" : pyavWhyNot));
        line("- JavaCV: 1.5.13 (FFmpegFrameGrabber/Recorder over the same FFmpeg 8.0.1 natives as camel-av)");
        line("- runs: " + runs + " whole-process runs per row (median [min-max]); warm: " + warmup
             + " warm-up + " + warmPasses + " timed passes in one process");
        line("");
    }

    // ---------------------------------------------------------------- clips

    private final Map<String, Clip> clipInfo = new LinkedHashMap<>();

    record Clip(Path path, int frames, int keyFrames, String desc) {
    }

    private void makeClips() throws Exception {
        int f = clipFrames;
        String noise = ",noise=alls=20:allf=t+u";
        clip("c1080", "1920x1080", 30, "8M", false, f, noise);
        clip("c720", "1280x720", 30, "4M", false, f, noise);
        clip("av720", "1280x720", 30, "4M", true, f, noise);
        clip("c360", "640x360", 25, "1M", false, quick ? 250 : 600, noise);
        line("Clips (bundled ffmpeg, testsrc2 + temporal noise, libopenh264, GOP 60, yuv420p):");
        line("");
        for (Map.Entry<String, Clip> e : clipInfo.entrySet()) {
            line("- `" + e.getKey() + "`: " + e.getValue().desc + ", " + e.getValue().frames + " frames, "
                 + e.getValue().keyFrames + " key frames");
        }
        line("");
    }

    private void clip(String name, String size, int rate, String bitrate, boolean audio, int frames, String noise)
            throws Exception {
        Path p = clips.resolve(name + "-" + frames + ".mp4");
        List<String> cmd = new ArrayList<>(List.of(ffmpeg, "-hide_banner", "-nostdin", "-loglevel", "error", "-y",
                "-f", "lavfi", "-i", "testsrc2=size=" + size + ":rate=" + rate + noise));
        if (audio) {
            cmd.addAll(List.of("-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000,aformat=channel_layouts=stereo"));
        }
        cmd.addAll(List.of("-frames:v", String.valueOf(frames), "-c:v", "libopenh264", "-b:v", bitrate, "-g", "60",
                "-pix_fmt", "yuv420p"));
        if (audio) {
            cmd.addAll(List.of("-c:a", "aac", "-b:a", "128k", "-shortest"));
        }
        cmd.add(p.toString());
        if (!Files.exists(p)) {
            Path part = clips.resolve(name + "-" + frames + ".part.mp4");
            cmd.set(cmd.size() - 1, part.toString());
            Exec.Res r = exec(cmd, 1800, true);
            if (r.exit() != 0) {
                throw new IllegalStateException("clip " + name + " failed: " + r.stderr());
            }
            Files.move(part, p);
        }
        String probe = ClipProbe.countFrames(p);
        String[] counts = probe.split(" ");
        clipInfo.put(name, new Clip(p, Integer.parseInt(counts[0]), Integer.parseInt(counts[1]),
                size + "@" + rate + " H.264 " + bitrate + "bit/s" + (audio ? " + AAC 48 kHz stereo 128k" : "")));
    }

    // ---------------------------------------------------------------- workloads

    /** A command line of one tool for one workload; frames = what it should report (null: take the worker's). */
    record Entry(String tool, String note, Function<Integer, List<String>> cmd, boolean inProcess, String whyNot) {
    }

    record Workload(String name, String title, Clip clip, int expect, List<Entry> entries, Runner runner) {
    }

    interface Runner {
        void run(Workload w) throws Exception;
    }

    private List<Workload> workloads() {
        List<Workload> w = new ArrayList<>();
        Clip c1080 = clipInfo.get("c1080");
        Clip c720 = clipInfo.get("c720");
        Clip av720 = clipInfo.get("av720");
        Clip c360 = clipInfo.get("c360");
        for (Clip c : quick ? List.of(c1080) : List.of(c1080, c720)) {
            String res = c == c1080 ? "1080p" : "720p";
            String clip = "clip=" + c.path;
            w.add(new Workload("decode-" + res, "1. decode to nothing, " + res, c, c.frames, List.of(
                    new Entry("ffmpeg", "-threads 0 -i clip -f null -",
                            n -> Commands.ff(ffmpeg, "-threads", "0", "-i", c.path.toString(), "-f", "null", "-"), false, null),
                    new Entry("camel-av", null, n -> Commands.java(cp, "camel-av", "decode", n, clip), true, null),
                    new Entry("camel-av MediaReader", null, n -> Commands.java(cp, "camel-av", "decode", n, clip, "media=1"), true,
                            null),
                    new Entry("camel-av zeroCopy", null, n -> Commands.java(cp, "camel-av", "decode", n, clip,
                            "opts=zeroCopy=true"), true, null),
                    pyav("decode", clip),
                    new Entry("javacv", null, n -> Commands.java(cp, "javacv", "decode", n, clip), true, null),
                    new Entry("javacpp loop", null, n -> Commands.java(cp, "javacpp", "decode", n, clip), true, null)),
                    this::throughput));
        }
        String clip = "clip=" + c1080.path;
        w.add(new Workload("bgr24-1080p", "2. decode + bgr24 delivery, 1080p", c1080, c1080.frames, List.of(
                new Entry("ffmpeg", "-threads 0 -i clip -pix_fmt bgr24 -f null -",
                        n -> Commands.ff(ffmpeg, "-threads", "0", "-i", c1080.path.toString(), "-pix_fmt", "bgr24", "-f", "null",
                                "-"), false, null),
                new Entry("camel-av", null, n -> Commands.java(cp, "camel-av", "bgr24", n, clip), true, null),
                new Entry("camel-av MediaReader", null, n -> Commands.java(cp, "camel-av", "bgr24", n, clip, "media=1"), true,
                        null),
                new Entry("camel-av zeroCopy", null, n -> Commands.java(cp, "camel-av", "bgr24", n, clip, "opts=zeroCopy=true"),
                        true, null),
                pyav("bgr24", clip),
                new Entry("javacv", null, n -> Commands.java(cp, "javacv", "bgr24", n, clip), true, null)), this::throughput));
        w.add(new Workload("keyframes-1080p", "3. key frames only, 1080p", c1080, c1080.keyFrames, List.of(
                new Entry("ffmpeg", "-skip_frame nokey -threads 0 -i clip -f null -",
                        n -> Commands.ff(ffmpeg, "-skip_frame", "nokey", "-threads", "0", "-i", c1080.path.toString(), "-f",
                                "null", "-"), false, null),
                new Entry("camel-av", null, n -> Commands.java(cp, "camel-av", "keyframes", n, clip), true, null),
                pyav("keyframes", clip),
                new Entry("javacv", null, n -> Commands.java(cp, "javacv", "keyframes", n, clip), true, null),
                new Entry("javacpp loop", null, n -> Commands.java(cp, "javacpp", "keyframes", n, clip), true, null)),
                this::throughput));
        w.add(new Workload("packets-1080p", "4a. packets only, 1080p", c1080, c1080.frames, List.of(
                new Entry("ffmpeg", "-i clip -c copy -f null -",
                        n -> Commands.ff(ffmpeg, "-i", c1080.path.toString(), "-c", "copy", "-f", "null", "-"), false, null),
                new Entry("camel-av", null, n -> Commands.java(cp, "camel-av", "packets", n, clip), true, null),
                pyav("packets", clip),
                new Entry("javacv", null, n -> Commands.java(cp, "javacv", "packets", n, clip), true, null)), this::throughput));
        String avc = "clip=" + av720.path;
        w.add(new Workload("remux-720p-aac", "4b. remux MP4 (H.264 + AAC) to MKV, 720p", av720, av720.frames, List.of(
                new Entry("ffmpeg", "-i clip -map 0 -c copy -y out.mkv",
                        n -> Commands.ff(ffmpeg, "-i", av720.path.toString(), "-map", "0", "-c", "copy", "-y", outFile("ffmpeg",
                                "mkv")), false, null),
                new Entry("camel-av", null, n -> Commands.java(cp, "camel-av", "remux", n, avc, "out=" + outFile("camel-av", "mkv")),
                        true, null),
                pyav("remux", avc, "out=" + outFile("pyav", "mkv")),
                new Entry("javacv", null, n -> Commands.java(cp, "javacv", "remux", n, avc, "out=" + outFile("javacv", "mkv")),
                        true, null)), this::throughput));
        String c7 = "clip=" + c720.path;
        w.add(new Workload("encode-720p-openh264", "5a. decode + encode H.264 720p, default (LGPL) encoder libopenh264"
                + " 2 Mbit/s GOP 60", c720, c720.frames, List.of(
                new Entry("ffmpeg", "-i clip -c:v libopenh264 -b:v 2M -g 60 -y out.mp4",
                        n -> Commands.ff(ffmpeg, "-i", c720.path.toString(), "-c:v", "libopenh264", "-b:v", "2M", "-g", "60", "-y",
                                outFile("ffmpeg", "mp4")), false, null),
                new Entry("camel-av", null, n -> Commands.java(cp, "camel-av", "encode", n, c7, "out=" + outFile("camel-av",
                        "mp4")), true, null),
                new Entry("camel-av zeroCopy", null, n -> Commands.java(cp, "camel-av", "encode", n, c7, "out="
                        + outFile("camel-av-zc", "mp4"), "opts=zeroCopy=true"), true, null),
                pyav("encode", c7, "out=" + outFile("pyav", "mp4")),
                new Entry("javacv", null, n -> Commands.java(cp, "javacv", "encode", n, c7, "out=" + outFile("javacv", "mp4")),
                        true, null)), this::throughput));
        String gplNo = gplCp == null ? "GPL natives not available: " + gplWhyNot : null;
        w.add(new Workload("encode-720p-x264", "5b. decode + encode H.264 720p, GPL build: libx264 preset=fast crf=28"
                + " tune=zerolatency GOP 60", c720, c720.frames, List.of(
                new Entry("ffmpeg", "-i clip -c:v libx264 -preset fast -crf 28 -tune zerolatency -g 60 -y out.mp4 (GPL"
                        + " natives jar's ffmpeg)",
                        n -> Commands.ff(gplFfmpeg, "-i", c720.path.toString(), "-c:v", "libx264", "-preset", "fast", "-crf", "28",
                                "-tune", "zerolatency", "-g", "60", "-y", outFile("ffmpeg-x264", "mp4")), false, gplNo),
                new Entry("camel-av", "-Dgpl class path", n -> Commands.java(gplCp, "camel-av", "encode-x264", n, c7,
                        "out=" + outFile("camel-av-x264", "mp4")), true, gplNo),
                pyav("encode-x264", c7, "out=" + outFile("pyav-x264", "mp4")),
                new Entry("javacv", "-Dgpl class path", n -> Commands.java(gplCp, "javacv", "encode-x264", n, c7,
                        "out=" + outFile("javacv-x264", "mp4")), true, gplNo)), this::throughput));
        w.add(new Workload("live-360p", "6. live: concurrent 640x360@25 sources paced in real time (file read like"
                + " ffmpeg -re), decoder threads=1 each", c360, c360.frames, List.of(
                new Entry("ffmpeg", "N processes: -re -threads 1 -i clip -frames:v F -f null -", null, false, null),
                new Entry("camel-av", null, null, true, null),
                new Entry("camel-av zeroCopy", null, null, true, null),
                new Entry("pyav", null, null, true, pyavWhyNot),
                new Entry("javacv", null, null, true, null)), this::live));
        w.add(new Workload("memory-360p", "7. memory: RSS after " + memAt() + " vs " + memFrames()
                + " decoded frames (clip looped)", c360, c360.frames, List.of(
                new Entry("ffmpeg", "-stream_loop -1 -i clip -frames:v F -f null -, VmRSS from /proc via -progress",
                        null, false, null),
                new Entry("camel-av", null, null, true, null),
                new Entry("pyav", null, null, true, pyavWhyNot),
                new Entry("javacv", null, null, true, null)), this::memory));
        return w;
    }

    private Entry pyav(String workload, String... args) {
        return new Entry("pyav", null, n -> commands.py(workload, n, args), true, pyavWhyNot);
    }

    private String outFile(String tool, String ext) {
        return tmp.resolve(tool + "." + ext).toString();
    }

    private int memAt() {
        return quick ? 1_000 : 10_000;
    }

    private int memFrames() {
        return quick ? 10_000 : 100_000;
    }

    // ---------------------------------------------------------------- throughput workloads

    private void throughput(Workload w) throws Exception {
        String loadStart = Machine.load();
        System.err.println("== " + w.name + " (load " + loadStart + ")");
        Map<String, List<Map<String, Object>>> whole = new LinkedHashMap<>();
        Map<String, Map<String, Object>> warm = new LinkedHashMap<>();
        List<Entry> active = w.entries.stream().filter(e -> e.whyNot == null).toList();
        if (quick) {
            // --quick: the peers only; the reference rows (MediaReader alone, bare JavaCPP loop) are in full runs
            active = active.stream().filter(e -> !e.tool.contains(" ")).toList();
        }
        for (int r = 0; r < runs; r++) {
            // rotate the order so that no tool always runs first or last
            List<Entry> order = new ArrayList<>(active);
            Collections.rotate(order, r);
            for (Entry e : order) {
                Map<String, Object> m = measure(w, e, 1);
                m.put("run", r + 1);
                whole.computeIfAbsent(e.tool, k -> new ArrayList<>()).add(m);
            }
        }
        for (Entry e : active) {
            if (e.inProcess) {
                Map<String, Object> m = measure(w, e, warmup + warmPasses);
                m.put("run", "warm");
                warm.put(e.tool, m);
            }
        }
        String loadEnd = Machine.load();
        Double ffFps = null;
        List<String[]> table = new ArrayList<>();
        for (Entry e : w.entries) {
            if (e.whyNot == null && !active.contains(e)) {
                continue;
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("type", "summary");
            row.put("workload", w.name);
            row.put("tool", e.tool);
            row.put("loadStart", loadStart);
            row.put("loadEnd", loadEnd);
            if (e.whyNot != null) {
                row.put("error", e.whyNot);
                table.add(new String[] { e.tool, "—", "—", "—", "—", "—", "—", "—", "not run: " + e.whyNot });
                emit(row);
                continue;
            }
            List<Map<String, Object>> ms = whole.get(e.tool);
            String errors = ms.stream().map(m -> (String) m.get("error")).filter(x -> x != null).findFirst()
                    .orElse(null);
            double[] fps = ms.stream().filter(m -> m.get("error") == null)
                    .mapToDouble(m -> num(m, "frames") / num(m, "wallSeconds")).toArray();
            double[] cpu = ms.stream().filter(m -> m.get("error") == null)
                    .mapToDouble(m -> num(m, "cpuSeconds")).toArray();
            double[] rss = ms.stream().filter(m -> m.get("error") == null)
                    .mapToDouble(m -> num(m, "peakRssKb") / 1024).toArray();
            String describe = e.note != null && !e.inProcess ? e.note
                    : ms.stream().map(m -> (String) m.get("describe")).filter(x -> x != null).findFirst().orElse("");
            if (e.note != null && e.inProcess) {
                describe = describe + " (" + e.note + ")";
            }
            if (fps.length == 0) {
                row.put("error", errors);
                table.add(new String[] { e.tool, "failed", "—", "—", "—", "—", "—", "—", "failed: " + errors });
                emit(row);
                continue;
            }
            double med = median(fps);
            if (e.tool.equals("ffmpeg")) {
                ffFps = med;
            }
            row.put("fpsMedian", med);
            row.put("fpsMin", min(fps));
            row.put("fpsMax", max(fps));
            row.put("cpuSecondsMedian", median(cpu));
            row.put("peakRssMbMedian", median(rss));
            row.put("runs", fps.length);
            if (ffFps != null) {
                row.put("ratioVsFfmpeg", med / ffFps);
            }
            String warmCell = "—";
            String warmRatio = "—";
            String startup = "—";
            Map<String, Object> wm = warm.get(e.tool);
            if (wm != null && wm.get("error") == null && wm.get("passSeconds") instanceof List<?> ps) {
                List<?> fr = (List<?>) wm.get("passFrames");
                double[] wf = new double[ps.size() - warmup];
                double[] wc = new double[ps.size() - warmup];
                List<?> pc = (List<?>) wm.get("passCpuSeconds");
                for (int i = warmup; i < ps.size(); i++) {
                    wf[i - warmup] = ((Number) fr.get(i)).doubleValue() / ((Number) ps.get(i)).doubleValue();
                    wc[i - warmup] = ((Number) pc.get(i)).doubleValue();
                }
                double wmed = median(wf);
                row.put("warmFpsMedian", wmed);
                row.put("warmFpsMin", min(wf));
                row.put("warmFpsMax", max(wf));
                row.put("warmCpuSecondsMedian", median(wc));
                warmCell = fmt(wmed) + " [" + fmt(min(wf)) + "–" + fmt(max(wf)) + "]";
                if (ffFps != null) {
                    row.put("warmRatioVsFfmpeg", wmed / ffFps);
                    warmRatio = String.format(Locale.ROOT, "%.2f", wmed / ffFps);
                }
                if (wm.get("startupSeconds") != null) {
                    startup = String.format(Locale.ROOT, "%.2f", num(wm, "startupSeconds"));
                    row.put("startupSeconds", num(wm, "startupSeconds"));
                }
            } else if (wm != null && wm.get("error") != null) {
                warmCell = "failed";
            }
            String notes = describe;
            long wrong = ms.stream().filter(m -> m.get("error") == null && num(m, "frames") != w.expect).count();
            if (wrong > 0) {
                notes += "; frames " + ms.get(0).get("frames") + " (expected " + w.expect + ")";
            }
            if (errors != null) {
                notes += "; some runs failed: " + errors;
            }
            row.put("describe", describe);
            table.add(new String[] { e.tool, fmt(med) + " [" + fmt(min(fps)) + "–" + fmt(max(fps)) + "]",
                fmt2(median(cpu)), fmt(median(rss)),
                ffFps == null ? "—" : String.format(Locale.ROOT, "%.2f", med / ffFps), warmCell, warmRatio, startup,
                notes });
            emit(row);
        }
        line("## " + w.title);
        line("");
        line("load average " + loadStart + " at start, " + loadEnd + " at end; " + w.expect + " frames per run");
        line("");
        line("| tool | fps median [min–max] | CPU s | peak RSS MB | ×ffmpeg | warm fps [min–max] | warm ×ffmpeg |"
             + " start-up s | what runs |");
        line("|---|---|---|---|---|---|---|---|---|");
        for (String[] t : table) {
            line("| " + String.join(" | ", t) + " |");
        }
        line("");
        System.out.flush();
    }

    /** Runs one process of an entry under /usr/bin/time and merges its BENCH_RESULT line (if any). */
    private Map<String, Object> measure(Workload w, Entry e, int passes) throws Exception {
        List<String> cmd = e.cmd.apply(passes);
        Path timeFile = tmp.resolve("time.txt");
        List<String> full = new ArrayList<>(List.of("/usr/bin/time", "-f", "%U %S %M", "-o", timeFile.toString()));
        full.addAll(cmd);
        Exec.Res r = exec(full, 3600, e.tool.equals("ffmpeg"));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "run");
        m.put("workload", w.name);
        m.put("tool", e.tool);
        m.put("passes", passes);
        m.put("load", Machine.load());
        m.put("command", String.join(" ", cmd));
        m.put("wallSeconds", r.wall());
        String[] t = Files.exists(timeFile) ? Exec.lastLine(Files.readString(timeFile)).split(" ") : new String[0];
        if (t.length == 3) {
            m.put("cpuSeconds", Double.parseDouble(t[0]) + Double.parseDouble(t[1]));
            m.put("peakRssKb", Double.parseDouble(t[2]));
        }
        Map<String, Object> res = Exec.result(r.stdout());
        if (res != null) {
            res.forEach((k, v) -> {
                if (!k.equals("rssKb") && !k.equals("peakRssKb")) {
                    m.put(k, v);
                }
            });
        }
        if (!e.inProcess) {
            m.put("frames", (double) w.expect);
        } else if (res != null && res.get("frames") instanceof List<?> f && !f.isEmpty()) {
            m.put("passFrames", f);
            m.put("frames", ((Number) f.get(0)).doubleValue());
        }
        if (r.exit() != 0 && m.get("error") == null) {
            m.put("error", "exit " + r.exit() + ": " + Exec.lastLine(r.stderr()));
        } else if (e.inProcess && res == null) {
            m.put("error", "no result: " + Exec.lastLine(r.stderr()));
        }
        emit(m);
        System.err.printf(Locale.ROOT, "   %-22s passes=%d wall=%.2fs cpu=%s rss=%s %s%n", e.tool, passes, r.wall(),
                m.get("cpuSeconds"), m.get("peakRssKb"), m.get("error") == null ? "" : m.get("error"));
        return m;
    }

    // ---------------------------------------------------------------- live

    /** --quick checks this many sources instead of searching for the limit. */
    private static final int QUICK_LIVE_STREAMS = 16;

    private double liveSeconds() {
        return quick ? 3 : 10;
    }

    private void live(Workload w) throws Exception {
        String loadStart = Machine.load();
        System.err.println("== " + w.name + " (load " + loadStart + ")");
        int frames = (int) (liveSeconds() * 25);
        line("## " + w.title);
        line("");
        List<String[]> table = new ArrayList<>();
        double ffBaseline = 0;
        for (Entry e : w.entries) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("type", "summary");
            row.put("workload", w.name);
            row.put("tool", e.tool);
            if (e.whyNot != null) {
                row.put("error", e.whyNot);
                emit(row);
                table.add(new String[] { e.tool, "—", "—", "—", "not run: " + e.whyNot });
                continue;
            }
            Function<Integer, Map<String, Object>> trial;
            if (e.tool.equals("ffmpeg")) {
                Map<String, Object> base = ffLive(w.clip, 1, frames, 0);
                ffBaseline = num(base, "maxWallSeconds");
                double b = ffBaseline;
                trial = n -> ffLive(w.clip, n, frames, b);
            } else {
                trial = n -> inProcessLive(e.tool, w.clip, n, frames);
            }
            int ok = 0;
            int fail = -1;
            Map<String, Object> okTrial = null;
            List<Map<String, Object>> trials = new ArrayList<>();
            int n = quick ? QUICK_LIVE_STREAMS : 4;
            while (true) {
                if (quick && n > QUICK_LIVE_STREAMS) {
                    break; // --quick: one trial at a fixed N, no ladder
                }
                Map<String, Object> t = trial.apply(n);
                trials.add(t);
                if (Boolean.TRUE.equals(t.get("keptUp"))) {
                    ok = n;
                    okTrial = t;
                    if (n >= 512) {
                        break;
                    }
                    n *= 2;
                } else {
                    fail = n;
                    break;
                }
            }
            // bisect between the last N that kept up and the first that did not
            int steps = quick ? 0 : 3;
            while (fail > 0 && fail - ok > Math.max(1, ok / 16) && steps-- > 0) {
                int mid = (ok + fail) / 2;
                Map<String, Object> t = trial.apply(mid);
                trials.add(t);
                if (Boolean.TRUE.equals(t.get("keptUp"))) {
                    ok = mid;
                    okTrial = t;
                } else {
                    fail = mid;
                }
            }
            row.put("maxStreams", ok);
            row.put("firstFailing", fail);
            row.put("trials", trials);
            emit(row);
            String cpu = okTrial == null ? "—" : String.format(Locale.ROOT, "%.2f", num(okTrial, "cpuSeconds")
                    / num(okTrial, "wallSeconds"));
            String lag = okTrial == null ? "—" : String.format(Locale.ROOT, "%.2f", num(okTrial, "maxLagSeconds"));
            Map<String, Object> lastTrial = trials.get(trials.size() - 1);
            String what = String.valueOf(lastTrial.getOrDefault("describe", e.note == null ? "" : e.note));
            if (okTrial == null && lastTrial.get("error") != null) {
                what += "; failed: " + lastTrial.get("error");
            }
            String kept = quick ? (ok > 0 ? ok + ": yes (quick: no ladder)" : QUICK_LIVE_STREAMS + ": no")
                    : ok + (fail > 0 ? " (" + fail + " did not)" : "+");
            table.add(new String[] { e.tool, kept, cpu, lag, what });
        }
        line("load average " + loadStart + " at start, " + Machine.load() + " at end; " + frames
             + " frames (" + liveSeconds() + " s) per source; a trial keeps up when every source finishes with a lag of"
             + " at most 0.5 s behind its own clock (ffmpeg: its process no more than 0.5 s slower than a lone one)");
        line("");
        line("| tool | sources kept up | CPU cores busy at that N | worst lag s | what runs |");
        line("|---|---|---|---|---|");
        for (String[] t : table) {
            line("| " + String.join(" | ", t) + " |");
        }
        line("");
    }

    private Map<String, Object> inProcessLive(String tool, Clip clip, int n, int frames) {
        try {
            List<String> cmd = tool.equals("pyav")
                    ? commands.py("live", 1, "clip=" + clip.path, "streams=" + n, "frames=" + frames)
                    : tool.equals("camel-av zeroCopy")
                    ? Commands.java(cp, "camel-av", "live", 1, "clip=" + clip.path, "streams=" + n, "frames=" + frames,
                            "opts=zeroCopy=true")
                    : Commands.java(cp, tool, "live", 1, "clip=" + clip.path, "streams=" + n, "frames=" + frames);
            Exec.Res r = exec(cmd, 600, false);
            Map<String, Object> m = Exec.result(r.stdout());
            if (m == null) {
                m = new LinkedHashMap<>();
                m.put("error", "no result: " + Exec.lastLine(r.stderr()));
            }
            m.remove("rssKb");
            boolean kept = m.get("error") == null && Boolean.TRUE.equals(m.get("finished"))
                           && num(m, "maxLagSeconds") <= 0.5;
            m.put("keptUp", kept);
            m.put("load", Machine.load());
            System.err.printf(Locale.ROOT, "   %-10s N=%-4d keptUp=%s maxLag=%s cpu=%s%n", tool, n, kept,
                    m.get("maxLagSeconds"), m.get("cpuSeconds"));
            return m;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, Object> ffLive(Clip clip, int n, int frames, double baseline) {
        try {
            List<Process> ps = new ArrayList<>();
            List<Path> times = new ArrayList<>();
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                Path tf = tmp.resolve("live-time-" + i + ".txt");
                times.add(tf);
                List<String> cmd = new ArrayList<>(List.of("/usr/bin/time", "-f", "%e %U %S", "-o", tf.toString()));
                cmd.addAll(Commands.ff(ffmpeg, "-re", "-threads", "1", "-i", clip.path.toString(), "-frames:v",
                        String.valueOf(frames), "-f", "null", "-"));
                ProcessBuilder pb = new ProcessBuilder(cmd);
                pb.environment().put("LD_LIBRARY_PATH", Path.of(ffmpeg).getParent().toString());
                pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
                ps.add(pb.start());
            }
            boolean ok = true;
            for (Process p : ps) {
                if (!p.waitFor(600, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    ok = false;
                }
                ok &= p.exitValue() == 0;
            }
            double wallAll = (System.nanoTime() - t0) / 1e9;
            double maxWall = 0;
            double cpu = 0;
            for (Path tf : times) {
                String[] t = Exec.lastLine(Files.readString(tf)).split(" ");
                maxWall = Math.max(maxWall, Double.parseDouble(t[0]));
                cpu += Double.parseDouble(t[1]) + Double.parseDouble(t[2]);
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("streams", n);
            m.put("maxWallSeconds", maxWall);
            m.put("wallSeconds", wallAll);
            m.put("cpuSeconds", cpu);
            m.put("maxLagSeconds", baseline == 0 ? 0 : Math.max(0, maxWall - baseline));
            m.put("keptUp", ok && (baseline == 0 || maxWall - baseline <= 0.5));
            m.put("load", Machine.load());
            System.err.printf(Locale.ROOT, "   ffmpeg     N=%-4d keptUp=%s wall=%.2f (lone %.2f) cpu=%.1f%n", n,
                    m.get("keptUp"), maxWall, baseline, cpu);
            return m;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    // ---------------------------------------------------------------- memory

    private void memory(Workload w) throws Exception {
        String loadStart = Machine.load();
        System.err.println("== " + w.name + " (load " + loadStart + ")");
        int at = memAt();
        int frames = memFrames();
        line("## " + w.title);
        line("");
        List<String[]> table = new ArrayList<>();
        for (Entry e : w.entries) {
            Map<String, Object> m;
            if (e.whyNot != null) {
                table.add(new String[] { e.tool, "—", "—", "—", "—", "—", "not run: " + e.whyNot });
                continue;
            }
            if (e.tool.equals("ffmpeg")) {
                m = ffMemory(w.clip, at, frames);
            } else {
                List<String> cmd = e.tool.equals("pyav")
                        ? commands.py("memory", 1, "clip=" + w.clip.path, "at=" + at, "frames=" + frames)
                        : Commands.java(cp, e.tool, "memory", 1, "clip=" + w.clip.path, "at=" + at, "frames=" + frames);
                Exec.Res r = exec(cmd, 3600, false);
                m = Exec.result(r.stdout());
                if (m == null) {
                    m = new LinkedHashMap<>();
                    m.put("error", "no result: " + Exec.lastLine(r.stderr()));
                }
            }
            m.put("type", "summary");
            m.put("workload", w.name);
            m.put("tool", e.tool);
            m.put("load", Machine.load());
            emit(m);
            System.err.printf(Locale.ROOT, "   %-10s %s%n", e.tool, Json.write(m));
            if (m.get("error") != null) {
                table.add(new String[] { e.tool, "—", "—", "—", "—", "—", "failed: " + m.get("error") });
                continue;
            }
            table.add(new String[] { e.tool, fmt(num(m, "peakRssKb") / 1024), fmt(num(m, "rssAtKb") / 1024),
                fmt(num(m, "rssEndKb") / 1024), String.format(Locale.ROOT, "%+.1f %%", num(m, "growthPct")),
                fmt(num(m, "framesTotal") / num(m, "wallSeconds")), String.valueOf(m.getOrDefault("describe",
                        e.note == null ? "" : e.note)) });
        }
        line("load average " + loadStart + " at start, " + Machine.load() + " at end");
        line("");
        line("| tool | peak RSS MB | RSS MB at " + at + " | RSS MB at " + frames + " | growth | fps | what runs |");
        line("|---|---|---|---|---|---|---|");
        for (String[] t : table) {
            line("| " + String.join(" | ", t) + " |");
        }
        line("");
    }

    private Map<String, Object> ffMemory(Clip clip, int at, int frames) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Commands.ff(ffmpeg, "-stream_loop", "-1", "-i", clip.path.toString(), "-frames:v",
                String.valueOf(frames), "-f", "null", "-", "-nostats", "-stats_period", "0.1", "-progress", "pipe:1"));
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        long t0 = System.nanoTime();
        Process p = pb.start();
        long pid = p.pid();
        long rssAt = 0;
        long rssEnd = 0;
        long peak = 0;
        long lastFrame = 0;
        try (var in = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream()))) {
            String l;
            while ((l = in.readLine()) != null) {
                if (l.startsWith("frame=")) {
                    lastFrame = Long.parseLong(l.substring(6).trim());
                    long rss = Proc.rssKb(pid);
                    peak = Math.max(peak, Proc.peakKb(pid));
                    if (rss > 0) {
                        if (rssAt == 0 && lastFrame >= at) {
                            rssAt = rss;
                        }
                        if (lastFrame >= at) {
                            rssEnd = rss;
                        }
                    }
                }
            }
        }
        p.waitFor();
        double wall = (System.nanoTime() - t0) / 1e9;
        Map<String, Object> m = CamelAvTool.memorySummary(lastFrame, at, rssAt, rssEnd, wall, 0);
        m.put("peakRssKb", (double) peak);
        m.put("describe", "-stream_loop -1 -i clip -frames:v " + frames + " -f null - (RSS sampled at -progress"
                          + " reports, every 0.1 s)");
        return m;
    }

    // ---------------------------------------------------------------- Camel overhead

    private void overheadSection() throws Exception {
        if (!only.isEmpty() && !only.contains("overhead")) {
            return;
        }
        Clip c = clipInfo.get("c360");
        int items = quick ? 50_000 : 300_000;
        System.err.println("== camel overhead (load " + Machine.load() + ")");
        Exec.Res r = exec(Commands.java(cp, "camel-av", "overhead", 1, "clip=" + c.path, "items=" + items,
                "rounds=" + (quick ? 3 : 5)), 1800, false);
        Map<String, Object> m = Exec.result(r.stdout());
        if (m == null) {
            m = new LinkedHashMap<>();
            m.put("error", Exec.lastLine(r.stderr()));
        }
        m.put("type", "summary");
        m.put("workload", "camel-overhead");
        m.put("load", Machine.load());
        emit(m);
        line("## Camel overhead per exchange (Exchange + headers + body), warm");
        line("");
        if (m.get("error") != null) {
            line("failed: " + m.get("error"));
        } else {
            line(String.format(Locale.ROOT, "%s packets of `c360`, looped: bare MediaReader loop %s µs/item, route %s"
                    + " µs/item; **overhead %.2f µs per exchange** (best rounds; load %s)", items,
                    fmtList(m.get("readerMicrosPerItem")), fmtList(m.get("routeMicrosPerItem")),
                    num(m, "overheadMicros"), m.get("load")));
        }
        line("");
    }

    private static String fmtList(Object o) {
        if (!(o instanceof List<?> l)) {
            return "?";
        }
        return l.stream().map(x -> String.format(Locale.ROOT, "%.2f", ((Number) x).doubleValue()))
                .reduce((a, b) -> a + "/" + b).orElse("");
    }

    // ---------------------------------------------------------------- helpers

    private Exec.Res exec(List<String> cmd, long timeoutSeconds, boolean ffmpegEnv) throws Exception {
        return exec.exec(cmd, timeoutSeconds, ffmpegEnv);
    }

    private void emit(Map<String, Object> m) {
        report.emit(m);
    }

    private void line(String s) {
        report.line(s);
    }
}
