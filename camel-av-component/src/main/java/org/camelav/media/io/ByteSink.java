package org.camelav.media.io;

import java.util.Arrays;

/** A growable in-memory output that can seek (any format works, MP4 included); {@link #toByteArray()} at the end. */
public final class ByteSink implements IoAdapter {
    private byte[] buf = new byte[64 * 1024];
    private int size;
    private int pos;

    @Override
    public void write(byte[] b, int off, int len) {
        if (pos + len > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + len));
        }
        System.arraycopy(b, off, buf, pos, len);
        pos += len;
        size = Math.max(size, pos);
    }

    @Override
    public void seek(long position) {
        pos = (int) position;
        if (pos > buf.length) {
            buf = Arrays.copyOf(buf, pos);
        }
    }

    @Override
    public long position() {
        return pos;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public boolean seekable() {
        return true;
    }

    @Override
    public boolean writable() {
        return true;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }
}
