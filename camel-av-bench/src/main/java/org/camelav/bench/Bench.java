package org.camelav.bench;

import java.nio.file.Files;

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

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        run(Options.parse(args));
    }

    private static void run(Options o) throws Exception {
        Files.createDirectories(o.out());
        Files.createDirectories(o.clips());
        Files.createDirectories(o.tmp());
        Report report = Report.open(o.out());
        Toolchain tools = Toolchain.discover(o, new Exec(o.tmp(), null, null));
        BenchContext ctx = new BenchContext(o, tools, new Exec(o.tmp(), tools.ffmpeg(), tools.gplFfmpeg()),
                new Commands(o.python(), o.pyWorker()), report);
        Header.write(ctx);
        Clips clips = Clips.make(ctx);
        for (Workload w : new Workloads(ctx, clips).all()) {
            if (!o.selects(w.name())) {
                continue;
            }
            Machine.settle();
            w.runner().run(w);
        }
        new OverheadSection(ctx).run(clips);
        report.finish();
    }
}
