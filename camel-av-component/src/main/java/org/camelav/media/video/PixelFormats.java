package org.camelav.media.video;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_NB;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV411P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV422P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV440P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV444P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ411P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ420P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ422P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ440P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ444P;
import static org.bytedeco.ffmpeg.global.avutil.av_get_pix_fmt;
import static org.bytedeco.ffmpeg.global.avutil.av_get_pix_fmt_name;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;

import org.camelav.media.Ffmpeg;
import org.camelav.media.StreamInfo;

/**
 * AVPixelFormat ids and their names, both ways, each looked up in FFmpeg once: frames carry the id, and headers or
 * users asking for the name per frame get a cached string instead of a native call.
 */
final class PixelFormats {

    private static final AtomicReferenceArray<String> NAMES = new AtomicReferenceArray<>(AV_PIX_FMT_NB);
    private static final ConcurrentHashMap<String, Integer> IDS = new ConcurrentHashMap<>();

    private PixelFormats() {
    }

    /** The id of a pixel format name, or an IllegalArgumentException for a name FFmpeg does not know. */
    static int id(String name) {
        Integer cached = IDS.get(name);
        if (cached != null) {
            return cached;
        }
        Ffmpeg.init();
        int id = av_get_pix_fmt(name);
        if (id < 0) {
            throw new IllegalArgumentException("Unknown pixel format '" + name + "'");
        }
        if (IDS.size() < 256) { // names come from users too: bound the cache
            IDS.put(name, id);
        }
        return id;
    }

    /** FFmpeg's name of a pixel format id, or null for none. */
    static String name(int id) {
        if (id < 0 || id >= NAMES.length()) {
            return id < 0 ? null : StreamInfo.string(av_get_pix_fmt_name(id));
        }
        String name = NAMES.get(id);
        if (name == null) {
            name = StreamInfo.string(av_get_pix_fmt_name(id));
            NAMES.set(id, name);
        }
        return name;
    }

    /** Whether {@code format} is one of the deprecated full-range yuvj* formats. */
    static boolean isFullRangeYuv(int format) {
        return limitedTwin(format) != format;
    }

    /** The yuv* format with the same layout as a yuvj* one; other formats map to themselves. */
    static int limitedTwin(int format) {
        if (format == AV_PIX_FMT_YUVJ420P) {
            return AV_PIX_FMT_YUV420P;
        } else if (format == AV_PIX_FMT_YUVJ422P) {
            return AV_PIX_FMT_YUV422P;
        } else if (format == AV_PIX_FMT_YUVJ444P) {
            return AV_PIX_FMT_YUV444P;
        } else if (format == AV_PIX_FMT_YUVJ440P) {
            return AV_PIX_FMT_YUV440P;
        } else if (format == AV_PIX_FMT_YUVJ411P) {
            return AV_PIX_FMT_YUV411P;
        }
        return format;
    }
}
