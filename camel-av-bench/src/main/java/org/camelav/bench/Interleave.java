package org.camelav.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.camelav.media.container.MediaReader;

/**
 * Decode passes of several camel-av paths and the bare JavaCPP loop alternated in one JVM, pass by pass: this machine's
 * speed drifts by a quarter within minutes, so paths measured in separate processes minutes apart cannot be told apart
 * by less than that. Every round runs each mode once, in the given order; rounds 0 and 1 are warm-up. The workload
 * is {@code decode} (the default) or {@code bgr24} (each picture converted to bgr24 and read, as bench/run's row).
 *
 * <p>Modes: {@code bare} (JavaCppTool's loop), {@code media} ({@link MediaReader}, the default path: each picture
 * copied into a Java array), {@code media-zc} (zeroCopy), {@code media-defer} (deferCopy, as the consumer reads: the
 * copy made when the item is released), {@code route} and {@code route-zc} (a Camel route per pass, as CamelAvTool
 * runs it), {@code javacv} (JavaCvTool's pass), {@code pyav} (PyAV's {@code container.decode}, thread_type AUTO, as
 * bench/run's PyAV row, in one /usr/bin/python3 process kept warm across rounds; its CPU is that process's). A suffix
 * {@code @N} sets the decoder's threadCount.
 */
public final class Interleave {

    private static final int WARM_UP_ROUNDS = 2;

    /** PyAV's decode loop on stdin's command, one pass per line: frames out, then the process's CPU seconds. */
    private static final String PYAV = String.join("\n",
            "import av, os, sys",
            "av.logging.set_level(av.logging.ERROR)",
            "for line in sys.stdin:",
            "    clip, workload = line.split()",
            "    c = av.open(clip); s = c.streams.video[0]; s.thread_type = 'AUTO'",
            "    bgr = workload == 'bgr24'",
            "    n = sum(1 for f in c.decode(s) if not bgr or f.to_ndarray(format='bgr24').shape[2] == 3)",
            "    c.close(); t = os.times()",
            "    print(n, t.user + t.system, flush=True)");

    private CamelAvTool camel;
    private Worker.Tool javacv;
    private Process pyav;
    private BufferedReader pyavOut;
    /** The PyAV process's CPU seconds after its last pass. */
    private double pyavCpu;

    private final String workload;

    private Interleave(String workload) {
        this.workload = workload;
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: Interleave CLIP ROUNDS MODE[,MODE...] [decode|bgr24]");
            System.exit(2);
        }
        String workload = args.length > 3 ? args[3] : "decode";
        if (!workload.equals("decode") && !workload.equals("bgr24")) {
            throw new IllegalArgumentException("workload decode or bgr24, not " + workload);
        }
        new Interleave(workload).run(args[0], Integer.parseInt(args[1]), args[2].split(","));
    }

    private void run(String clip, int rounds, String[] modes) throws Exception {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        Map<String, double[]> totals = new LinkedHashMap<>(); // wall s, CPU s, frames
        for (int r = 0; r < rounds; r++) {
            StringBuilder line = new StringBuilder("round " + r + ":");
            for (String mode : modes) {
                long cpu0 = os.getProcessCpuTime();
                double pyCpu0 = pyavCpu;
                long t0 = System.nanoTime();
                long frames = pass(mode, clip);
                if (frames <= 0) {
                    throw new IllegalStateException(mode + " decoded nothing");
                }
                double wall = (System.nanoTime() - t0) / 1e9;
                double cpu = mode.equals("pyav") ? pyavCpu - pyCpu0 : (os.getProcessCpuTime() - cpu0) / 1e9;
                line.append(String.format("  %s %.0f fps (%.2f cores)", mode, frames / wall, cpu / wall));
                if (r >= WARM_UP_ROUNDS) {
                    double[] t = totals.computeIfAbsent(mode, k -> new double[3]);
                    t[0] += wall;
                    t[1] += cpu;
                    t[2] += frames;
                }
            }
            System.out.println(line);
        }
        double base = totals.values().iterator().next()[2] / totals.values().iterator().next()[0];
        System.out.println("rounds " + WARM_UP_ROUNDS + "-" + (rounds - 1) + ", load average at the end "
                           + Machine.load());
        // the frame counts side by side: a tool that decoded fewer frames than the others is not comparable
        totals.forEach((mode, t) -> System.out.printf(
                "%-14s %6.1f fps  %.2f× %s  %.2f cores  %.3f ms CPU a frame  %.0f frames%n", mode, t[2] / t[0],
                t[2] / t[0] / base, modes[0], t[1] / t[0], t[1] / t[2] * 1e3, t[2]));
        if (camel != null) {
            camel.close();
        }
        if (javacv != null) {
            javacv.close();
        }
        if (pyav != null) {
            pyav.getOutputStream().close();
            pyav.waitFor();
        }
    }

    private long pyav(String clip) throws Exception {
        if (pyav == null) {
            pyav = new ProcessBuilder("/usr/bin/python3", "-c", PYAV).redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            pyavOut = new BufferedReader(new InputStreamReader(pyav.getInputStream(), StandardCharsets.UTF_8));
        }
        pyav.getOutputStream().write((clip + " " + workload + "\n").getBytes(StandardCharsets.UTF_8));
        pyav.getOutputStream().flush();
        String line = pyavOut.readLine();
        if (line == null) {
            throw new IllegalStateException("PyAV's process ended (python3-av installed?)");
        }
        String[] p = line.split(" ");
        pyavCpu = Double.parseDouble(p[1]);
        return Long.parseLong(p[0]);
    }

    private long pass(String mode, String clip) throws Exception {
        String[] m = mode.split("@");
        Integer threads = m.length > 1 ? Integer.valueOf(m[1]) : null;
        switch (m[0]) {
            case "bare":
                if (threads != null || !workload.equals("decode")) {
                    throw new IllegalArgumentException("bare decodes only, with thread_count=0");
                }
                return JavaCppTool.decode(clip, false);
            case "pyav":
                return pyav(clip);
            case "javacv":
                if (javacv == null) {
                    javacv = new JavaCvTool();
                }
                return javacv.pass(workload, Map.of("clip", clip)).run();
            case "media", "media-zc", "media-defer", "route", "route-zc":
                if (camel == null) {
                    camel = new CamelAvTool();
                }
                // CamelAvTool's own passes: bgr24 reads the body as users do (a ByteBuffer view with zeroCopy)
                String opts = (m[0].endsWith("-zc") ? "&zeroCopy=true" : "")
                              + (m[0].equals("media-defer") ? "&deferCopy=true" : "")
                              + (threads != null ? "&threadCount=" + threads : "");
                Map<String, String> a = new java.util.HashMap<>(Map.of("clip", clip, "opts",
                        opts.isEmpty() ? "" : opts.substring(1)));
                if (m[0].startsWith("media")) {
                    a.put("media", "1");
                }
                return camel.pass(workload, a).run();
            default:
                throw new IllegalArgumentException("unknown mode " + mode);
        }
    }
}
