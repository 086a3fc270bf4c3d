package org.camelav.examples;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.apache.camel.Exchange;

/**
 * The files an HTTP surface may serve from one folder, and their bytes as streams: a name is a plain file name whose
 * real path (symbolic links followed) is inside the folder's real path, so neither {@code ../} nor a link planted in
 * the folder reaches anything else; a body is streamed from disk, never read whole into the heap, and a range may lie
 * anywhere in a file of any size.
 */
final class RecordingFiles {

    private final Path dir;

    RecordingFiles(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    /** The regular file {@code name} names inside the folder, or null when it names nothing there. */
    Path resolve(String name) throws IOException {
        if (name == null || name.isEmpty() || name.contains("/") || name.contains("\\") || name.equals("..")
            || name.equals(".")) {
            return null;
        }
        Path file = dir.resolve(name).normalize();
        if (!dir.equals(file.getParent()) || !Files.isRegularFile(file)) {
            return null;
        }
        Path real = file.toRealPath(); // a link is judged by where it leads
        return real.getParent() != null && real.getParent().equals(dir.toRealPath()) ? real : null;
    }

    /**
     * Serves {@code file} as the exchange's response: whole, or the part a {@code Range} request asks for (206), so a
     * player can seek into what it has not loaded; 416 for a range beyond the end. Streamed from disk.
     */
    static void serve(Exchange e, Path file, String type) throws IOException {
        long size = Files.size(file);
        ByteRange range = ByteRange.of(e.getMessage().getHeader("Range", String.class), size);
        e.getMessage().removeHeader("Range"); // a request header, not one to echo
        e.getMessage().setHeader("Accept-Ranges", "bytes");
        if (range == ByteRange.UNSATISFIABLE) {
            e.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 416);
            e.getMessage().setHeader("Content-Range", range.contentRange(size));
            e.getMessage().setBody("");
            return;
        }
        e.getMessage().setHeader(Exchange.CONTENT_TYPE, type);
        long first = range == null ? 0 : range.first();
        long length = range == null ? size : range.length();
        if (range != null) {
            e.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 206);
            e.getMessage().setHeader("Content-Range", range.contentRange(size));
        }
        // platform-http (Vert.x) pipes a stream to the response, chunked, and closes it when sent
        e.getMessage().setBody(stream(file, first, length));
    }

    /** {@code length} bytes of {@code file} from {@code first}, as a stream that closes the file. */
    static InputStream stream(Path file, long first, long length) throws IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
        try {
            ch.position(first);
            return new Bounded(Channels.newInputStream(ch), length);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** At most {@code left} bytes of the stream. */
    private static final class Bounded extends FilterInputStream {
        private long left;

        Bounded(InputStream in, long left) {
            super(in);
            this.left = left;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = super.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = super.read(b, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long s = super.skip(Math.min(n, left));
            left -= s;
            return s;
        }

        @Override
        public int available() throws IOException {
            return (int) Math.min(super.available(), left);
        }
    }
}
