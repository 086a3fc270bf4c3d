package org.camelav.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs one child process to its end (or its time limit) and hands back its exit, output and wall time. */
final class Exec {

    record Res(int exit, String stdout, String stderr, double wall) {
    }

    private final Path tmp;
    private final String ffmpeg;
    private final String gplFfmpeg;

    /** {@code ffmpeg} and {@code gplFfmpeg} (either may be null) get their natives' LD_LIBRARY_PATH when run. */
    Exec(Path tmp, String ffmpeg, String gplFfmpeg) {
        this.tmp = tmp;
        this.ffmpeg = ffmpeg;
        this.gplFfmpeg = gplFfmpeg;
    }

    Res exec(List<String> cmd, long timeoutSeconds, boolean ffmpegEnv) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        if (ffmpegEnv || cmd.stream().anyMatch(c -> c.equals(ffmpeg) || c.equals(gplFfmpeg))) {
            String bin = cmd.stream().filter(c -> c.equals(ffmpeg) || (gplFfmpeg != null && c.equals(gplFfmpeg)))
                    .findFirst().orElse(ffmpeg);
            pb.environment().put("LD_LIBRARY_PATH", Path.of(bin).getParent().toString());
        }
        Path so = Files.createTempFile(tmp, "out", ".txt");
        Path se = Files.createTempFile(tmp, "err", ".txt");
        pb.redirectOutput(so.toFile()).redirectError(se.toFile());
        long t0 = System.nanoTime();
        Process p = pb.start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            p.waitFor();
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        Res r = new Res(p.exitValue(), Files.readString(so), Files.readString(se), wall);
        Files.delete(so);
        Files.delete(se);
        return r;
    }

    /** The worker's {@code BENCH_RESULT} line of a run's stdout, parsed; null when it printed none. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> result(String stdout) {
        for (String l : stdout.lines().toList()) {
            if (l.startsWith("BENCH_RESULT ")) {
                return (Map<String, Object>) Json.parse(l.substring("BENCH_RESULT ".length()));
            }
        }
        return null;
    }

    static String lastLine(String s) {
        String[] l = s.strip().split("\n");
        return l[l.length - 1];
    }
}
