package org.camelav.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/** This process's (or another's) resident memory and CPU time, from /proc and the JVM. */
final class Proc {

    private Proc() {
    }

    /** VmRSS of a process in KiB, or -1. */
    static long rssKb(long pid) {
        return statusField(pid, "VmRSS:");
    }

    /** VmHWM (peak RSS) of a process in KiB, or -1. */
    static long peakKb(long pid) {
        return statusField(pid, "VmHWM:");
    }

    static long rssKb() {
        return rssKb(ProcessHandle.current().pid());
    }

    static long peakKb() {
        return peakKb(ProcessHandle.current().pid());
    }

    private static long statusField(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // the process ended
        }
        return -1;
    }

    /** CPU time (user + system, all threads, native ones included) of this process, in seconds. */
    static double cpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
    }
}
