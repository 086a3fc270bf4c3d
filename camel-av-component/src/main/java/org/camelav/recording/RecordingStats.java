package org.camelav.recording;

import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a recorder did, for health checks, meters, JMX and consoles: written by the recording thread, read from any
 * thread as plain values (no collection of the recorder's is ever handed out).
 */
public final class RecordingStats {

    private final AtomicLong closed = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong failingInARow = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong deleted = new AtomicLong();
    private volatile String lastError;
    private volatile Path lastFile;
    private volatile Instant lastClosedAt;

    /** A file was closed and is readable: recording works (again). */
    void closed(RecordedFile f, long size) {
        failingInARow.set(0);
        closed.incrementAndGet();
        bytes.addAndGet(size);
        lastFile = f.path();
        lastClosedAt = Instant.now();
    }

    void failed(Path file, Throwable e) {
        failed.incrementAndGet();
        failingInARow.incrementAndGet();
        lastError = file.getFileName() + ": " + e.getMessage();
    }

    void deleted(long n) {
        deleted.addAndGet(n);
    }

    /** Files closed (playable). */
    public long closed() {
        return closed.get();
    }

    /** Files whose writing failed (a full disk, an I/O error, a muxer that refused the stream). */
    public long failed() {
        return failed.get();
    }

    /** Files that failed since the last one closed: 0 while recording works. */
    public long failingInARow() {
        return failingInARow.get();
    }

    /** Bytes of the files closed. */
    public long bytes() {
        return bytes.get();
    }

    /** Files retention deleted. */
    public long deleted() {
        return deleted.get();
    }

    /** The last failure's file and reason (FFmpeg's or the OS's), or null. */
    public String lastError() {
        return lastError;
    }

    /** The last file closed, or null. */
    public Path lastFile() {
        return lastFile;
    }

    /** When the last file was closed (this machine's clock), or null. */
    public Instant lastClosedAt() {
        return lastClosedAt;
    }
}
