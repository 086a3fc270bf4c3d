package org.camelav.media.codec;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_CAP_HARDWARE;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_CONFIG_COLOR_RANGE;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_CONFIG_COLOR_SPACE;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_CONFIG_PIX_FORMAT;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_CONFIG_SAMPLE_FORMAT;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_CONFIG_SAMPLE_RATE;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_GLOBAL_HEADER;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_supported_config;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_FLAG_HWACCEL;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.av_pix_fmt_desc_get;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLTP;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_copy;

import java.util.Map;

import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVChannelLayout;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVPixFmtDescriptor;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;
import org.camelav.media.AvErrors;
import org.camelav.media.AvUnsupportedException;
import org.camelav.media.Ffmpeg;
import org.camelav.media.Rational;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An encoding AVCodecContext, as in FFmpeg's encode_video.c and the encoding half of transcode.c. It owns the one
 * AVPacket it receives into; any failure is thrown.
 */
public final class Encoder extends CodecContext<AVFrame, AVPacket> {

    private static final Logger LOG = LoggerFactory.getLogger(Encoder.class);

    /** Video encoder settings, resolved by the container layer's writer. */
    public record VideoSettings(int width, int height, int pixelFormat, Rational timeBase, Rational frameRate, long bitRate,
            int gopSize, Integer maxBFrames, boolean globalHeader, Map<String, ?> codecOptions, int colorSpace,
            int colorRange, EncoderPass pass) {

        /** Settings whose stream is not tagged with a colour matrix or range, encoded in one pass. */
        public VideoSettings(int width, int height, int pixelFormat, Rational timeBase, Rational frameRate, long bitRate,
                int gopSize, Integer maxBFrames, boolean globalHeader, Map<String, ?> codecOptions) {
            this(width, height, pixelFormat, timeBase, frameRate, bitRate, gopSize, maxBFrames, globalHeader,
                    codecOptions, 2, 0, null); // AVCOL_SPC_UNSPECIFIED, AVCOL_RANGE_UNSPECIFIED
        }
    }

    /** The statistics of a two-pass encode's pass, or null. */
    private final PassStats stats;

    private Encoder(Opened opened, PassStats stats) {
        super(opened, av_packet_alloc(), avcodec::avcodec_send_frame, avcodec::avcodec_receive_packet);
        this.stats = stats;
    }

    /**
     * Finds an encoder by name. {@code h264} means the best H.264 encoder this FFmpeg build has: libx264 (GPL build),
     * else libopenh264 (the default LGPL build).
     */
    public static AVCodec find(String name, int defaultCodecId) {
        Ffmpeg.init();
        AVCodec codec = null;
        if (name == null || name.isBlank()) {
            codec = avcodec_find_encoder(defaultCodecId);
        } else if (name.equals("h264") || name.equals("avc")) {
            for (String candidate : new String[] { "libx264", "libopenh264" }) {
                codec = avcodec_find_encoder_by_name(candidate);
                if (codec != null && !codec.isNull()) {
                    break;
                }
            }
            if (codec == null || codec.isNull()) {
                codec = avcodec_find_encoder(AV_CODEC_ID_H264);
            }
        } else {
            codec = avcodec_find_encoder_by_name(name);
        }
        if (codec == null || codec.isNull()) {
            throw AvErrors.exception("No encoder " + (name == null ? "for codec id " + defaultCodecId
                    : "named '" + name + "'"), AvErrors.ENCODER_NOT_FOUND, null);
        }
        return codec;
    }

    /**
     * What the encoder supports for one AV_CODEC_CONFIG_* kind (pixel formats, sample formats, sample rates), or null
     * when it accepts anything.
     */
    private static int[] supported(AVCodec codec, int kind) {
        try (PointerPointer<IntPointer> configs = new PointerPointer<>(1); IntPointer num = new IntPointer(1)) {
            if (avcodec_get_supported_config(null, codec, kind, 0, configs, num) < 0 || num.get() <= 0
                || configs.get(0) == null) {
                return null;
            }
            int[] values = new int[num.get()];
            new IntPointer(configs.get(0)).get(values);
            return values;
        }
    }

