package org.camelav.media.io;

import java.io.IOException;

/**
 * An input that fails with {@link TooLongException} as soon as more than {@code maxBytes} have been read, so an endless
 * or huge stream body is refused without being read (or buffered) whole.
 */
final class BoundedInput implements IoAdapter {

    private final IoAdapter in;
    private final long maxBytes;
    private long read;

    BoundedInput(IoAdapter in, long maxBytes) {
        this.in = in;
        this.maxBytes = maxBytes;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        if (in.size() > maxBytes) { // a byte[] or file: refused before FFmpeg sees a byte of it
            throw new TooLongException("the body has " + in.size() + " bytes, more than maxBodySize=" + maxBytes);
        }
        int n = in.read(buf, off, len);
        // FFmpeg seeks back and reads again while it probes: what counts is how far into the body it got
        long end = in.seekable() && in.position() >= 0 ? in.position() : (read += Math.max(n, 0));
        if (n > 0 && end > maxBytes) {
            throw new TooLongException("the body is longer than maxBodySize=" + maxBytes + " bytes");
        }
        return n;
    }

    @Override
    public void seek(long position) throws IOException {
        in.seek(position);
    }

    @Override
    public long position() {
        return in.position();
    }

    @Override
    public long size() {
        return in.size();
    }

    @Override
    public boolean seekable() {
        return in.seekable();
    }

    @Override
    public boolean mayBlock() {
        return in.mayBlock();
    }

    @Override
    public boolean writable() {
        return false;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
