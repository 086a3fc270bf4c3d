package org.camelav.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The driver's command line, as {@code bench/run} passes it, with the settings that {@code --quick} scales down.
 *
 * @param only the workload name prefixes of {@code --only}; empty: every workload
 */
record Options(boolean quick, int runs, int warmup, int warmPasses, Path out, String cp, String gplCp,
        String gplWhyNot, String python, Path pyWorker, Set<String> only, int clipFrames, double liveSeconds,
        List<Integer> liveStreams) {

    static Options parse(String[] args) {
        boolean quick = false;
        int runs = 5;
        int warmup = 2;
        Path out = null;
        String cp = null;
        String gplCp = null;
        String gplWhyNot = null;
        String python = "/usr/bin/python3";
        Path pyWorker = null;
        Set<String> only = new LinkedHashSet<>();
        double liveSeconds = 0;
        List<Integer> liveStreams = new ArrayList<>();
        for (String a : args) {
            String v = a.contains("=") ? a.substring(a.indexOf('=') + 1) : "";
            if (a.equals("--quick")) {
                quick = true;
            } else if (a.startsWith("--runs=")) {
                runs = Integer.parseInt(v);
            } else if (a.startsWith("--warmup=")) {
                warmup = Integer.parseInt(v);
            } else if (a.startsWith("--live-seconds=")) {
                liveSeconds = Double.parseDouble(v);
            } else if (a.startsWith("--live-streams=")) {
                Arrays.stream(v.split(",")).map(Integer::valueOf).forEach(liveStreams::add);
            } else if (a.startsWith("--out=")) {
                out = Path.of(v);
            } else if (a.startsWith("--cp=")) {
                cp = v;
            } else if (a.startsWith("--gpl-cp=")) {
                gplCp = v.isEmpty() ? null : v;
            } else if (a.startsWith("--gpl-why-not=")) {
                gplWhyNot = v;
            } else if (a.startsWith("--python=")) {
                python = v;
            } else if (a.startsWith("--pyav-worker=")) {
                pyWorker = Path.of(v);
            } else if (a.startsWith("--only=")) {
                only.addAll(Arrays.asList(v.split(",")));
            } else {
                throw new IllegalArgumentException("unknown argument " + a);
            }
        }
        if (liveSeconds <= 0) {
            liveSeconds = quick ? 3 : 10;
        }
        return new Options(quick, runs, warmup, quick ? 3 : 5, out, cp, gplCp, gplWhyNot, python, pyWorker, only,
                quick ? 60 : 600, liveSeconds, List.copyOf(liveStreams));
    }

    /** Whether {@code --only} selects the workload (by name prefix). */
    boolean selects(String workload) {
        return only.isEmpty() || only.stream().anyMatch(workload::startsWith);
    }

    Path clips() {
        return out.resolve("clips");
    }

    Path tmp() {
        return out.resolve("tmp");
    }
}