    /** Whether the encoder takes {@code value} for a configuration kind: it lists it, or lists nothing. */
    private static boolean accepts(AVCodec codec, int kind, int value) {
        int[] values = supported(codec, kind);
        return values == null || java.util.Arrays.stream(values).anyMatch(v -> v == value);
    }

    /** Whether the encoder takes pictures of {@code pixelFormat} as they are. */
    public static boolean takesPixelFormat(AVCodec codec, int pixelFormat) {
        return accepts(codec, AV_CODEC_CONFIG_PIX_FORMAT, pixelFormat);
    }

    /** The encoder's preferred pixel format: its first supported one, or yuv420p when it accepts any. */
    public static int preferredPixelFormat(AVCodec codec) {
        int[] formats = supported(codec, AV_CODEC_CONFIG_PIX_FORMAT);
        return formats == null ? AV_PIX_FMT_YUV420P : formats[0];
    }

    /** The encoder's preferred sample format: its first supported one, or fltp when it accepts any. */
    public static int preferredSampleFormat(AVCodec codec) {
        int[] formats = supported(codec, AV_CODEC_CONFIG_SAMPLE_FORMAT);
        return formats == null ? AV_SAMPLE_FMT_FLTP : formats[0];
    }

    /**
     * {@code wanted} when the encoder takes it, else the nearest rate it supports (libopus: 48000 for 44100), as the
     * ffmpeg CLI chooses.
     */
    public static int supportedSampleRate(AVCodec codec, int wanted) {
        int[] rates = supported(codec, AV_CODEC_CONFIG_SAMPLE_RATE);
        if (rates == null) {
            return wanted;
        }
        int best = rates[0];
        for (int r : rates) {
            if (Math.abs(r - wanted) < Math.abs(best - wanted)) {
                best = r;
            }
        }
        return best;
    }

    /** Opens an audio encoder; its time base is 1/sampleRate so pts count samples. */
    public static Encoder openAudio(AVCodec codec, int sampleFormat, int sampleRate, AVChannelLayout layout, long bitRate,
            boolean globalHeader, Map<String, ?> codecOptions, String url) {
        return openEncoder(codec, codecOptions, sampleRate + " Hz", url, null, ctx -> {
            ctx.sample_fmt(sampleFormat).sample_rate(sampleRate);
            AvErrors.check(av_channel_layout_copy(ctx.ch_layout(), layout), "Cannot set channel layout");
            ctx.time_base().num(1).den(sampleRate);
            if (bitRate > 0) {
                ctx.bit_rate(bitRate);
            }
            if (globalHeader) {
                ctx.flags(ctx.flags() | AV_CODEC_FLAG_GLOBAL_HEADER);
            }
        });
    }

    public static Encoder openVideo(AVCodec codec, VideoSettings s, String url) {
        return openVideo(codec, s, url, (HwAccel) null);
    }

    /**
     * Opens a video encoder; a hardware encoder ({@code h264_nvenc}...) first opens its device as {@code hw} says (its
     * type: {@code auto} for the encoder's own), so a missing driver fails here with its name.
     */
    public static Encoder openVideo(AVCodec codec, VideoSettings s, String url, HwAccel hw) {
        if (!isHardware(codec)) {
            return openOn(codec, s, url, null);
        }
        if (inDeviceMemory(s.pixelFormat())) {
            throw new AvUnsupportedException("Encoder " + codec.name().getString() + " takes only frames in device"
                                             + " memory; camel-av does not upload frames to a device yet", 0, url);
        }
        HwAccel request = new HwAccel(hw == null ? HwAccel.AUTO : hw.deviceType(), hw == null ? null : hw.device(),
                false);
        try (HwDevice device = HwSelection.open(codec, request, url, true)) {
            return openOn(codec, s, url, device);
        }
    }

    /** A pixel format of frames in device memory (vaapi, cuda, qsv...), AV_PIX_FMT_FLAG_HWACCEL. */
    private static boolean inDeviceMemory(int pixelFormat) {
        AVPixFmtDescriptor d = av_pix_fmt_desc_get(pixelFormat);
        return d != null && !d.isNull() && (d.flags() & AV_PIX_FMT_FLAG_HWACCEL) != 0;
    }

