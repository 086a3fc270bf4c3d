package org.camelav.bench;

import static org.camelav.bench.Stats.num;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.camelav.bench.Workload.Entry;

/**
 * The live ladder: how many real-time sources each tool keeps up with, doubling N from 4 (up to 512) until a trial
 * falls behind, then bisecting; ffmpeg runs as N processes, the others as N sources in one process.
 */
final class LiveSection {

    /** --quick checks this many sources instead of searching for the limit. */
    private static final int QUICK_LIVE_STREAMS = 16;

    private final BenchContext ctx;
    private final boolean quick;
    private final Report report;

    LiveSection(BenchContext ctx) {
        this.ctx = ctx;
        this.quick = ctx.options().quick();
        this.report = ctx.report();
    }

    private double liveSeconds() {
        return ctx.options().liveSeconds();
    }

    void run(Workload w) throws Exception {
        String loadStart = Machine.load();
        System.err.println("== " + w.name() + " (load " + loadStart + ")");
        int frames = (int) (liveSeconds() * 25);
        report.heading(w.title());
        List<String[]> table = new ArrayList<>();
        double ffBaseline = 0;
        for (Entry e : w.entries()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("type", "summary");
            row.put("workload", w.name());
            row.put("tool", e.tool());
            if (e.whyNot() != null) {
                row.put("error", e.whyNot());
                report.emit(row);
                table.add(new String[] { e.tool(), "—", "—", "—", "—", "—", "not run: " + e.whyNot() });
                continue;
            }
            Function<Integer, Map<String, Object>> trial;
            if (e.tool().equals("ffmpeg")) {
                Map<String, Object> base = ffLive(w.clip(), 1, frames, 0);
                ffBaseline = num(base, "maxWallSeconds");
                double b = ffBaseline;
                trial = n -> ffLive(w.clip(), n, frames, b);
            } else {
                trial = n -> inProcessLive(e.tool(), w.clip(), n, frames);
            }
            int ok = 0;
            int fail = -1;
            Map<String, Object> okTrial = null;
            List<Map<String, Object>> trials = new ArrayList<>();
            List<Integer> fixed = ctx.options().liveStreams();
            for (int k : fixed) { // --live-streams: these N only, no ladder
                Map<String, Object> t = trial.apply(k);
                trials.add(t);
                if (Boolean.TRUE.equals(t.get("keptUp")) && k > ok) {
                    ok = k;
                    okTrial = t;
                } else if (!Boolean.TRUE.equals(t.get("keptUp")) && (fail < 0 || k < fail)) {
                    fail = k;
                }
            }
            int n = quick ? QUICK_LIVE_STREAMS : 4;
            while (fixed.isEmpty()) {
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
            int steps = quick || !fixed.isEmpty() ? 0 : 3;
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
            report.emit(row);
            // in-process tools: cores busy while all N ran (start-up excluded); ffmpeg: its processes' whole lives
            String cpu = okTrial == null ? "—" : String.format(Locale.ROOT, "%.2f",
                    okTrial.get("coresBusyRunning") != null ? num(okTrial, "coresBusyRunning")
                            : num(okTrial, "cpuSeconds") / num(okTrial, "wallSeconds"));
            String half = okTrial == null || okTrial.get("coresBusySecondHalf") == null ? "—"
                    : String.format(Locale.ROOT, "%.2f", num(okTrial, "coresBusySecondHalf"));
            String lag = okTrial == null ? "—" : String.format(Locale.ROOT, "%.2f", num(okTrial, "maxLagSeconds"));
            String together = okTrial == null || okTrial.get("allRunningSeconds") == null ? "—"
                    : String.format(Locale.ROOT, "%.1f of %.1f (opened over %.1f)", num(okTrial, "allRunningSeconds"),
                            num(okTrial, "wallSeconds"), num(okTrial, "openSpreadSeconds"));
            Map<String, Object> lastTrial = trials.get(trials.size() - 1);
            String what = String.valueOf(lastTrial.getOrDefault("describe", e.note() == null ? "" : e.note()));
            if (okTrial == null && lastTrial.get("error") != null) {
                what += "; failed: " + lastTrial.get("error");
            }
            String kept = quick ? (ok > 0 ? ok + ": yes (quick: no ladder)" : QUICK_LIVE_STREAMS + ": no")
                    : ok + (fail > 0 ? " (" + fail + " did not)" : "+");
            table.add(new String[] { e.tool(), kept, cpu, half, lag, together, what });
        }
        report.line("load average " + loadStart + " at start, " + Machine.load() + " at end; " + frames
                    + " frames (" + liveSeconds() + " s) per source; in-process tools hold every source at its first"
                    + " frame until all N have one, then pace all of them on one clock; a trial keeps up when every"
                    + " source finishes with a lag of at most 0.5 s behind that clock (ffmpeg: its process no more"
                    + " than 0.5 s slower than a lone one)");
        report.line("");
        report.table(List.of("tool", "sources kept up", "CPU cores busy while all N ran (ffmpeg: whole processes)",
                "in the trial's second half", "worst lag s",
                "s all N ran at once, of the trial's wall s", "what runs"), table);
    }

    private Map<String, Object> inProcessLive(String tool, Clip clip, int n, int frames) {
        try {
            String cp = ctx.options().cp();
            List<String> cmd = tool.equals("pyav")
                    ? ctx.commands().py("live", 1, "clip=" + clip.path(), "streams=" + n, "frames=" + frames)
                    : tool.equals("camel-av zeroCopy")
                    ? Commands.java(cp, "camel-av", "live", 1, "clip=" + clip.path(), "streams=" + n,
                            "frames=" + frames, "opts=zeroCopy=true")
                    : Commands.java(cp, tool, "live", 1, "clip=" + clip.path(), "streams=" + n, "frames=" + frames);
            Exec.Res r = ctx.exec().exec(cmd, 600, false);
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
            String ffmpeg = ctx.tools().ffmpeg();
            List<Process> ps = new ArrayList<>();
            List<Path> times = new ArrayList<>();
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                Path tf = ctx.options().tmp().resolve("live-time-" + i + ".txt");
                times.add(tf);
                List<String> cmd = new ArrayList<>(List.of("/usr/bin/time", "-f", "%e %U %S", "-o", tf.toString()));
                cmd.addAll(Commands.ff(ffmpeg, "-re", "-threads", "1", "-i", clip.path().toString(), "-frames:v",
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
}
