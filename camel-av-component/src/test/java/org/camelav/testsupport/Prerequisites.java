package org.camelav.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;

/**
 * What the real-server tests need from the machine. Outside CI a missing package skips the test with the command that
 * installs it; in CI ({@code CI=true}) it fails the test, so a broken CI image can never pass by skipping.
 */
public final class Prerequisites {

    /**
     * Debian's interpreter, which has python3-gi (a pyenv or venv python3 on PATH usually has not); another one with
     * {@code -Dav.test.python=...}.
     */
    public static final Path PYTHON = Path.of(System.getProperty("av.test.python", "/usr/bin/python3"));

    private Prerequisites() {
    }

    public static boolean inCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** Skips (outside CI) or fails (CI) unless {@code ok}; {@code what} names what is missing. */
    public static void require(boolean ok, String what) {
        if (!ok) {
            missing(what);
        }
    }

    /** Never returns normally. */
    public static void missing(String what) {
        String msg = what + " - install the test packages with: bin/install-deps --test (as root or with sudo)";
        if (inCi()) {
            throw new IllegalStateException("CI=true, so a missing test prerequisite fails instead of skipping: " + msg);
        }
        Assumptions.abort(msg);
    }

    public static void requirePython() {
        require(Files.isExecutable(PYTHON), PYTHON + " (Debian package python3)");
    }

    /** Signals and /proc/net/tcp: the fixtures run on Linux only. */
    public static void requireLinux() {
        require(System.getProperty("os.name", "").toLowerCase().contains("linux") && Files.exists(Path.of("/proc/net/tcp")),
                "Linux (/proc/net/tcp, POSIX signals)");
    }
}
