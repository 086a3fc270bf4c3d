package org.camelav.media.container;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_from_context;
import static org.bytedeco.ffmpeg.global.avutil.av_get_pix_fmt_name;

import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.camelav.media.AvErrors;
import org.camelav.media.AvException;
import org.camelav.media.BitStreamFilters;
import org.camelav.media.MediaItem;
import org.camelav.media.MediaType;
import org.camelav.media.Rational;
import org.camelav.media.UrlMasker;
import org.camelav.media.codec.Encoder;
import org.camelav.media.codec.PacketSink;
import org.camelav.media.video.Colorimetry;
import org.camelav.media.video.FrameBuilder;
import org.camelav.media.video.Rotation;
import org.camelav.media.video.VideoFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Encodes {@link VideoFrame}s into one output stream: one reused {@link FrameBuilder} makes each the encoder's input
 * (a reference to a leased picture already in the encoder's format and size, else one copy or conversion into an
 * encoder-owned AVFrame), which gets a strictly increasing pts, is encoded and muxed.
 */
final class VideoStreamEncoder implements StreamWriter {

    private static final Logger LOG = LoggerFactory.getLogger(VideoStreamEncoder.class);

    private final EncoderOptions opts;
    private final OutputStreamSink sink;
    private final TimestampOrigin origin;
    private final Encoder encoder;
    private final Rational encoderTimeBase;
    private final Rational frameRate;
    private final int width;
    private final int height;
    private final int pixelFormat;
    private final FrameBuilder frames;
    private final PacketSink toMuxer;
    private FilteredOutput out;
    private long lastPts = Long.MIN_VALUE;
    private long count;
    private long wallclockStart;

