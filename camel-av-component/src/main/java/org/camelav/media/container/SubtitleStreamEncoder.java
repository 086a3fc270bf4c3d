package org.camelav.media.container;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_ASS;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_MOV_TEXT;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_NONE;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_SUBRIP;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_WEBVTT;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_SSA;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_new_packet;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_from_context;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.camelav.media.AvErrors;
import org.camelav.media.AvException;
import org.camelav.media.CodecParameters;
import org.camelav.media.MediaItem;
import org.camelav.media.Rational;
import org.camelav.media.codec.Encoder;
import org.camelav.media.codec.SubtitleEncoder;
import org.camelav.media.subtitles.AssText;
import org.camelav.media.subtitles.Subtitle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Encodes text {@link Subtitle}s into one output stream (the muxer's default subtitle codec, e.g. mov_text for MP4
 * and ass for Matroska, or {@code subtitleCodec}), one packet each stamped with its start and display time, as
 * ffmpeg's do_subtitle_out writes them. Bitmap subtitles are not re-encoded: remux them in packets mode.
 */
final class SubtitleStreamEncoder implements StreamWriter {

    private static final Logger LOG = LoggerFactory.getLogger(SubtitleStreamEncoder.class);
    private static final Rational MILLIS = new Rational(1, 1000);

    private final OutputStreamSink sink;
    private final TimestampOrigin origin;
    private final SubtitleEncoder encoder;
    private AVPacket pkt = av_packet_alloc();

    SubtitleStreamEncoder(Subtitle first, EncoderOptions opts, MediaOutput output, OutputStreamSink sink,
            TimestampOrigin origin) {
        this.sink = sink;
        this.origin = origin;
        AVCodec codec = Encoder.find(opts.subtitleCodec(), textCodec(output));
        encoder = new SubtitleEncoder(codec, header(first), output.needsGlobalHeader(), Map.of());
        try {
            AvErrors.check(avcodec_parameters_from_context(sink.stream().codecpar(), encoder.context()),
                    "Cannot set stream parameters");
            sink.stream().time_base().num(1).den(1000);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        LOG.info("Encoding subtitles with {} to {}", encoder.name(), org.camelav.media.UrlMasker.mask(output.url()));
    }

    /**
     * The muxer's default subtitle codec, or where it names none (FFmpeg 8's mp4 muxer) the first text codec it can
     * store, in the order ffmpeg users expect: mov_text for MP4, then ASS, SubRip, WebVTT.
     */
    private static int textCodec(MediaOutput output) {
        if (output.defaultSubtitleCodec() != AV_CODEC_ID_NONE) {
            return output.defaultSubtitleCodec();
        }
        for (int id : new int[] { AV_CODEC_ID_MOV_TEXT, AV_CODEC_ID_ASS, AV_CODEC_ID_SUBRIP, AV_CODEC_ID_WEBVTT }) {
            if (output.canStore(id)) {
                return id;
            }
        }
        return AV_CODEC_ID_NONE;
    }

    /** An ASS/SSA source's own script header (its styles), else the one FFmpeg's text decoders use. */
    private static String header(Subtitle first) {
        CodecParameters p = first.stream() == null ? null : first.stream().codecParameters();
        if (p != null && (p.codecId() == AV_CODEC_ID_ASS || p.codecId() == AV_CODEC_ID_SSA)
            && p.extradata().length > 0) {
            return new String(p.extradata(), StandardCharsets.UTF_8);
        }
        return AssText.DEFAULT_HEADER;
    }

    @Override
    public boolean accepts(MediaItem item) {
        return item instanceof Subtitle;
    }

    @Override
    public void write(MediaItem item) {
        Subtitle s = (Subtitle) item;
        if (s.events().isEmpty()) {
            if (!s.bitmaps().isEmpty()) {
                throw new AvException("Bitmap subtitles cannot be re-encoded; remux them with mode=packets", 0, null);
            }
            return;
        }
        Long start = origin.shift(s.pts(), s.timeBase(), MILLIS);
        if (start == null) {
            LOG.debug("Dropped a subtitle without a start time");
            return;
        }
        long durationMs = Rational.rescale(s.duration(), s.timeBase(), MILLIS);
        byte[] data = encoder.encode(s.events(), durationMs);
        try {
            AvErrors.check(av_new_packet(pkt, data.length), "Cannot allocate packet");
            pkt.data().put(data, 0, data.length);
            pkt.pts(start).dts(start).duration(durationMs).flags(AV_PKT_FLAG_KEY);
            sink.write(pkt, encoder.context().time_base());
        } finally {
            av_packet_unref(pkt);
        }
    }

    @Override
    public void flush() {
        // subtitle encoders hold nothing back
    }

    @Override
    public String encoderName() {
        return encoder == null ? null : encoder.name();
    }

    @Override
    public void close() {
        if (encoder != null) {
            encoder.close();
        }
        if (pkt != null) {
            av_packet_free(pkt);
            pkt = null;
        }
    }
}
