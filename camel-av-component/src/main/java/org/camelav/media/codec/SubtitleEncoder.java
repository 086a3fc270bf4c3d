package org.camelav.media.codec;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_GLOBAL_HEADER;
import static org.bytedeco.ffmpeg.global.avcodec.SUBTITLE_ASS;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_encode_subtitle;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avsubtitle_free;
import static org.bytedeco.ffmpeg.global.avutil.av_malloc;
import static org.bytedeco.ffmpeg.global.avutil.av_mallocz;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVSubtitle;
import org.bytedeco.ffmpeg.avcodec.AVSubtitleRect;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;
import org.camelav.media.AvErrors;
import org.camelav.media.AvException;

/**
 * A text subtitle encoder (subrip, ass, mov_text, webvtt...) fed with ASS events through
 * {@code avcodec_encode_subtitle}, as ffmpeg's do_subtitle_out feeds it: display times relative to the subtitle's own
 * pts, in milliseconds. The context's time base is milliseconds.
 */
public final class SubtitleEncoder implements AutoCloseable {

    /** Room for one encoded subtitle; ffmpeg's CLI uses 1 MiB for the same call. */
    private static final int BUFFER = 1 << 20;

    private AVCodecContext ctx;
    private final String name;
    private final BytePointer out = new BytePointer(BUFFER);

    /**
     * @param assHeader    the script header ({@code subtitle_header}); the ass and mov_text encoders need one
     * @param globalHeader the muxer wants codec headers in extradata
     */
    public SubtitleEncoder(AVCodec codec, String assHeader, boolean globalHeader, Map<String, ?> options) {
        CodecContext.Opened o = CodecContext.open(codec, options, "Cannot open encoder " + codec.name().getString(),
                null, c -> {
                    c.time_base().num(1).den(1000);
                    byte[] h = assHeader.getBytes(StandardCharsets.UTF_8);
                    // owned by the context from here on: avcodec_free_context frees it with av_freep
                    BytePointer copy = new BytePointer(av_mallocz(h.length + 1)).capacity(h.length + 1);
                    copy.put(h, 0, h.length);
                    c.subtitle_header(copy).subtitle_header_size(h.length);
                    if (globalHeader) {
                        c.flags(c.flags() | AV_CODEC_FLAG_GLOBAL_HEADER);
                    }
                });
        this.ctx = o.ctx();
        this.name = o.name();
    }

    public String name() {
        return name;
    }

    /** Whether this FFmpeg has a subtitle encoder of that name (srt, ass, mov_text, webvtt, dvbsub...). */
    public static boolean exists(String encoderName) {
        org.camelav.media.Ffmpeg.init();
        AVCodec c = org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name(encoderName);
        return c != null && !c.isNull() && c.type() == org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_SUBTITLE;
    }

    public AVCodecContext context() {
        return ctx;
    }

    /** Encodes {@code events} (ASS form) shown for {@code durationMs}; returns the packet's bytes. */
    public byte[] encode(List<String> events, long durationMs) {
        AVSubtitle sub = new AVSubtitle();
        try {
            sub.start_display_time(0).end_display_time((int) Math.min(durationMs, 0xFFFFFFFFL));
            if (!events.isEmpty()) {
                // allocated with av_malloc as avsubtitle_free expects, which frees them all
                Pointer rects = av_mallocz((long) events.size() * org.bytedeco.javacpp.Loader.sizeof(Pointer.class));
                if (rects == null || rects.isNull()) {
                    throw new AvException("Cannot allocate subtitle");
                }
                PointerPointer<Pointer> array = new PointerPointer<>(rects).capacity(events.size());
                sub.rects(array).num_rects(events.size());
                for (int i = 0; i < events.size(); i++) {
                    AVSubtitleRect r = new AVSubtitleRect(av_mallocz(Pointer.sizeof(AVSubtitleRect.class)));
                    array.put(i, r);
                    r.type(SUBTITLE_ASS).ass(strdup(events.get(i)));
                }
            }
            int n = avcodec_encode_subtitle(ctx, out, BUFFER, sub);
            AvErrors.check(n, "Cannot encode subtitle with " + name);
            byte[] data = new byte[n];
            out.position(0).get(data);
            return data;
        } finally {
            avsubtitle_free(sub);
            sub.close();
        }
    }

    private static BytePointer strdup(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        BytePointer p = new BytePointer(av_malloc(b.length + 1)).capacity(b.length + 1);
        p.put(b, 0, b.length).put(b.length, (byte) 0);
        return p;
    }

    @Override
    public void close() {
        if (ctx != null) {
            avcodec_free_context(ctx);
            ctx = null;
        }
        out.close();
    }
}
