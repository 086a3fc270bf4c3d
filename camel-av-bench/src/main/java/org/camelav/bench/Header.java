package org.camelav.bench;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** The report's opening: what ran, on which machine, with which versions and how many runs. */
final class Header {

    private Header() {
    }

    static void write(BenchContext ctx) throws Exception {
        Options o = ctx.options();
        Toolchain t = ctx.tools();
        Report r = ctx.report();
        String cpu = Machine.cpuModel();
        Exec.Res v = ctx.exec().exec(List.of(t.ffmpeg(), "-hide_banner", "-version"), 60, false);
        String fv = v.stdout().lines().findFirst().orElse("?");
        r.line("# camel-av benchmarks" + (o.quick() ? " (--quick: " + o.clipFrames() + "-frame clips, peers only,"
                + " fewer warm passes, live at one N; a smoke test: whole-process figures are mostly start-up)" : ""));
        r.line("");
        r.line("- date: " + ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        r.line("- machine: " + Runtime.getRuntime().availableProcessors() + " cores, " + cpu + ", "
               + (Machine.totalMemKb() / 1024 / 1024) + " GiB, " + System.getProperty("os.name") + " "
               + System.getProperty("os.version"));
        r.line("- load average at start: " + Machine.load());
        r.line("- ffmpeg CLI: " + fv + " (" + t.ffmpeg() + ")");
        r.line("- GPL ffmpeg (libx264): "
               + (t.gplFfmpeg() != null ? t.gplFfmpeg() : "not available: " + t.gplWhyNot()));
        r.line("- Java: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.version")
               + " (default JVM flags for every Java row)");
        r.line("- PyAV: " + (t.pyavWhyNot() == null ? t.pyavVersion().replace(" ", ", libavcodec ")
                + " (Debian's python3-av on Debian's FFmpeg 5.1; the others use FFmpeg 8.0.1)" : t.pyavWhyNot()));
        r.line("- JavaCV: 1.5.13 (FFmpegFrameGrabber/Recorder over the same FFmpeg 8.0.1 natives as camel-av)");
        r.line("- runs: " + o.runs() + " whole-process runs per row (median [min-max]); warm: " + o.warmup()
               + " warm-up + " + o.warmPasses() + " timed passes in one process");
        r.line("");
    }
}