    /** Whether {@code codec} runs on a hardware device: it names device types among its configurations. */
    public static boolean isHardware(AVCodec codec) {
        return (codec.capabilities() & AV_CODEC_CAP_HARDWARE) != 0 || !HwSelection.deviceTypes(codec).isEmpty();
    }

    /**
     * The software encoder for {@code codec}'s format that FFmpeg picks by default ({@code h264}: libx264, else
     * libopenh264), or null when this build has none.
     */
    public static AVCodec softwareFor(AVCodec codec) {
        AVCodec soft = codec.id() == AV_CODEC_ID_H264 ? find("h264", AV_CODEC_ID_H264) : avcodec_find_encoder(codec.id());
        return soft == null || soft.isNull() || isHardware(soft) ? null : soft;
    }

    private static Encoder openOn(AVCodec codec, VideoSettings s, String url, HwDevice device) {
        PassStats stats = s.pass() == null ? null : PassStats.open(s.pass(), url);
        try {
            return openEncoder(codec, s.codecOptions(), s.width() + "x" + s.height(), url, stats, ctx -> {
                configure(ctx, codec, s, device);
                if (stats != null) {
                    stats.configure(ctx);
                }
            });
        } catch (RuntimeException e) {
            if (stats != null) {
                stats.close();
            }
            throw e;
        }
    }

    private static void configure(AVCodecContext ctx, AVCodec codec, VideoSettings s, HwDevice device) {
        if (device != null) {
            ctx.hw_device_ctx(device.newReference());
        }
        ctx.width(s.width()).height(s.height()).pix_fmt(s.pixelFormat());
        // what the stream is tagged with, as ffmpeg's encoder setup copies it from the first frame; a value the
        // encoder does not list (png and RGB ffv1 take no range) would make avcodec_open2 fail: left unset
        ctx.colorspace(accepts(codec, AV_CODEC_CONFIG_COLOR_SPACE, s.colorSpace()) ? s.colorSpace() : 2);
        ctx.color_range(accepts(codec, AV_CODEC_CONFIG_COLOR_RANGE, s.colorRange()) ? s.colorRange() : 0);
        s.timeBase().copyTo(ctx.time_base());
        s.frameRate().copyTo(ctx.framerate());
        if (s.bitRate() > 0) {
            ctx.bit_rate(s.bitRate());
        }
        if (s.gopSize() > 0) {
            ctx.gop_size(s.gopSize());
        }
        if (s.maxBFrames() != null) {
            ctx.max_b_frames(s.maxBFrames());
        }
        if (s.globalHeader()) {
            ctx.flags(ctx.flags() | AV_CODEC_FLAG_GLOBAL_HEADER);
        }
    }

    /** Opens {@code codec} as {@code configure} sets it up and warns about the codec options it ignored. */
    private static Encoder openEncoder(AVCodec codec, Map<String, ?> codecOptions, String what, String url,
            PassStats stats, java.util.function.Consumer<AVCodecContext> configure) {
        String codecName = codec.name().getString();
        Encoder encoder = new Encoder(open(codec, codecOptions, "Cannot open encoder " + codecName + " for " + what, url,
                configure), stats);
        if (!encoder.unusedOptions().isEmpty()) {
            LOG.warn("Encoder {} ignored options {}", codecName, encoder.unusedOptions().keySet());
        }
        return encoder;
    }

    /** Sends {@code frame} (null: flush); the encoder takes its own reference. Each packet ready goes to {@code sink}. */
    public void encode(AVFrame frame, PacketSink sink) {
        transcode(frame, sink);
        if (frame == null && stats != null) {
            stats.collect(context()); // fftools writes stats_out at the end of the flush too
        }
    }

    @Override
    void received() {
        if (stats != null) {
            stats.collect(context());
        }
    }

    /** Frees the codec context, then the pass statistics it pointed to (a first pass's file is complete now). */
    @Override
    public void close() {
        try {
            super.close();
        } finally {
            if (stats != null) {
                stats.close();
            }
        }
    }

    @Override
    void failed(int ret) {
        throw AvErrors.exception("Encoding failed in " + name(), ret, null);
    }
}
