package org.camelav.bench;

import static org.camelav.bench.Stats.fmt;
import static org.camelav.bench.Stats.num;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.camelav.bench.Workload.Entry;

/** The memory section: each tool's RSS after a first stretch of decoded frames against after the whole run. */
final class MemorySection {

    private final BenchContext ctx;
    private final int at;
    private final int frames;

    MemorySection(BenchContext ctx) {
        this.ctx = ctx;
        this.at = ctx.options().quick() ? 1_000 : 10_000;
        this.frames = ctx.options().quick() ? 10_000 : 100_000;
    }

    /** After how many frames the first RSS is taken. */
    int at() {
        return at;
    }

    /** How many frames a run decodes. */
    int frames() {
        return frames;
    }

    void run(Workload w) throws Exception {
        String loadStart = Machine.load();
        System.err.println("== " + w.name() + " (load " + loadStart + ")");
        String cp = ctx.options().cp();
        Report report = ctx.report();
        report.heading(w.title());
        List<String[]> table = new ArrayList<>();
        for (Entry e : w.entries()) {
            Map<String, Object> m;
            if (e.whyNot() != null) {
                table.add(new String[] { e.tool(), "—", "—", "—", "—", "—", "not run: " + e.whyNot() });
                continue;
            }
            if (e.tool().equals("ffmpeg")) {
                m = ffMemory(w.clip(), at, frames);
            } else {
                List<String> cmd = e.tool().equals("pyav")
                        ? ctx.commands().py("memory", 1, "clip=" + w.clip().path(), "at=" + at, "frames=" + frames)
                        : Commands.java(cp, e.tool(), "memory", 1, "clip=" + w.clip().path(), "at=" + at,
                                "frames=" + frames);
                Exec.Res r = ctx.exec().exec(cmd, 3600, false);
                m = Exec.result(r.stdout());
                if (m == null) {
                    m = new LinkedHashMap<>();
                    m.put("error", "no result: " + Exec.lastLine(r.stderr()));
                }
            }
            m.put("type", "summary");
            m.put("workload", w.name());
            m.put("tool", e.tool());
            m.put("load", Machine.load());
            report.emit(m);
            System.err.printf(Locale.ROOT, "   %-10s %s%n", e.tool(), Json.write(m));
            if (m.get("error") != null) {
                table.add(new String[] { e.tool(), "—", "—", "—", "—", "—", "failed: " + m.get("error") });
                continue;
            }
            table.add(new String[] { e.tool(), fmt(num(m, "peakRssKb") / 1024), fmt(num(m, "rssAtKb") / 1024),
                fmt(num(m, "rssEndKb") / 1024), String.format(Locale.ROOT, "%+.1f %%", num(m, "growthPct")),
                fmt(num(m, "framesTotal") / num(m, "wallSeconds")), String.valueOf(m.getOrDefault("describe",
                        e.note() == null ? "" : e.note())) });
        }
        report.line("load average " + loadStart + " at start, " + Machine.load() + " at end");
        report.line("");
        report.table(List.of("tool", "peak RSS MB", "RSS MB at " + at, "RSS MB at " + frames, "growth", "fps",
                "what runs"), table);
    }

    private Map<String, Object> ffMemory(Clip clip, int at, int frames) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Commands.ff(ctx.tools().ffmpeg(), "-stream_loop", "-1", "-i",
                clip.path().toString(), "-frames:v", String.valueOf(frames), "-f", "null", "-", "-nostats",
                "-stats_period", "0.1", "-progress", "pipe:1"));
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        long t0 = System.nanoTime();
        Process p = pb.start();
        long pid = p.pid();
        long rssAt = 0;
        long rssEnd = 0;
        long peak = 0;
        long lastFrame = 0;
        try (var in = new BufferedReader(new InputStreamReader(p.getInputStream()))) {
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
}
