package org.camelav.bench;

import static org.camelav.bench.Stats.fmt;
import static org.camelav.bench.Stats.fmt2;
import static org.camelav.bench.Stats.max;
import static org.camelav.bench.Stats.median;
import static org.camelav.bench.Stats.min;
import static org.camelav.bench.Stats.num;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.camelav.bench.Workload.Entry;

/**
 * A throughput section (decode, bgr24, key frames, packets, remux, encode): whole-process runs of every tool, then one
 * warm process per in-process tool, summed up as fps against the ffmpeg CLI's.
 */
final class ThroughputSection {

    private final BenchContext ctx;
    private final Options o;
    private final Report report;

    ThroughputSection(BenchContext ctx) {
        this.ctx = ctx;
        this.o = ctx.options();
        this.report = ctx.report();
    }

    void run(Workload w) throws Exception {
        String loadStart = Machine.load();
        System.err.println("== " + w.name() + " (load " + loadStart + ")");
        Map<String, List<Map<String, Object>>> whole = new LinkedHashMap<>();
        Map<String, Map<String, Object>> warm = new LinkedHashMap<>();
        List<Entry> active = w.entries().stream().filter(e -> e.whyNot() == null).toList();
        if (o.quick()) {
            // --quick: the peers only; the reference rows (MediaReader alone, bare JavaCPP loop) are in full runs
            active = active.stream().filter(e -> !e.tool().contains(" ")).toList();
        }
        for (int r = 0; r < o.runs(); r++) {
            // rotate the order so that no tool always runs first or last
            List<Entry> order = new ArrayList<>(active);
            Collections.rotate(order, r);
            for (Entry e : order) {
                Map<String, Object> m = measure(w, e, 1);
                m.put("run", r + 1);
                whole.computeIfAbsent(e.tool(), k -> new ArrayList<>()).add(m);
            }
        }
        // the CLI once right before and once right after each warm process: this machine's speed drifts by a
        // quarter over minutes, so a warm figure is also given against the CLI runs beside it
        Entry cli = active.stream().filter(x -> x.tool().equals("ffmpeg")).findFirst().orElse(null);
        for (Entry e : active) {
            if (e.inProcess()) {
                Double before = cli == null ? null : cliFps(w, cli);
                Map<String, Object> m = measure(w, e, o.warmup() + o.warmPasses());
                Double after = cli == null ? null : cliFps(w, cli);
                m.put("run", "warm");
                if (before != null && after != null) {
                    m.put("ffmpegFpsBeside", (before + after) / 2);
                }
                warm.put(e.tool(), m);
            }
        }
        String loadEnd = Machine.load();
        Double ffFps = null;
        List<String[]> table = new ArrayList<>();
        for (Entry e : w.entries()) {
            if (e.whyNot() == null && !active.contains(e)) {
                continue;
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("type", "summary");
            row.put("workload", w.name());
            row.put("tool", e.tool());
            row.put("loadStart", loadStart);
            row.put("loadEnd", loadEnd);
            if (e.whyNot() != null) {
                row.put("error", e.whyNot());
                table.add(new String[] { e.tool(), "—", "—", "—", "—", "—", "—", "—", "—", "—",
                    "not run: " + e.whyNot() });
                report.emit(row);
                continue;
            }
            List<Map<String, Object>> ms = whole.get(e.tool());
            String errors = ms.stream().map(m -> (String) m.get("error")).filter(x -> x != null).findFirst()
                    .orElse(null);
            double[] fps = ms.stream().filter(m -> m.get("error") == null)
                    .mapToDouble(m -> num(m, "frames") / num(m, "wallSeconds")).toArray();
            double[] cpu = ms.stream().filter(m -> m.get("error") == null)
                    .mapToDouble(m -> num(m, "cpuSeconds")).toArray();
            double[] rss = ms.stream().filter(m -> m.get("error") == null)
                    .mapToDouble(m -> num(m, "peakRssKb") / 1024).toArray();
            String describe = e.note() != null && !e.inProcess() ? e.note()
                    : ms.stream().map(m -> (String) m.get("describe")).filter(x -> x != null).findFirst().orElse("");
            if (e.note() != null && e.inProcess()) {
                describe = describe + " (" + e.note() + ")";
            }
            if (fps.length == 0) {
                row.put("error", errors);
                table.add(new String[] { e.tool(), "failed", "—", "—", "—", "—", "—", "—", "—", "—",
                    "failed: " + errors });
                report.emit(row);
                continue;
            }
            double med = median(fps);
            if (e.tool().equals("ffmpeg")) {
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
            String besideRatio = "—";
            String startup = "—";
            String jit = "—";
            Map<String, Object> wm = warm.get(e.tool());
            if (wm != null && wm.get("error") == null && wm.get("passSeconds") instanceof List<?> ps) {
                int warmup = o.warmup();
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
                if (wm.get("ffmpegFpsBeside") != null) {
                    double beside = num(wm, "ffmpegFpsBeside");
                    row.put("ffmpegFpsBeside", beside);
                    row.put("warmRatioVsFfmpegBeside", wmed / beside);
                    besideRatio = String.format(Locale.ROOT, "%.2f (%s)", wmed / beside, fmt(beside));
                }
                if (wm.get("passJitMillis") instanceof List<?> pj && pj.size() == ps.size()) {
                    // the JIT still compiling in the warm passes: that process is not at its steady state yet
                    double[] wj = new double[ps.size() - warmup];
                    for (int i = warmup; i < ps.size(); i++) {
                        wj[i - warmup] = ((Number) pj.get(i)).doubleValue();
                    }
                    row.put("warmJitMillisMedian", median(wj));
                    jit = fmt(median(wj));
                }
                if (wm.get("startupSeconds") != null) {
                    startup = String.format(Locale.ROOT, "%.2f", num(wm, "startupSeconds"));
                    row.put("startupSeconds", num(wm, "startupSeconds"));
                }
            } else if (wm != null && wm.get("error") != null) {
                warmCell = "failed";
            }
            String notes = describe;
            long wrong = ms.stream().filter(m -> m.get("error") == null && num(m, "frames") != w.expect()).count();
            if (wrong > 0) {
                notes += "; frames " + ms.get(0).get("frames") + " (expected " + w.expect() + ")";
            }
            if (errors != null) {
                notes += "; some runs failed: " + errors;
            }
            row.put("describe", describe);
            table.add(new String[] { e.tool(), fmt(med) + " [" + fmt(min(fps)) + "–" + fmt(max(fps)) + "]",
                fmt2(median(cpu)), fmt(median(rss)),
                ffFps == null ? "—" : String.format(Locale.ROOT, "%.2f", med / ffFps), warmCell, warmRatio,
                besideRatio, jit, startup, notes });
            report.emit(row);
        }
        report.heading(w.title());
        report.line("load average " + loadStart + " at start, " + loadEnd + " at end; " + w.expect()
                    + " frames per run");
        report.line("");
        report.table(List.of("tool", "fps median [min–max]", "CPU s", "peak RSS MB", "×ffmpeg", "warm fps [min–max]",
                "warm ×ffmpeg", "warm × the ffmpeg runs just before and after it (their fps)",
                "JIT ms per warm pass", "start-up s", "what runs"), table);
        System.out.flush();
    }

    /** One whole-process run of the CLI's entry: its fps, or null if it failed. */
    private Double cliFps(Workload w, Entry cli) throws Exception {
        Map<String, Object> m = measure(w, cli, 1);
        return m.get("error") != null || m.get("frames") == null ? null : num(m, "frames") / num(m, "wallSeconds");
    }

    /** Runs one process of an entry under /usr/bin/time and merges its BENCH_RESULT line (if any). */
    private Map<String, Object> measure(Workload w, Entry e, int passes) throws Exception {
        List<String> cmd = e.cmd().apply(passes);
        Path timeFile = o.tmp().resolve("time.txt");
        List<String> full = new ArrayList<>(List.of("/usr/bin/time", "-f", "%U %S %M", "-o", timeFile.toString()));
        full.addAll(cmd);
        Exec.Res r = ctx.exec().exec(full, 3600, e.tool().equals("ffmpeg"));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "run");
        m.put("workload", w.name());
        m.put("tool", e.tool());
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
        if (!e.inProcess()) {
            m.put("frames", (double) w.expect());
        } else if (res != null && res.get("frames") instanceof List<?> f && !f.isEmpty()) {
            m.put("passFrames", f);
            m.put("frames", ((Number) f.get(0)).doubleValue());
        }
        if (r.exit() != 0 && m.get("error") == null) {
            m.put("error", "exit " + r.exit() + ": " + Exec.lastLine(r.stderr()));
        } else if (e.inProcess() && res == null) {
            m.put("error", "no result: " + Exec.lastLine(r.stderr()));
        }
        report.emit(m);
        System.err.printf(Locale.ROOT, "   %-22s passes=%d wall=%.2fs cpu=%s rss=%s %s%n", e.tool(), passes, r.wall(),
                m.get("cpuSeconds"), m.get("peakRssKb"), m.get("error") == null ? "" : m.get("error"));
        return m;
    }
}
