package org.camelav.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * One server program the tests start on 127.0.0.1: its process, its log (stdout and stderr, in
 * {@code target/servers/}), readiness waits and POSIX signals. A JVM shutdown hook kills whatever is still running, so
 * an aborted test run leaves nothing behind.
 */
final class ServerProcess {

    static final Path DIR = Path.of("target", "servers");
    private static final AtomicInteger SEQ = new AtomicInteger();
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly), "kill-test-servers"));
    }

    private final String name;
    private final ProcessBuilder builder;
    private Process process;
    private Path log;
    private volatile boolean frozen;

    ServerProcess(String name, ProcessBuilder builder) {
        this.name = name;
        this.builder = builder;
    }

    /** Starts (or starts again) the command; output goes to a fresh log file. */
    void start() {
        try {
            Files.createDirectories(DIR);
            log = DIR.resolve(name + "-" + ProcessHandle.current().pid() + "-" + SEQ.incrementAndGet() + ".log");
            Process started = builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
            process = started;
            frozen = false;
            LIVE.add(started);
            started.onExit().thenRun(() -> LIVE.remove(started));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + name + ": " + builder.command(), e);
        }
    }

    /**
     * Polls {@code ready} until it holds. Fails with the log when the process exits first or {@code timeout} passes (the
     * process is then stopped).
     */
    void awaitReady(BooleanSupplier ready, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!ready.getAsBoolean()) {
            if (!process.isAlive()) {
                throw new ServerExited(name + " exited with status " + process.exitValue() + " before " + what + "\n"
                                       + builder.command() + "\n" + log(), process.exitValue(), log());
            }
            if (System.nanoTime() - deadline > 0) {
                stop(Duration.ofSeconds(2));
                throw new IllegalStateException(name + " not " + what + " after " + timeout.toMillis() + " ms\n"
                                                + builder.command() + "\n" + log());
            }
            sleep(20);
        }
    }

    /** The process exited before it was ready. */
    static final class ServerExited extends IllegalStateException {
        final int status;
        final String output;

        ServerExited(String message, int status, String output) {
            super(message);
            this.status = status;
            this.output = output;
        }
    }

    String log() {
        try {
            return log == null || !Files.exists(log) ? "" : Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

    Path logFile() {
        return log;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    boolean isFrozen() {
        return frozen;
    }

    /** Exit status, waiting at most {@code timeout}; null if still running. */
    Integer awaitExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** SIGKILL, like a crash or a power cut: no goodbye to clients. Returns once the process is gone. */
    void kill() {
        if (process != null) {
            process.destroyForcibly();
            awaitExit(Duration.ofSeconds(10));
            frozen = false;
        }
    }

    /** SIGSTOP: the process keeps its sockets open but answers nothing. Returns once the kernel shows it stopped. */
    void freeze() {
        signal("STOP");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!"T".equals(procState()) && System.nanoTime() - deadline < 0) {
            sleep(5);
        }
        frozen = true;
    }

    /** SIGCONT. */
    void thaw() {
        signal("CONT");
        frozen = false;
    }

    /** SIGTERM (after SIGCONT if frozen), then SIGKILL when it has not exited within {@code grace}. */
    void stop(Duration grace) {
        if (process == null || !process.isAlive()) {
            return;
        }
        if (frozen) {
            thaw();
        }
        process.destroy();
        if (awaitExit(grace) == null) {
            kill();
        }
    }

    private void signal(String sig) {
        if (!isAlive()) {
            throw new IllegalStateException(name + " is not running");
        }
        try {
            Process p = new ProcessBuilder("kill", "-" + sig, String.valueOf(pid())).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("kill -" + sig + " " + pid() + " failed: " + out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The state letter of /proc/PID/stat (R, S, T...), or null. */
    private String procState() {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid()), "stat"));
            return stat.substring(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** A port that was free on 127.0.0.1 a moment ago (callers retry when the program then cannot bind it). */
    static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * True when some socket LISTENs on TCP {@code port} of 127.0.0.1 or the wildcard address, per /proc/net/tcp(6).
     * Unlike a test connect, this is invisible to the server (FFmpeg's one-shot listener would take a connect as its
     * publisher).
     */
    /** A UDP socket bound to {@code port} (SRT, RTP): any entry for it in /proc/net/udp. */
    static boolean isBoundUdp(int port) {
        for (String table : List.of("/proc/net/udp", "/proc/net/udp6")) {
            try {
                for (String line : Files.readAllLines(Path.of(table))) {
                    String[] col = line.trim().split("\\s+");
                    int colon = col.length > 1 ? col[1].lastIndexOf(':') : -1;
                    if (colon > 0 && col[1].substring(colon + 1).equalsIgnoreCase(String.format("%04X", port))) {
                        return true;
                    }
                }
            } catch (IOException e) {
                // no such table: try the next
            }
        }
        return false;
    }

    static boolean isListening(int port) {
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            List<String> lines;
            try {
                lines = Files.readAllLines(Path.of(table));
            } catch (IOException e) {
                continue;
            }
            for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
                String[] col = line.trim().split("\\s+");
                if (col.length < 4 || !"0A".equals(col[3])) {
                    continue; // 0A = TCP_LISTEN
                }
                String local = col[1];
                int colon = local.lastIndexOf(':');
                String addr = local.substring(0, colon);
                int p = Integer.parseInt(local.substring(colon + 1), 16);
                if (p == port && (addr.equals("0100007F") || addr.matches("0+")
                                  || addr.equals("0000000000000000FFFF00000100007F"))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Copies a classpath resource (a server script) to {@code target/servers/} so an interpreter can run it. */
    static synchronized Path resourceFile(String resource) {
        Path file = DIR.resolve(Path.of(resource).getFileName().toString());
        try (InputStream in = ServerProcess.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("No test resource " + resource);
            }
            Files.createDirectories(DIR);
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ProcessBuilder command(List<String> cmd, Map<String, String> env) {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().putAll(env);
        return pb;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
