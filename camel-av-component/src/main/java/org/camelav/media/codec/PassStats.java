package org.camelav.media.codec;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_PASS1;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_PASS2;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.javacpp.BytePointer;
import org.camelav.media.AvException;

/**
 * The statistics side of an {@link EncoderPass}, owned by its encoder: the open statistics file of a first pass, or
 * the {@code stats_in} string of a second. FFmpeg documents {@code stats_in} as allocated and freed by the user
 * (avcodec.h), and fftools frees it itself after the codec context: so does {@link #close()}, called after the
 * context is freed.
 */
final class PassStats implements AutoCloseable {

    private final EncoderPass pass;
    private Writer out;
    private BytePointer in;

    private PassStats(EncoderPass pass) {
        this.pass = pass;
    }

    /** Opens the file: truncated for writing in a first pass, read whole in a second. */
    static PassStats open(EncoderPass pass, String url) {
        PassStats s = new PassStats(pass);
        try {
            if (pass.first()) {
                s.out = Files.newBufferedWriter(pass.stats(), StandardCharsets.US_ASCII);
            } else {
                String stats = Files.readString(pass.stats(), StandardCharsets.US_ASCII);
                if (stats.isEmpty()) {
                    throw new AvException("The first pass left no statistics in " + pass.stats() + ": this encoder"
                                          + " has no two-pass mode (passes=2 needs one such as mpeg4 or libvpx)", 0,
                            url);
                }
                s.in = new BytePointer(stats, StandardCharsets.US_ASCII);
            }
            return s;
        } catch (IOException e) {
            throw new AvException("Cannot open the two-pass statistics " + pass.stats() + ": " + e.getMessage(), 0, url);
        }
    }

    /** Sets the pass flag (and for a second pass {@code stats_in}) before the encoder opens. */
    void configure(AVCodecContext ctx) {
        ctx.flags(ctx.flags() | (pass.first() ? AV_CODEC_FLAG_PASS1 : AV_CODEC_FLAG_PASS2));
        if (in != null) {
            ctx.stats_in(in);
        }
    }

    /**
     * Appends what the encoder left in {@code stats_out}; called, as fftools' encode_frame does, after every packet
     * received and once more at the end of the flush.
     */
    void collect(AVCodecContext ctx) {
        if (out == null || ctx.stats_out() == null || ctx.stats_out().isNull()) {
            return;
        }
        try {
            out.write(ctx.stats_out().getString(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new AvException("Cannot write the two-pass statistics " + pass.stats() + ": " + e.getMessage(), 0,
                    null);
        }
    }

    @Override
    public void close() {
        if (in != null) {
            in.close();
            in = null;
        }
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                throw new AvException("Cannot write the two-pass statistics " + pass.stats() + ": " + e.getMessage(),
                        0, null);
            } finally {
                out = null;
            }
        }
    }
}
