package org.camelav.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The command lines that run one pass set of a workload: a Java worker, the PyAV worker, or the ffmpeg CLI. */
record Commands(String python, Path pyWorker) {

    static List<String> java(String classPath, String tool, String workload, int passes, String... args) {
        List<String> c = new ArrayList<>(List.of("java", "-cp", classPath, Worker.class.getName(), tool, workload,
                String.valueOf(passes)));
        c.addAll(Arrays.asList(args));
        return c;
    }

    List<String> py(String workload, int passes, String... args) {
        List<String> c = new ArrayList<>(List.of(python, pyWorker.toString(), workload, String.valueOf(passes)));
        c.addAll(Arrays.asList(args));
        return c;
    }

    static List<String> ff(String bin, String... args) {
        List<String> c = new ArrayList<>(List.of(bin, "-hide_banner", "-nostdin", "-loglevel", "error"));
        c.addAll(Arrays.asList(args));
        return c;
    }
}