    VideoStreamEncoder(VideoFrame first, EncoderOptions opts, BitStreamFilters bsf, MediaOutput output,
            OutputStreamSink sink, TimestampOrigin origin) {
        this.opts = opts;
        this.sink = sink;
        this.origin = origin;
        // mp4, mkv... default to H.264: pick the best encoder the build has, never a hardware one that needs a GPU
        String name = opts.codec() == null && output.defaultVideoCodec() == AV_CODEC_ID_H264 ? "h264" : opts.codec();
        AVCodec codec = Encoder.find(name, output.defaultVideoCodec());
        width = opts.width() > 0 ? opts.width()
                : (opts.height() > 0 ? even(first.width() * opts.height() / (double) first.height()) : first.width());
        height = opts.height() > 0 ? opts.height()
                : (opts.width() > 0 ? even(first.height() * opts.width() / (double) first.width()) : first.height());
        frameRate = frameRate(first, opts);
        encoder = open(codec, first, output);
        pixelFormat = encoder.context().pix_fmt();
        encoderTimeBase = Rational.of(encoder.context().time_base());
        try {
            AvErrors.check(avcodec_parameters_from_context(sink.stream().codecpar(), encoder.context()),
                    "Cannot set stream parameters");
            Rotation.carry(first.stream(), sink.stream().codecpar());
            encoderTimeBase.copyTo(sink.stream().time_base());
            frameRate.copyTo(sink.stream().avg_frame_rate());
            frames = new FrameBuilder(width, height, pixelFormat, opts.interpolation());
            out = new FilteredOutput(sink, MediaType.VIDEO, bsf, Rational.of(encoder.context().time_base()));
            toMuxer = pkt -> out.write(pkt, encoder.context().time_base());
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        LOG.info("Encoding video {}x{} {} with {} to {}", width, height, av_get_pix_fmt_name(pixelFormat).getString(),
                encoder.name(), UrlMasker.mask(output.url()));
    }

    /**
     * Opens {@code codec}; a hardware encoder that cannot open (no device, no driver) is replaced by the fallback
     * software encoder with one warning, as Frigate's exports fall back to the CPU, unless the options forbid it.
     */
    private Encoder open(AVCodec codec, VideoFrame first, MediaOutput output) {
        try {
            return open(codec, first, output, codec);
        } catch (AvException e) {
            if (!Encoder.isHardware(codec) || opts.hwaccel() != null && !opts.hwaccel().allowSoftwareFallback()) {
                throw e;
            }
            AVCodec fallback = opts.fallbackCodec() != null ? Encoder.find(opts.fallbackCodec(), codec.id())
                    : Encoder.softwareFor(codec);
            if (fallback == null) {
                throw new AvException(e.getMessage() + "; no software encoder for this format in this build: set"
                                      + " fallbackCodec");
            }
            LOG.warn("{}; encoding with {} instead for {}", e.getMessage(), fallback.name().getString(),
                    UrlMasker.mask(output.url()));
            return open(fallback, first, output, codec);
        }
    }

    private Encoder open(AVCodec codec, VideoFrame first, MediaOutput output, AVCodec requested) {
        int format = opts.pixelFormat() != null && !opts.pixelFormat().isBlank()
                ? VideoFrame.pixelFormatId(opts.pixelFormat()) : Encoder.preferredPixelFormat(codec);
        // keep the source's clock when frames carry one, so pts pass unchanged; codecs such as mpeg4 cap den at 65535
        Rational tb = first.timeBase().isValid() && first.pts() != null && first.timeBase().den() <= 65535
                && opts.timestamps() == Timestamps.SOURCE ? first.timeBase() : frameRate.invert();
        // FFmpeg's default is one thread (libx264, libopenh264: a single core); encode like the ffmpeg CLI, with
        // -threads auto, unless codecOptions.threads says otherwise
        java.util.Map<String, Object> codecOptions = new java.util.LinkedHashMap<>(opts.codecOptions());
        codecOptions.putIfAbsent("threads", "auto");
        if (opts.chromaLocation() != null && !opts.chromaLocation().isBlank()) {
            codecOptions.putIfAbsent("chroma_sample_location", opts.chromaLocation()); // AVCodecContext option
        }
        if (codec != requested) {
            codecOptions.keySet().retainAll(java.util.Set.of("threads", "chroma_sample_location")); // the hardware encoder's options do not apply
        }
        // the stream is tagged with the matrix and range its pictures are written in, as ffmpeg tags it
        Colorimetry colour = format == first.pixelFormatId() ? first.colorimetry()
                : first.colorimetry().convertedTo(first.pixelFormatId(), format);
        return Encoder.openVideo(codec, new Encoder.VideoSettings(width, height, format, tb, frameRate, opts.bitRate(),
                opts.gopSize(), opts.maxBFrames(), output.needsGlobalHeader(), codecOptions, colour.space(),
                colour.range(), opts.pass()), output.url(), opts.hwaccel());
    }

    private static int even(double d) {
        return Math.max(2, (int) Math.round(d / 2) * 2);
    }

    private static Rational frameRate(VideoFrame v, EncoderOptions opts) {
        if (opts.frameRate() != null && !opts.frameRate().isBlank()) {
            return Rational.parse(opts.frameRate());
        }
        if (v.stream() != null && v.stream().averageRate().isValid()) {
            return v.stream().averageRate();
        }
        return new Rational(25, 1);
    }

    @Override
    public String encoderName() {
        return encoder.name();
    }

    /** Any picture: the scaler takes a new size or pixel format to the output's. */
    @Override
    public boolean accepts(MediaItem item) {
        return item instanceof VideoFrame;
    }

    @Override
    public void write(MediaItem item) {
        VideoFrame v = (VideoFrame) item;
        AVFrame frame = frames.fill(v);
        frame.pts(nextPts(v));
        try {
            encoder.encode(frame, toMuxer);
        } finally {
            frames.sent(); // the encoder holds its own reference: the decoder's picture is not kept until next frame
        }
    }

    /** pts in the encoder's time base: the frame's own, frame-rate numbering, or wall clock; always increasing. */
    private long nextPts(VideoFrame v) {
        long pts;
        if (opts.timestamps() == Timestamps.WALLCLOCK) {
            long now = System.nanoTime();
            if (count == 0) {
                wallclockStart = now;
            }
            pts = Rational.rescale(now - wallclockStart, new Rational(1, 1_000_000_000), encoderTimeBase);
        } else if (opts.timestamps() == Timestamps.SOURCE && v.pts() != null && v.timeBase().isValid()) {
            pts = origin.shift(v.pts(), v.timeBase(), encoderTimeBase);
        } else {
            pts = Rational.rescale(count, frameRate.invert(), encoderTimeBase);
        }
        // a repeated or backwards timestamp would make the muxer fail: nudge it forward instead
        if (pts <= lastPts) {
            pts = lastPts + 1;
        }
        lastPts = pts;
        count++;
        return pts;
    }

    @Override
    public void flush() {
        encoder.encode(null, toMuxer);
        out.flush();
    }

    @Override
    public void close() {
        if (out != null) {
            out.close();
        }
        if (frames != null) {
            frames.close();
        }
        encoder.close();
    }
}
