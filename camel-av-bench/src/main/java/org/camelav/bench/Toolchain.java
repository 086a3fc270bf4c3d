package org.camelav.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The programs under test as found on this machine: the ffmpeg CLI of each natives jar, and whether PyAV imports.
 *
 * @param gplFfmpeg null when there are no usable GPL natives; then {@code gplCp} is null and {@code gplWhyNot} says why
 * @param pyavWhyNot null when PyAV imports; then {@code pyavVersion} is its version and libavcodec's
 */
record Toolchain(String ffmpeg, String gplFfmpeg, String gplCp, String gplWhyNot, String pyavVersion,
        String pyavWhyNot) {

    static Toolchain discover(Options o, Exec exec) throws Exception {
        String ffmpeg = ffmpegOf(exec, o.cp());
        String gplFfmpeg = null;
        String gplCp = o.gplCp();
        String gplWhyNot = o.gplWhyNot();
        if (gplCp != null) {
            try {
                gplFfmpeg = ffmpegOf(exec, gplCp);
            } catch (Exception e) {
                gplWhyNot = "GPL natives unusable: " + e.getMessage();
                gplCp = null;
            }
        }
        Pyav pyav = checkPyav(exec, o.python());
        return new Toolchain(ffmpeg, gplFfmpeg, gplCp, gplWhyNot, pyav.version, pyav.whyNot);
    }

    private static String ffmpegOf(Exec exec, String classPath) throws Exception {
        Exec.Res r = exec.exec(List.of("java", "-cp", classPath, FfmpegPath.class.getName()), 300, false);
        String p = r.stdout().strip();
        if (r.exit() != 0 || p.isEmpty() || !Files.isExecutable(Path.of(p))) {
            throw new IllegalStateException("cannot locate ffmpeg: " + r.stderr().strip());
        }
        return p;
    }

    /** whyNot null: PyAV imports, at that version; else the version is "?". */
    private record Pyav(String version, String whyNot) {
    }

    private static Pyav checkPyav(Exec exec, String python) {
        try {
            Exec.Res r = exec.exec(List.of(python, "-c", "import av, numpy; print(av.__version__, "
                    + "'.'.join(map(str, av.library_versions['libavcodec'])))"), 60, false);
            if (r.exit() != 0) {
                return new Pyav("?", "PyAV not importable by " + python + " (install: bin/install-deps --bench): "
                        + Exec.lastLine(r.stderr()));
            }
            return new Pyav(r.stdout().strip(), null);
        } catch (Exception e) {
            return new Pyav("?", python + " not runnable: " + e.getMessage());
        }
    }
}
