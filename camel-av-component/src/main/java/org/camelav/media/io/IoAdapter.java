package org.camelav.media.io;

import java.io.IOException;

/**
 * The Java side of a custom AVIOContext ({@link JavaIo}): what FFmpeg reads media from or writes it to instead of a
 * URL. Implementations need not be thread-safe; FFmpeg calls them from the thread that drives the context.
 */
public interface IoAdapter extends AutoCloseable {

    /** Reads up to {@code len} bytes; returns -1 at the end. */
    default int read(byte[] buf, int off, int len) throws IOException {
        throw new IOException("not readable");
    }

    default void write(byte[] buf, int off, int len) throws IOException {
        throw new IOException("not writable");
    }

    /** Moves to an absolute position; only called when {@link #seekable()}. */
    default void seek(long position) throws IOException {
        throw new IOException("not seekable");
    }

    default long position() {
        return -1;
    }

    /** Total size in bytes, or -1 when unknown. */
    default long size() {
        return -1;
    }

    boolean seekable();

    /**
     * True when a read may block for as long as the other side likes (an InputStream over a pipe or socket): such reads
     * run on a helper thread so the timeout and a stop can still end them (see JavaIo).
     */
    default boolean mayBlock() {
        return false;
    }

    boolean writable();

    @Override
    default void close() throws IOException {
    }
}
