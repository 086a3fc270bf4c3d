package org.camelav.media.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;

/** A file (or any seekable channel) read or written by FFmpeg; seekable, so MP4 can go back and write its index. */
final class ChannelIo implements IoAdapter {

    private final SeekableByteChannel ch;
    private final boolean writable;

    ChannelIo(SeekableByteChannel ch, boolean writable) {
        this.ch = ch;
        this.writable = writable;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        return ch.read(ByteBuffer.wrap(buf, off, len));
    }

    @Override
    public void write(byte[] buf, int off, int len) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(buf, off, len);
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }

    @Override
    public void seek(long position) throws IOException {
        ch.position(position);
    }

    @Override
    public long position() {
        try {
            return ch.position();
        } catch (IOException e) {
            return -1;
        }
    }

    @Override
    public long size() {
        try {
            return ch.size();
        } catch (IOException e) {
            return -1;
        }
    }

    @Override
    public boolean seekable() {
        return true;
    }

    @Override
    public boolean writable() {
        return writable;
    }

    @Override
    public void close() throws IOException {
        ch.close();
    }
}
