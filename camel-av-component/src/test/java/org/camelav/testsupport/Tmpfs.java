package org.camelav.testsupport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;

/**
 * A real, small file system for full-disk tests: {@code mount -t tmpfs -o size=N} on a fresh folder (root only; CI
 * runs as root), unmounted on close. Where mount is not permitted the test is skipped with a message, and fails with
 * {@code CI=true}.
 */
public final class Tmpfs implements AutoCloseable {

    private final Path dir;

    private Tmpfs(Path dir) {
        this.dir = dir;
    }

    /** Mounts a tmpfs of {@code bytes} (rounded up to pages) on a new folder under target/. */
    public static Tmpfs mount(long bytes) throws IOException, InterruptedException {
        Prerequisites.requireLinux();
        Path dir = Files.createDirectories(Path.of("target", "tmpfs", String.valueOf(System.nanoTime())))
                .toAbsolutePath();
        String out = run("mount", "-t", "tmpfs", "-o", "size=" + bytes, "tmpfs", dir.toString());
        if (out != null) {
            String what = "a tmpfs mount (mount -t tmpfs needs root): " + out;
            if (Prerequisites.inCi()) {
                throw new IllegalStateException("CI=true, so a full-disk test that cannot mount fails: " + what);
            }
            org.junit.jupiter.api.Assumptions.abort(what);
        }
        return new Tmpfs(dir);
    }

    public Path dir() {
        return dir;
    }

    public long free() throws IOException {
        return Files.getFileStore(dir).getUsableSpace();
    }

    /** Writes zeros into {@code name} until the volume is full or {@code bytes} were written; returns the file. */
    public Path fill(String name, long bytes) throws IOException {
        Path f = dir.resolve(name);
        ByteBuffer zeros = ByteBuffer.allocate(64 * 1024);
        long written = 0;
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            while (written < bytes) {
                zeros.clear().limit((int) Math.min(zeros.capacity(), bytes - written));
                written += ch.write(zeros);
            }
        } catch (IOException full) {
            if (!String.valueOf(full.getMessage()).contains("No space left")) {
                throw full;
            }
        }
        return f;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        String out = run("umount", "-l", dir.toString());
        if (out != null) {
            throw new IOException("umount " + dir + ": " + out);
        }
        Files.deleteIfExists(dir);
    }

    /** Runs a command; null when it succeeded, else what it printed. */
    private static String run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return "timed out";
        }
        return p.exitValue() == 0 ? null : out + " (exit " + p.exitValue() + ")";
    }
}
