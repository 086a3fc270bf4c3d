package org.camelav.media.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/** Ready-made {@link IoAdapter}s for the bodies a Camel message carries. */
public final class IoAdapters {

    private IoAdapters() {
    }

    /** Reads a byte array; seekable. */
    public static IoAdapter of(byte[] data) {
        return new IoAdapter() {
            private int pos;

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
        };
    }

    /** What a {@link #bounded} adapter throws when its input goes on past the bound. */
    public static final class TooLongException extends IOException {
        public TooLongException(String message) {
            super(message);
        }
    }

    /**
     * {@code in}, failing with {@link TooLongException} as soon as more than {@code maxBytes} have been read from it,
     * so an endless or huge stream body is refused without being read (or buffered) whole.
     */
    public static IoAdapter bounded(IoAdapter in, long maxBytes) {
        return new IoAdapter() {
            private long read;

            @Override
            public int read(byte[] buf, int off, int len) throws IOException {
                if (in.size() > maxBytes) { // a byte[] or file: refused before FFmpeg sees a byte of it
                    throw new TooLongException("the body has " + in.size() + " bytes, more than maxBodySize="
                                               + maxBytes);
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
        };
    }

    /** Reads a file through a channel; seekable. */
    public static IoAdapter read(Path file) throws IOException {
        return channel(java.nio.file.Files.newByteChannel(file, StandardOpenOption.READ), false);
    }

    /** Writes a file through a channel; seekable, so MP4 can go back and write its index. */
    public static IoAdapter write(Path file) throws IOException {
        return channel(java.nio.file.Files.newByteChannel(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING), true);
    }

    static IoAdapter channel(SeekableByteChannel ch, boolean writable) {
        return new IoAdapter() {
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
        };
    }

    /**
     * Reads a stream that cannot seek: streamable containers (MPEG-TS, MKV, FLV, fragmented MP4, most MP4 with the
     * index first) work; an MP4 whose index is at the end needs a seekable body (bytes or a file).
     */
    public static IoAdapter of(InputStream in) {
        return new IoAdapter() {
            @Override
            public int read(byte[] buf, int off, int len) throws IOException {
                return in.read(buf, off, len);
            }

            @Override
            public boolean seekable() {
                return false;
            }

            @Override
            public boolean mayBlock() {
                return true; // a pipe or socket: an upload can stall half-way
            }

            @Override
            public boolean writable() {
                return false;
            }

            @Override
            public void close() throws IOException {
                in.close();
            }
        };
    }

    /**
     * Writes to a stream that cannot seek: use a streamable format (mpegts, matroska, webm, flv) or MP4 with
     * {@code movflags=frag_keyframe+empty_moov}.
     */
    public static IoAdapter of(OutputStream out) {
        return new IoAdapter() {
            @Override
            public void write(byte[] buf, int off, int len) throws IOException {
                out.write(buf, off, len);
            }

            @Override
            public boolean seekable() {
                return false;
            }

            @Override
            public boolean writable() {
                return true;
            }

            @Override
            public void close() throws IOException {
                out.flush();
            }
        };
    }

    /** A growable in-memory output that can seek (any format works, MP4 included); {@link #toByteArray()} at the end. */
    public static final class ByteSink implements IoAdapter {
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
}
