package org.camelav.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine the benchmarks run on: its CPU, memory and load average, from /proc. */
final class Machine {

    private Machine() {
    }

    static String cpuModel() throws IOException {
        return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                .findFirst().map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse("?");
    }

    static long totalMemKb() throws IOException {
        for (String l : Files.readAllLines(Path.of("/proc/meminfo"))) {
            if (l.startsWith("MemTotal:")) {
                return Long.parseLong(l.replaceAll("\\D", ""));
            }
        }
        return 0;
    }

    /**
     * Waits (at most 90 s) for the 1-minute load average to drop under the core count, so that a workload does not
     * start in the wake of the previous one (the live ladder leaves hundreds of threads' worth of load behind).
     */
    static void settle() throws InterruptedException {
        int cores = Runtime.getRuntime().availableProcessors();
        long until = System.nanoTime() + 90_000_000_000L;
        while (System.nanoTime() < until && Double.parseDouble(load().split(" ")[0]) >= cores) {
            Thread.sleep(5_000);
        }
    }

    /** The 1-, 5- and 15-minute load averages, "?" when unreadable. */
    static String load() {
        try {
            String[] p = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return p[0] + " " + p[1] + " " + p[2];
        } catch (IOException e) {
            return "?";
        }
    }
}
