package org.camelav.media.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Ready-made {@link IoAdapter}s for the bodies a Camel message carries, one small named class each. */
public final class IoAdapters {

    private IoAdapters() {
    }

    /** Reads a byte array; seekable. */
    public static IoAdapter of(byte[] data) {
        return new BytesInput(data);
    }

    /**
     * {@code in}, failing with {@link TooLongException} as soon as more than {@code maxBytes} have been read from it,
     * so an endless or huge stream body is refused without being read (or buffered) whole.
     */
    public static IoAdapter bounded(IoAdapter in, long maxBytes) {
        return new BoundedInput(in, maxBytes);
    }

    /** Reads a file through a channel; seekable. */
    public static IoAdapter read(Path file) throws IOException {
        return new ChannelIo(Files.newByteChannel(file, StandardOpenOption.READ), false);
    }

    /** Writes a file through a channel; seekable, so MP4 can go back and write its index. */
    public static IoAdapter write(Path file) throws IOException {
        return new ChannelIo(Files.newByteChannel(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING), true);
    }

    /**
     * Reads a stream that cannot seek: streamable containers (MPEG-TS, MKV, FLV, fragmented MP4, most MP4 with the
     * index first) work; an MP4 whose index is at the end needs a seekable body (bytes or a file).
     */
    public static IoAdapter of(InputStream in) {
        return StreamIo.reading(in);
    }

    /**
     * Writes to a stream that cannot seek: use a streamable format (mpegts, matroska, webm, flv) or MP4 with
     * {@code movflags=frag_keyframe+empty_moov}.
     */
    public static IoAdapter of(OutputStream out) {
        return StreamIo.writing(out);
    }
}
