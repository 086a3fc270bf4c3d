package org.camelav.live;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_OPUS;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_free;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_from_context;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_RANGE_MPEG;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PICTURE_TYPE_I;
import static org.bytedeco.ffmpeg.global.avutil.AV_PICTURE_TYPE_NONE;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_RANGE_JPEG;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV422P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV444P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ420P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ422P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ444P;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_default;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_uninit;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;
import static org.bytedeco.ffmpeg.global.avutil.av_get_sample_fmt_name;

import java.util.Map;
import java.util.function.Consumer;

import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVChannelLayout;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.camelav.media.AvErrors;
import org.camelav.media.AvException;
import org.camelav.media.CodecParameters;
import org.camelav.media.FrameProps;
import org.camelav.media.MediaPacket;
import org.camelav.media.MediaType;
import org.camelav.media.Rational;
import org.camelav.media.StreamInfo;
import org.camelav.media.codec.Decoder;
import org.camelav.media.codec.Encoder;
import org.camelav.media.filter.AudioFilter;
import org.camelav.media.filter.SimpleFilterGraph;
import org.camelav.media.filter.VideoFilter;

/**
 * Re-encodes one stream of a camera's packets for browsers, once per camera while someone watches: video (MJPEG,
 * H.265 for a browser without HEVC, anything MSE does not play) to H.264 with the best encoder of the build
 * (libopenh264 in the LGPL build) at live settings: no B-frames, a key frame every second, bit rate for the size;
 * audio (G.711 and anything but AAC) to Opus, or AAC where the build has no libopus. Decoder, filter graph and encoder
 * are the media layer's own. Each output packet keeps the source packet's stream index and clock (the encoder's time
 * base is the source's for video, 1/48000 for Opus), so the live muxer puts it on the same timeline as the copied
 * streams. Not thread-safe: the camera's reader feeds it, {@link #close()} is called once under the owner's lock.
 */
final class LiveTranscoder implements AutoCloseable {

    /** Opus's own rate: the ISO BMFF binding of Opus wants 48 kHz timestamps. */
    private static final int OPUS_RATE = 48_000;

    private final boolean video;
    private final StreamInfo source;
    private final Consumer<MediaPacket> out;
    private final Decoder decoder;
    private final SimpleFilterGraph filter;
    private final AVFrame filtered = av_frame_alloc();
    private final AVPacket pkt = av_packet_alloc();
    private final Rational rate;
    private Encoder encoder;
    private StreamInfo encoded;
    private Rational encoderTimeBase;
    private long frames;
    private long lastPts = Long.MIN_VALUE;
    private boolean discontinuity;
    private boolean closed;

    /**
     * @param source the camera's stream (its codec parameters open the decoder)
     * @param out    where each encoded packet goes (on the caller's thread)
     * @throws AvException when the stream cannot be decoded or this build has no encoder for it
     */
    LiveTranscoder(StreamInfo source, Consumer<MediaPacket> out) {
        this.video = source.mediaType() == MediaType.VIDEO;
        this.source = source;
        this.out = out;
        Rational r = source.averageRate().isValid() ? source.averageRate()
                : source.guessedRate() != null && source.guessedRate().isValid() ? source.guessedRate() : null;
        this.rate = r == null || r.toDouble() > 120 ? new Rational(25, 1) : r;
        Decoder d = null;
        try {
            d = new Decoder(source.codecParameters(), source.timeBase());
            decoder = d;
            if (video) {
                // even sizes (4:2:0), limited range: a yuvj420p MJPEG picture converted as the ffmpeg CLI does
                filter = new VideoFilter("scale=trunc(iw/2)*2:trunc(ih/2)*2:out_range=tv,format=yuv420p");
            } else {
                filter = openAudio();
            }
        } catch (RuntimeException e) {
            if (d != null) {
                d.close();
            }
            free();
            throw e;
        }
    }

    /** The encoded stream's facts: known from the start for audio (for the muxer's init segment), after the first
     * picture for video. */
    StreamInfo encoded() {
        return encoded;
    }

    /** Pictures or audio frames encoded so far. */
    long frames() {
        return frames;
    }

    /** Decodes, filters and encodes one packet of the source stream; its outputs go to {@code out}. */
    void offer(MediaPacket p) {
        if (closed) {
            return;
        }
        if (p.discontinuity()) {
            discontinuity = true; // a reconnect: the next output says so, the muxer starts a new init segment
        }
        try {
            p.fill(pkt, p.pts(), p.dts());
            pkt.duration(p.duration());
            decoder.decode(pkt, this::decoded);
        } finally {
            av_packet_unref(pkt);
        }
    }

    private void decoded(AVFrame f) {
        long ts = f.best_effort_timestamp() != AV_NOPTS_VALUE ? f.best_effort_timestamp() : f.pts();
        if (ts == AV_NOPTS_VALUE) {
            return;
        }
        f.pts(ts);
        if (video) {
            unJ(f);
        }
        filter.push(f, source.timeBase());
        while (filter.pull(filtered)) {
            try {
                encode(filtered);
            } finally {
                av_frame_unref(filtered);
            }
        }
    }

    /** MJPEG's yuvj formats said as what they are (full-range yuv), so scale converts the range without warning. */
    private static void unJ(AVFrame f) {
        int plain = f.format() == AV_PIX_FMT_YUVJ420P ? AV_PIX_FMT_YUV420P
                : f.format() == AV_PIX_FMT_YUVJ422P ? AV_PIX_FMT_YUV422P
                : f.format() == AV_PIX_FMT_YUVJ444P ? AV_PIX_FMT_YUV444P : -1;
        if (plain >= 0) {
            f.format(plain);
            f.color_range(AVCOL_RANGE_JPEG);
        }
    }

