package org.camelav.media.codec;

import static org.bytedeco.ffmpeg.global.avcodec.SUBTITLE_ASS;
import static org.bytedeco.ffmpeg.global.avcodec.SUBTITLE_BITMAP;
import static org.bytedeco.ffmpeg.global.avcodec.SUBTITLE_TEXT;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_decode_subtitle2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;
import static org.bytedeco.ffmpeg.global.avcodec.avsubtitle_free;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avcodec.AVSubtitle;
import org.bytedeco.ffmpeg.avcodec.AVSubtitleRect;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.camelav.media.AvErrors;
import org.camelav.media.FrameProps;
import org.camelav.media.Rational;
import org.camelav.media.subtitles.AssText;
import org.camelav.media.subtitles.Subtitle;
import org.camelav.media.subtitles.SubtitleBitmap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes one subtitle stream with {@code avcodec_decode_subtitle2}, which FFmpeg 8 still keeps apart from the
 * send/receive loop of audio and video (PyAV's {@code SubtitleCodecContext.decode} calls it the same way). Packets it
 * rejects are counted and skipped, as the CLI does.
 */
public final class SubtitleDecoder implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SubtitleDecoder.class);
    private static final Rational MICROS = new Rational(1, 1_000_000);

    /** Builds an item's properties from its pts and duration in the stream's time base. */
    @FunctionalInterface
    public interface Timing {
        FrameProps props(long pts, long duration);
    }

    private AVCodecContext ctx;
    private final String name;
    private final Rational timeBase;
    private final AVSubtitle sub = new AVSubtitle();
    private final IntPointer got = new IntPointer(1);
    private long errors;

    public SubtitleDecoder(AVStream stream, Map<String, ?> options, String url) {
        AVCodec codec = avcodec_find_decoder(stream.codecpar().codec_id());
        if (codec == null || codec.isNull()) {
            throw AvErrors.exception("No subtitle decoder for codec id " + stream.codecpar().codec_id() + " (stream #"
                                     + stream.index() + ")", AvErrors.DECODER_NOT_FOUND, url);
        }
        this.timeBase = Rational.of(stream.time_base());
        CodecContext.Opened o = CodecContext.open(codec, options, "Cannot open decoder " + codec.name().getString(),
                url, c -> {
                    AvErrors.check(avcodec_parameters_to_context(c, stream.codecpar()), "Cannot configure decoder",
                            url);
                    c.pkt_timebase(stream.time_base());
                });
        this.ctx = o.ctx();
        this.name = o.name();
    }

    public String name() {
        return name;
    }

    /** Packets rejected as corrupt so far. */
    public long errors() {
        return errors;
    }

    /** The subtitle {@code pkt} completes, or null (none yet, or a rejected packet). */
    public Subtitle decode(AVPacket pkt, Timing timing) {
        int ret = avcodec_decode_subtitle2(ctx, sub, got, pkt);
        if (ret < 0) {
            errors++;
            LOG.debug("Subtitle decoder {} skipped a packet it rejected: {}", name, AvErrors.describe(ret));
            return null;
        }
        if (got.get() == 0) {
            return null;
        }
        try {
            List<String> events = new ArrayList<>();
            List<SubtitleBitmap> bitmaps = new ArrayList<>();
            for (int i = 0; i < sub.num_rects(); i++) {
                AVSubtitleRect r = sub.rects(i);
                if (r.type() == SUBTITLE_ASS && r.ass() != null && !r.ass().isNull()) {
                    events.add(r.ass().getString(java.nio.charset.StandardCharsets.UTF_8));
                } else if (r.type() == SUBTITLE_TEXT && r.text() != null && !r.text().isNull()) {
                    events.add(AssText.event(i, r.text().getString(java.nio.charset.StandardCharsets.UTF_8)));
                } else if (r.type() == SUBTITLE_BITMAP && r.w() > 0 && r.h() > 0) {
                    bitmaps.add(bitmap(r));
                }
            }
            // AVSubtitle.pts is in AV_TIME_BASE, the display times in ms after it (libavcodec/avcodec.h)
            long base = sub.pts() != AV_NOPTS_VALUE ? sub.pts()
                    : pkt.pts() == AV_NOPTS_VALUE ? AV_NOPTS_VALUE : Rational.rescale(pkt.pts(), timeBase, MICROS);
            long startMs = Integer.toUnsignedLong(sub.start_display_time());
            long endMs = Integer.toUnsignedLong(sub.end_display_time());
            long pts = base == AV_NOPTS_VALUE ? AV_NOPTS_VALUE
                    : Rational.rescale(base + startMs * 1000, MICROS, timeBase);
            // end 0 or UINT32_MAX: shown until the next one (DVB); the packet's duration when it has one
            long duration = endMs > startMs && endMs != 0xFFFFFFFFL
                    ? Rational.rescale((endMs - startMs) * 1000, MICROS, timeBase) : Math.max(0, pkt.duration());
            return new Subtitle(timing.props(pts, duration), events, bitmaps);
        } finally {
            avsubtitle_free(sub);
        }
    }

    /** A PAL8 picture and its palette (uint32 ARGB per entry, native order: B, G, R, A bytes here) as packed BGRA. */
    private static SubtitleBitmap bitmap(AVSubtitleRect r) {
        int w = r.w();
        int h = r.h();
        int stride = r.linesize(0);
        BytePointer pixels = r.data(0).capacity((long) stride * h);
        byte[] palette = new byte[Math.max(0, r.nb_colors()) * 4];
        r.data(1).capacity(palette.length).get(palette);
        byte[] row = new byte[w];
        byte[] bgra = new byte[w * h * 4];
        for (int y = 0; y < h; y++) {
            pixels.position((long) y * stride).get(row);
            for (int x = 0; x < w; x++) {
                int index = row[x] & 0xff;
                if (index * 4 + 3 < palette.length) {
                    System.arraycopy(palette, index * 4, bgra, (y * w + x) * 4, 4);
                }
            }
        }
        return new SubtitleBitmap(r.x(), r.y(), w, h, bgra);
    }

    @Override
    public void close() {
        if (ctx != null) {
            avcodec_free_context(ctx);
            ctx = null;
        }
        got.close();
        sub.close();
    }
}
