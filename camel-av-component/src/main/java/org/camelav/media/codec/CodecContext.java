package org.camelav.media.codec;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_flush_buffers;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;

import java.util.Map;
import java.util.function.Consumer;

import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.Pointer;
import org.camelav.media.AvDictionary;
import org.camelav.media.AvErrors;
import org.camelav.media.AvException;

/**
 * One opened AVCodecContext and the one send/receive loop of FFmpeg's codec API (PyAV's {@code CodecContext} with its
 * {@code decode}/{@code encode}): {@link Decoder} sends packets and receives frames, {@link Encoder} the other way
 * round. Each owns the context, its name, the options FFmpeg left unused and the one output struct it receives into,
 * and frees them once in {@link #close()}. Not thread-safe.
 *
 * @param <I> what is sent: AVPacket or AVFrame
 * @param <O> what is received: AVFrame or AVPacket
 */
public abstract sealed class CodecContext<I extends Pointer, O extends Pointer> implements AutoCloseable
        permits Decoder, Encoder {

    /** While flushing, failures in a row after which the rest is given up rather than risk a decoder that repeats one. */
    private static final int MAX_FAILURES_IN_FLUSH = 64;

    /** A context avcodec_open2 accepted, with the options it did not use. */
    record Opened(AVCodecContext ctx, String name, Map<String, String> unusedOptions) {
    }

    private AVCodecContext ctx;
    private O output;
    private final Call<I> send;
    private final Call<O> receive;
    private final String name;
    private final Map<String, String> unusedOptions;

    CodecContext(Opened opened, O output, Call<I> send, Call<O> receive) {
        if (output == null || output.isNull()) {
            avcodec_free_context(opened.ctx());
            throw new AvException("Cannot allocate " + opened.name() + "'s output");
        }
        this.ctx = opened.ctx();
        this.name = opened.name();
        this.unusedOptions = opened.unusedOptions();
        this.output = output;
        this.send = send;
        this.receive = receive;
    }

    /**
     * Allocates a context for {@code codec}, lets {@code configure} set it up and opens it with {@code options}; the
     * context is freed if anything fails.
     */
    static Opened open(AVCodec codec, Map<String, ?> options, String failure, String url,
            Consumer<AVCodecContext> configure) {
        AVCodecContext ctx = avcodec_alloc_context3(codec);
        if (ctx == null || ctx.isNull()) {
            throw new AvException("Cannot allocate codec context");
        }
        try (AvDictionary dict = new AvDictionary(options)) {
            configure.accept(ctx);
            AvErrors.check(avcodec_open2(ctx, codec, dict.pointer()), failure, url);
            return new Opened(ctx, codec.name().getString(), dict.leftovers());
        } catch (RuntimeException e) {
            avcodec_free_context(ctx);
            throw e;
        }
    }

    public final String name() {
        return name;
    }

    /** Codec options the codec did not recognise. */
    public final Map<String, String> unusedOptions() {
        return unusedOptions;
    }

    public final AVCodecContext context() {
        return open();
    }

    /** Drops buffered data and ends a flush, e.g. after a seek or a loop back to the start (avcodec_flush_buffers). */
    public final void flushBuffers() {
        avcodec_flush_buffers(open());
    }

    /** avcodec_send_packet/avcodec_receive_frame or avcodec_send_frame/avcodec_receive_packet. */
    @FunctionalInterface
    interface Call<T> {
        int apply(AVCodecContext c, T t);
    }

    /** One send without draining; package-private so a test can leave output pending, as a skipped failure does. */
    final int send(I input) {
        return send.apply(open(), input);
    }

    /** A send or receive failure other than EAGAIN and EOF: returns to skip the data (decoders) or throws. */
    abstract void failed(int ret);

    /** An output was received: a decoder counts it as progress (see Decoder#consecutiveErrors). */
    void received() {
    }

    /**
     * Sends {@code input} (null: flush) and hands every output that is ready to {@code sink}. When the codec answers
     * EAGAIN it must be drained before it takes more, so the same input is sent again after draining, never dropped.
     */
    final void transcode(I input, Consumer<? super O> sink) {
        AVCodecContext c = open();
        int ret = send.apply(c, input);
        while (ret == AvErrors.EAGAIN) {
            if (drain(c, sink, false) == 0) {
                // both directions refusing is an FFmpeg API violation: fail rather than spin
                throw AvErrors.exception(name + " took no input and gave no output", ret, null);
            }
            ret = send.apply(c, input);
        }
        if (ret < 0 && ret != AvErrors.EOF) {
            failed(ret); // EOF: already flushed, nothing to take
        }
        drain(c, sink, input == null);
    }

    /**
     * Receives until the codec needs input or has ended. A skipped failure ends the drain (what remains is taken with
     * the next input) except while flushing, when the rest must still come out.
     *
     * @return how many outputs and skipped failures were received
     */
    private int drain(AVCodecContext c, Consumer<? super O> sink, boolean flushing) {
        int received = 0;
        int failures = 0;
        while (true) {
            int ret = receive.apply(c, output);
            if (ret == AvErrors.EAGAIN || ret == AvErrors.EOF) {
                return received;
            }
            received++;
            if (ret < 0) {
                failed(ret);
                if (!flushing || ++failures >= MAX_FAILURES_IN_FLUSH) {
                    return received;
                }
                continue;
            }
            failures = 0;
            received();
            try {
                sink.accept(output);
            } finally {
                unref(output);
            }
        }
    }

    /** The output is an AVFrame (decoders) or an AVPacket (encoders): the class is sealed to those two. */
    private static void unref(Pointer out) {
        if (out instanceof AVFrame f) {
            av_frame_unref(f);
        } else {
            av_packet_unref((AVPacket) out);
        }
    }

    private AVCodecContext open() {
        if (ctx == null) {
            throw new IllegalStateException(name + " is closed");
        }
        return ctx;
    }

    @Override
    public void close() {
        if (output instanceof AVFrame f) {
            av_frame_free(f);
        } else if (output != null) {
            av_packet_free((AVPacket) output);
        }
        output = null;
        if (ctx != null) {
            avcodec_free_context(ctx);
            ctx = null;
        }
    }
}
