package org.camelav.media.container;

import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EINVAL;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.camelav.media.AvException;
import org.camelav.media.codec.EncoderPass;
import org.camelav.media.io.Interrupter;

/**
 * A transcode in two passes, as {@code ffmpeg -pass 1 -f null -} then {@code ffmpeg -pass 2 out}: the first pass
 * encodes the video into FFmpeg's null muxer only to collect the encoder's statistics in a temp file (fftools'
 * {@code -passlogfile}), the second encodes it again into the real output with them. The temp file is deleted
 * whatever happens, a failing pass included.
 */
final class TwoPassTranscode {

    /** How the statistics files are named, {@code camel-av-2pass-<random>.log}. */
    static final String PREFIX = "camel-av-2pass-";

    private TwoPassTranscode() {
    }

    static long run(ReaderOptions input, WriterOptions output, Interrupter interrupter) {
        return run(input, output, interrupter, null);
    }

    /** @param tempDir where the statistics file is made; null: the JVM's temp directory */
    static long run(ReaderOptions input, WriterOptions output, Interrupter interrupter, Path tempDir) {
        try (interrupter) { // each pass's input owns an interrupter of its own, stopped with this one
            if (input.input().source() != null && !input.input().source().seekable()) {
                throw new AvException("passes=2 reads the input twice: give it a file, a URL or bytes, not a stream",
                        AVERROR_EINVAL(), input.url());
            }
            Path stats = tempFile(tempDir);
            try {
                // the muxer's options and bitstream filters are the real output's, not the null muxer's
                WriterOptions first = output.toBuilder().url("-").sink(null).format("null").formatOptions(Map.of())
                        .bsf(null).pass(new EncoderPass(1, stats)).build();
                MediaOperations.transcode(input, first, interrupter.next());
                rewind(input);
                return MediaOperations.transcode(input, output.toBuilder().pass(new EncoderPass(2, stats)).build(),
                        interrupter.next());
            } finally {
                delete(stats);
            }
        }
    }

    private static void delete(Path stats) {
        try {
            Files.deleteIfExists(stats);
        } catch (IOException e) {
            stats.toFile().deleteOnExit(); // a file held open on Windows: at the latest when the JVM exits
        }
    }

    private static Path tempFile(Path dir) {
        try {
            return dir == null ? Files.createTempFile(PREFIX, ".log") : Files.createTempFile(dir, PREFIX, ".log");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the two-pass statistics file", e);
        }
    }

    /** A byte source read by the first pass starts again from its beginning. */
    private static void rewind(ReaderOptions input) {
        if (input.input().source() != null) {
            try {
                input.input().source().seek(0);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the input a second time", e);
            }
        }
    }
}
