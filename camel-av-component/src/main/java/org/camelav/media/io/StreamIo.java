package org.camelav.media.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A Java stream that cannot seek, read or written (one of the two), as PyAV's pyio wraps a Python file object without
 * seek. Reading may block: a pipe or socket upload can stall half-way, so the reader's timeout must watch it.
 */
final class StreamIo implements IoAdapter {

    private final InputStream in;
    private final OutputStream out;

    private StreamIo(InputStream in, OutputStream out) {
        this.in = in;
        this.out = out;
    }

    static StreamIo reading(InputStream in) {
        return new StreamIo(in, null);
    }

    static StreamIo writing(OutputStream out) {
        return new StreamIo(null, out);
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        if (in == null) {
            throw new IOException("not readable");
        }
        return in.read(buf, off, len);
    }

    @Override
    public void write(byte[] buf, int off, int len) throws IOException {
        if (out == null) {
            throw new IOException("not writable");
        }
        out.write(buf, off, len);
    }

    @Override
    public boolean seekable() {
        return false;
    }

    @Override
    public boolean mayBlock() {
        return in != null;
    }

    @Override
    public boolean writable() {
        return out != null;
    }

    /** Closes an input; flushes an output, which stays the caller's to close. */
    @Override
    public void close() throws IOException {
        if (in != null) {
            in.close();
        } else {
            out.flush();
        }
    }
}
