package org.camelav.media.codec;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_LOW_DELAY;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_flush_buffers;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;

import java.util.Map;

import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.camelav.media.AvDictionary;
import org.camelav.media.AvErrors;
import org.camelav.media.AvException;

/** A decoding AVCodecContext for one input stream; the send/receive loop of FFmpeg's demux_decode.c example. */
public final class Decoder implements AutoCloseable {

    /** Outcome of {@link #receive}. */
    public enum Status { FRAME, AGAIN, EOF, ERROR }

    private AVCodecContext ctx;
    private final String name;
    private final Map<String, String> unusedOptions;
    private int lastError;

    public Decoder(AVStream stream, DecoderOptions opts, String url) {
        AVCodec codec = opts.codecName() != null
                ? avcodec_find_decoder_by_name(opts.codecName()) : avcodec_find_decoder(stream.codecpar().codec_id());
        if (codec == null || codec.isNull()) {
            throw new AvException("No decoder " + (opts.codecName() != null ? "named '" + opts.codecName() + "'"
                    : "for codec id " + stream.codecpar().codec_id()) + " (stream #" + stream.index() + ")",
                    AvErrors.DECODER_NOT_FOUND, url);
        }
        ctx = avcodec_alloc_context3(codec);
        try (AvDictionary dict = new AvDictionary(opts.codecOptions())) {
            AvErrors.check(avcodec_parameters_to_context(ctx, stream.codecpar()), "Cannot configure decoder", url);
            ctx.pkt_timebase(stream.time_base());
            if (opts.skipFrame() != null) {
                ctx.skip_frame(opts.skipFrame().av);
            }
            if (opts.threadType() != null) {
                ctx.thread_type(opts.threadType().av);
            }
            // FFmpeg's own default is one thread; like the ffmpeg CLI (-threads auto), use 0: one per core
            ctx.thread_count(opts.threadCount() != null ? opts.threadCount() : 0);
            if (opts.lowDelay()) {
                ctx.flags(ctx.flags() | AV_CODEC_FLAG_LOW_DELAY);
            }
            AvErrors.check(avcodec_open2(ctx, codec, dict.pointer()), "Cannot open decoder " + codec.name().getString(),
                    url);
            unusedOptions = dict.leftovers();
            name = codec.name().getString();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** A decoder for a codec alone, without a stream: still images, where every packet is a whole picture. */
    public Decoder(int codecId) {
        AVCodec codec = avcodec_find_decoder(codecId);
        if (codec == null || codec.isNull()) {
            throw new AvException("No decoder for codec id " + codecId, AvErrors.DECODER_NOT_FOUND, null);
        }
        ctx = avcodec_alloc_context3(codec);
        name = codec.name().getString();
        unusedOptions = Map.of();
        try {
            AvErrors.check(avcodec_open2(ctx, codec, (AVDictionary) null), "Cannot open decoder " + name);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    public String name() {
        return name;
    }

    public Map<String, String> unusedOptions() {
        return unusedOptions;
    }

    AVCodecContext context() {
        return ctx;
    }

    /**
     * Sends a packet, or null to drain. Returns the AVERROR code (0 on success); corrupt data is reported to the caller
     * rather than thrown, so a live stream survives a damaged packet as the ffmpeg CLI does.
     */
    public int send(AVPacket pkt) {
        int ret = avcodec_send_packet(ctx, pkt);
        return ret == AvErrors.EOF ? 0 : ret;
    }

    /**
     * Takes the next decoded frame. {@link Status#ERROR} is a damaged picture ({@link #lastError()} says why): with
     * frame threading FFmpeg reports corrupt data here rather than from send, and like the CLI the caller skips it.
     */
    public Status receive(AVFrame frame) {
        int ret = avcodec_receive_frame(ctx, frame);
        if (ret >= 0) {
            return Status.FRAME;
        }
        if (ret == AvErrors.EAGAIN) {
            return Status.AGAIN;
        }
        if (ret == AvErrors.EOF) {
            return Status.EOF;
        }
        lastError = ret;
        return Status.ERROR;
    }

    /** The AVERROR of the last {@link Status#ERROR}. */
    public int lastError() {
        return lastError;
    }

    /** Drops buffered frames, e.g. after a seek or a loop back to the start. */
    public void flush() {
        avcodec_flush_buffers(ctx);
    }

    @Override
    public void close() {
        if (ctx != null && !ctx.isNull()) {
            avcodec_free_context(ctx);
        }
        ctx = null;
    }
}