    private void encode(AVFrame f) {
        if (encoder == null) {
            openVideo(f); // audio opened at once
        }
        if (video) {
            if (f.pts() <= lastPts) {
                return; // a picture at the same time (a camera's duplicate): the muxer takes strictly rising times
            }
            lastPts = f.pts();
            // a decoder's I picture (every MJPEG one) would force an IDR each time: the encoder's GOP decides
            f.pict_type(frames == 0 ? AV_PICTURE_TYPE_I : AV_PICTURE_TYPE_NONE);
        }
        frames++;
        encoder.encode(f, this::packet);
    }

    private void packet(AVPacket p) {
        long pts = p.pts() != AV_NOPTS_VALUE ? p.pts() : p.dts();
        long dts = p.dts() != AV_NOPTS_VALUE ? p.dts() : pts;
        if (pts == AV_NOPTS_VALUE) {
            return;
        }
        byte[] data = new byte[p.size()];
        p.data().get(data);
        boolean key = video ? (p.flags() & AV_PKT_FLAG_KEY) != 0 : true;
        FrameProps props = new FrameProps(source.index(), pts, dts, p.duration(), encoderTimeBase, key, frames, encoded,
                null, false, discontinuity);
        discontinuity = false;
        out.accept(new MediaPacket(props, video ? MediaType.VIDEO : MediaType.AUDIO, data,
                key ? AV_PKT_FLAG_KEY : 0));
    }

    /** H.264 at live settings for pictures like {@code f} (the filter's output: even size, yuv420p). */
    private void openVideo(AVFrame f) {
        AVCodec codec = Encoder.find("h264", AV_CODEC_ID_H264);
        boolean openh264 = codec.name().getString().equals("libopenh264");
        // 0.1 bit per pixel: 640x360@25 gets 576 kbit/s, 1080p@25 5 Mbit/s; within 200 kbit/s to 8 Mbit/s
        long bitRate = Math.max(200_000, Math.min(8_000_000,
                (long) (f.width() * (long) f.height() * rate.toDouble() * 0.1)));
        int gop = Math.max(1, (int) Math.round(rate.toDouble())); // a key frame every second: a joiner waits less
        // openh264 encodes constrained baseline whatever it is asked (it warns about profile=578); its bit rate mode
        // holds the rate only where it may skip pictures, which live video must not: the rate is a target
        Map<String, String> options = openh264 ? Map.of("rc_mode", "bitrate")
                : Map.of("preset", "veryfast", "tune", "zerolatency");
        encoderTimeBase = filter.outputTimeBase();
        encoder = Encoder.openVideo(codec, new Encoder.VideoSettings(f.width(), f.height(), AV_PIX_FMT_YUV420P,
                encoderTimeBase, rate, bitRate, gop, 0, true, options, f.colorspace(), AVCOL_RANGE_MPEG, null), null);
        encoded = describe(f.width(), f.height());
    }

    /** The audio graph and encoder: Opus at 48 kHz (mono or stereo) in frames of the encoder's size. */
    private SimpleFilterGraph openAudio() {
        AVCodec codec = avcodec_find_encoder_by_name("libopus");
        boolean opus = codec != null && !codec.isNull();
        if (!opus) {
            codec = Encoder.find("aac", 0); // FFmpeg's own AAC encoder, in every build
        }
        int channels = Math.max(1, Math.min(2, source.channels()));
        int sampleRate = opus ? OPUS_RATE : Encoder.supportedSampleRate(codec, Math.max(source.sampleRate(), 8000));
        int format = Encoder.preferredSampleFormat(codec);
        AVChannelLayout layout = new AVChannelLayout();
        try {
            av_channel_layout_default(layout, channels);
            encoder = Encoder.openAudio(codec, format, sampleRate, layout, 32_000L * channels, true, Map.of(), null);
        } finally {
            av_channel_layout_uninit(layout);
            layout.close();
        }
        encoderTimeBase = new Rational(1, sampleRate);
        encoded = describe(0, 0);
        int frameSize = encoder.context().frame_size() > 0 ? encoder.context().frame_size() : 960;
        return new AudioFilter("aresample=" + sampleRate + ",aformat=sample_fmts="
                               + av_get_sample_fmt_name(format).getString() + ":channel_layouts="
                               + (channels == 1 ? "mono" : "stereo") + ",asetnsamples=n=" + frameSize + ":p=0");
    }

    /** The encoded stream as the muxer sees a demuxed one: the encoder's parameters (with its global header). */
    private StreamInfo describe(int width, int height) {
        AVCodecParameters p = avcodec_parameters_alloc();
        CodecParameters params;
        try {
            AvErrors.check(avcodec_parameters_from_context(p, encoder.context()), "Cannot read encoder parameters");
            params = CodecParameters.of(p);
        } finally {
            avcodec_parameters_free(p);
        }
        String name = video ? "h264" : params.codecId() == AV_CODEC_ID_OPUS ? "opus" : "aac";
        Rational r = video ? rate : Rational.ZERO;
        return new StreamInfo(source.index(), video ? MediaType.VIDEO : MediaType.AUDIO, name, null, null,
                encoderTimeBase, null, null, 0, r, r, r, params.bitRate(), width, height, video ? "yuv420p" : null,
                params.sampleRate(), params.channels(), null, Map.of(), params, null, null);
    }

    /** Frees the decoder, filter graph and encoder; a second call does nothing. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        decoder.close();
        free();
    }

    private void free() {
        if (filter != null) {
            filter.close();
        }
        if (encoder != null) {
            encoder.close();
        }
        av_frame_free(filtered);
        av_packet_free(pkt);
    }
}
