package org.camelav.media.io;

/** Reads a byte array; seekable, so every format works, MP4 with its index at the end included. */
final class BytesInput implements IoAdapter {

    private final byte[] data;
    private int pos;

    BytesInput(byte[] data) {
        this.data = data;
    }

    @Override
    public int read(byte[] buf, int off, int len) {
        if (pos >= data.length) {
            return -1;
        }
        int n = Math.min(len, data.length - pos);
        System.arraycopy(data, pos, buf, off, n);
        pos += n;
        return n;
    }

    @Override
    public void seek(long position) {
        pos = (int) Math.max(0, Math.min(position, data.length));
    }

    @Override
    public long position() {
        return pos;
    }

    @Override
    public long size() {
        return data.length;
    }

    @Override
    public boolean seekable() {
        return true;
    }

    @Override
    public boolean writable() {
        return false;
    }
}
