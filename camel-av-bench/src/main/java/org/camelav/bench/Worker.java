package org.camelav.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One benchmark process: {@code Worker <tool> <workload> <passes> key=value...}. Runs the workload {@code passes} times
 * in this JVM (the first pass is cold; the rest show the warm, steady state) and prints one line
 * {@code BENCH_RESULT {json}} with per-pass frames, wall and CPU seconds, plus start-up time and RSS.
 */
public final class Worker {

    /** One timed pass of a workload; returns how many frames (or packets) it handled. */
    interface Pass {
        long run() throws Exception;
    }

    /** A tool: sets itself up once (JVM-side start-up), then runs passes; extra facts go into the result. */
    interface Tool extends AutoCloseable {
        Pass pass(String workload, Map<String, String> args) throws Exception;

        /** What the pass runs, in the tool's own words (a route, a call sequence). */
        String describe(String workload, Map<String, String> args);

        default Map<String, Object> special(String workload, Map<String, String> args) throws Exception {
            return null;
        }

        /** When the last pass's work ended (System.nanoTime), if earlier than its return; 0 for "when it returned". */
        default long passEnd() {
            return 0;
        }

        @Override
        default void close() throws Exception {
        }
    }

    public static void main(String[] a) throws Exception {
        String tool = a[0];
        String workload = a[1];
        int passes = Integer.parseInt(a[2]);
        Map<String, String> args = new LinkedHashMap<>();
        for (int i = 3; i < a.length; i++) {
            int eq = a[i].indexOf('=');
            args.put(a[i].substring(0, eq), a[i].substring(eq + 1));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("tool", tool);
        out.put("workload", workload);
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        try (Tool t = switch (tool) {
            case "camel-av" -> new CamelAvTool();
            case "javacv" -> new JavaCvTool();
            case "javacpp" -> new JavaCppTool();
            default -> throw new IllegalArgumentException("unknown tool " + tool);
        }) {
            out.put("describe", t.describe(workload, args));
            Map<String, Object> special = t.special(workload, args);
            if (special != null) {
                out.putAll(special);
            } else {
                List<Long> frames = new ArrayList<>();
                List<Double> wall = new ArrayList<>();
                List<Double> cpu = new ArrayList<>();
                List<Long> jit = new ArrayList<>();
                var compiler = ManagementFactory.getCompilationMXBean();
                for (int p = 0; p < passes; p++) {
                    if (p == PROFILE_FROM) {
                        profiler("start,event=itimer,interval=1ms,threads");
                    }
                    Pass pass = t.pass(workload, args);
                    if (p == 0) {
                        // JVM start, class loading, natives, tool set-up: everything before the first frame is asked for
                        out.put("startupSeconds", (System.currentTimeMillis() - jvmStart) / 1000.0);
                    }
                    double c0 = Proc.cpuSeconds();
                    long j0 = compiler.getTotalCompilationTime();
                    long t0 = System.nanoTime();
                    long n = pass.run();
                    long end = t.passEnd();
                    wall.add(((end > 0 ? end : System.nanoTime()) - t0) / 1e9);
                    cpu.add(Proc.cpuSeconds() - c0);
                    jit.add(compiler.getTotalCompilationTime() - j0);
                    frames.add(n);
                }
                if (PROFILE_FROM >= 0) {
                    profiler("stop,file=" + System.getProperty("bench.profile.file") + ",collapsed");
                }
                out.put("frames", frames);
                out.put("passSeconds", wall);
                out.put("passCpuSeconds", cpu);
                // the JIT's time in each pass (ms, each compilation's elapsed time, summed over the compiler threads,
                // so it grows under load): a warm pass still paying for compilation is not yet the steady state
                out.put("passJitMillis", jit);
            }
        } catch (Throwable e) {
            out.put("error", e.toString());
            e.printStackTrace();
        }
        out.put("rssKb", Proc.rssKb());
        out.put("peakRssKb", Proc.peakKb());
        System.out.println("BENCH_RESULT " + Json.write(out));
        System.out.flush();
        System.exit(0);
    }

    /**
     * bench/profile's {@code -Dbench.profile.from=N}: sample only from pass N on (the warm passes), through the agent
     * it loaded without {@code start}; -1: not profiling here.
     */
    private static final int PROFILE_FROM = Integer.getInteger("bench.profile.from", -1);

    private static void profiler(String command) throws Exception {
        System.err.println(one.profiler.AsyncProfiler.getInstance(System.getProperty("bench.profile.lib"))
                .execute(command).strip());
    }

    static String req(Map<String, String> args, String key) {
        String v = args.get(key);
        if (v == null) {
            throw new IllegalArgumentException("missing " + key + "=");
        }
        return v;
    }

    static int intArg(Map<String, String> args, String key, int def) {
        String v = args.get(key);
        return v == null ? def : Integer.parseInt(v);
    }
}
