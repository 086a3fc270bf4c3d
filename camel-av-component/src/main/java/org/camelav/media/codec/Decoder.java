package org.camelav.media.codec;

import org.camelav.media.CodecParameters;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_LOW_DELAY;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_free;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;

import java.util.Map;

import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVHWDeviceContext;
import org.bytedeco.ffmpeg.global.avcodec;
import org.camelav.media.AvErrors;
import org.camelav.media.AvException;
import org.camelav.media.Rational;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A decoding AVCodecContext for one input stream, as in FFmpeg's decode_video.c and demux_decode.c examples. Data the
 * decoder rejects as corrupt is counted and skipped rather than thrown, so a live stream survives a damaged packet as
 * the ffmpeg CLI does; {@link #errors()} and {@link #lastError()} say how many and why.
 */
public final class Decoder extends CodecContext<AVPacket, AVFrame> {

    private static final Logger LOG = LoggerFactory.getLogger(Decoder.class);

    private final String hwaccel;
    private HwDownload download;
    private long errors;
    private int lastError;
    private long frames;
    private long consecutiveErrors;

    public Decoder(AVStream stream, DecoderOptions opts, String url) {
        this(openFor(stream, opts, url));
    }

    /**
     * A decoder for a stream known only by its parameters, e.g. packets a consumer delivered: the parameters go to the
     * context as avcodec_parameters_to_context takes them from a stream.
     */
    public Decoder(CodecParameters params, Rational timeBase) {
        this(openFor(params, timeBase));
    }

    private static Opened openFor(CodecParameters params, Rational timeBase) {
        AVCodec codec = find(avcodec_find_decoder(params.codecId()), "for codec id " + params.codecId(), null);
        AVCodecParameters p = avcodec_parameters_alloc();
        if (p == null || p.isNull()) {
            throw new AvException("Cannot allocate codec parameters");
        }
        try {
            params.copyTo(p);
            return open(codec, Map.of(), null, ctx -> {
                AvErrors.check(avcodec_parameters_to_context(ctx, p), "Cannot configure decoder");
                if (timeBase.isValid()) {
                    timeBase.copyTo(ctx.pkt_timebase());
                }
            });
        } finally {
            avcodec_parameters_free(p);
        }
    }

    /** A decoder for a codec alone, without a stream: still images, where every packet is a whole picture. */
    public Decoder(int codecId) {
        this(codecId, Map.of());
    }

    /** As above, with AVOptions of the decoder (e.g. max_pixels). */
    public Decoder(int codecId, Map<String, ?> options) {
        this(open(find(avcodec_find_decoder(codecId), "for codec id " + codecId, null), options, null, c -> {
        }));
    }

    private Decoder(Opened opened) {
        super(opened, av_frame_alloc(), avcodec::avcodec_send_packet, avcodec::avcodec_receive_frame);
        hwaccel = opened.ctx().hw_device_ctx() == null || opened.ctx().hw_device_ctx().isNull() ? null
                : hwType(opened.ctx());
    }

    /** Opens on the requested hardware device when it works; the context keeps its own reference to the device. */
    private static Opened openFor(AVStream stream, DecoderOptions opts, String url) {
        AVCodec codec = codec(stream, opts, url);
        if (opts.hwaccel() == null) {
            return open(stream, codec, opts, url, null);
        }
        AVCodec onDevice = deviceDecoder(stream, opts, codec);
        try (HwDevice device = HwSelection.open(onDevice, opts.hwaccel(), url, false)) {
            return open(stream, device == null ? codec : onDevice, opts, url, device);
        }
    }

    /**
     * QSV decodes through decoders of its own rather than as a hwaccel of the native one: h264_qsv for h264, as ffmpeg
     * picks it for -hwaccel qsv. Every other type, or a decoder the options name, decodes with {@code codec}.
     */
    private static AVCodec deviceDecoder(AVStream stream, DecoderOptions opts, AVCodec codec) {
        if (opts.codecName() != null || !"qsv".equals(opts.hwaccel().deviceType())) {
            return codec;
        }
        AVCodec qsv = avcodec_find_decoder_by_name(avcodec_get_name(stream.codecpar().codec_id()).getString() + "_qsv");
        return qsv == null || qsv.isNull() ? codec : qsv;
    }

    private static AVCodec codec(AVStream stream, DecoderOptions opts, String url) {
        return find(opts.codecName() != null ? avcodec_find_decoder_by_name(opts.codecName())
                : avcodec_find_decoder(stream.codecpar().codec_id()), (opts.codecName() != null
                        ? "named '" + opts.codecName() + "'" : "for codec id " + stream.codecpar().codec_id())
                        + " (stream #" + stream.index() + ")", url);
    }

    private static Opened open(AVStream stream, AVCodec codec, DecoderOptions opts, String url, HwDevice device) {
        return open(codec, opts.codecOptions(), url, ctx -> {
            if (device != null) {
                // FFmpeg's default get_format picks the device's pixel format when a device context is set
                ctx.hw_device_ctx(device.newReference());
            }
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
        });
    }

    private static AVCodec find(AVCodec codec, String what, String url) {
        if (codec == null || codec.isNull()) {
            throw AvErrors.exception("No decoder " + what, AvErrors.DECODER_NOT_FOUND, url);
        }
        return codec;
    }

    private static Opened open(AVCodec codec, Map<String, ?> options, String url,
            java.util.function.Consumer<AVCodecContext> configure) {
        return open(codec, options, "Cannot open decoder " + codec.name().getString(), url, configure);
    }

    /**
     * Sends {@code pkt} (null: flush, after which {@link #flushBuffers()} makes the decoder take packets again) and
     * hands each frame that is ready to {@code sink}.
     */
    public void decode(AVPacket pkt, FrameSink sink) {
        if (hwaccel == null) {
            transcode(pkt, sink);
            return;
        }
        if (download == null) {
            download = new HwDownload();
        }
        transcode(pkt, download.to(sink));
    }

    /** The hardware device type decoding runs on ({@code cuda}, {@code vaapi}...), null on the CPU. */
    public String hwaccel() {
        return hwaccel;
    }

    private static String hwType(AVCodecContext ctx) {
        return HwAccel.typeName(new AVHWDeviceContext(ctx.hw_device_ctx().data()).type());
    }

    @Override
    public void close() {
        if (download != null) {
            download.close();
            download = null;
        }
        super.close();
    }

    /** Packets or pictures rejected as corrupt so far; each was skipped. */
    public long errors() {
        return errors;
    }

    /** The AVERROR of the last rejected packet or picture, 0 when there was none. */
    public int lastError() {
        return lastError;
    }

    /** Frames decoded so far. */
    public long frames() {
        return frames;
    }

    /**
     * Packets or pictures rejected since the last decoded frame: a live source whose decoder rejects everything while
     * its connection stays up is not streaming, however many packets arrive.
     */
    public long consecutiveErrors() {
        return consecutiveErrors;
    }

    @Override
    void received() {
        frames++;
        consecutiveErrors = 0;
    }

    /** With frame threading FFmpeg reports corrupt data from receive rather than send; either way it is skipped. */
    @Override
    void failed(int ret) {
        errors++;
        consecutiveErrors++;
        lastError = ret;
        LOG.debug("Decoder {} skipped data it rejected: {}", name(), AvErrors.describe(ret));
    }
}
