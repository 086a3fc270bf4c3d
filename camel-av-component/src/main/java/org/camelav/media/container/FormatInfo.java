package org.camelav.media.container;

import static org.bytedeco.ffmpeg.global.avformat.av_demuxer_iterate;
import static org.bytedeco.ffmpeg.global.avformat.av_muxer_iterate;
import static org.bytedeco.ffmpeg.global.avutil.AV_CLASS_CATEGORY_DEVICE_AUDIO_INPUT;
import static org.bytedeco.ffmpeg.global.avutil.AV_CLASS_CATEGORY_DEVICE_AUDIO_OUTPUT;
import static org.bytedeco.ffmpeg.global.avutil.AV_CLASS_CATEGORY_DEVICE_INPUT;
import static org.bytedeco.ffmpeg.global.avutil.AV_CLASS_CATEGORY_DEVICE_OUTPUT;
import static org.bytedeco.ffmpeg.global.avutil.AV_CLASS_CATEGORY_DEVICE_VIDEO_INPUT;
import static org.bytedeco.ffmpeg.global.avutil.AV_CLASS_CATEGORY_DEVICE_VIDEO_OUTPUT;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.bytedeco.ffmpeg.avutil.AVClass;
import org.bytedeco.javacpp.BytePointer;
import org.camelav.media.Ffmpeg;
import org.camelav.media.StreamInfo;

/**
 * One container format or device of this FFmpeg build, as {@code ffmpeg -formats} lists it: a demuxer and a muxer of
 * the same name are one entry (PyAV's {@code ContainerFormat}, listed by {@code av.formats_available}).
 *
 * @param name       what {@code format=} takes: {@code mp4}, {@code mpegts}, {@code lavfi}; a demuxer may have several
 *                   comma-separated names ({@code mov,mp4,m4a,3gp,3g2,mj2})
 * @param longName   FFmpeg's description (the demuxer's when both exist)
 * @param demuxer    it can be read
 * @param muxer      it can be written
 * @param device     a capture or playback device of libavdevice (v4l2, alsa, lavfi...)
 * @param extensions file name extensions FFmpeg associates with it
 * @param mimeType   the muxer's MIME type, or null
 */
public record FormatInfo(String name, String longName, boolean demuxer, boolean muxer, boolean device,
        List<String> extensions, String mimeType) {

    /** Every format of this build, by name. */
    public static List<FormatInfo> all() {
        Ffmpeg.devicesAvailable(); // the devices too
        Map<String, FormatInfo> byName = new TreeMap<>();
        Ffmpeg.iterate(o -> av_demuxer_iterate(o)).forEach(f -> merge(byName, new FormatInfo(
                StreamInfo.string(f.name()), StreamInfo.string(f.long_name()), true, false, device(f.priv_class()),
                list(f.extensions()), StreamInfo.string(f.mime_type()))));
        Ffmpeg.iterate(o -> av_muxer_iterate(o)).forEach(f -> merge(byName, new FormatInfo(
                StreamInfo.string(f.name()), StreamInfo.string(f.long_name()), false, true, device(f.priv_class()),
                list(f.extensions()), StreamInfo.string(f.mime_type()))));
        return List.copyOf(byName.values());
    }

    private static void merge(Map<String, FormatInfo> byName, FormatInfo f) {
        byName.merge(f.name(), f, (a, b) -> {
            List<String> ext = new ArrayList<>(a.extensions());
            b.extensions().stream().filter(e -> !ext.contains(e)).forEach(ext::add);
            return new FormatInfo(a.name(), a.longName() != null ? a.longName() : b.longName(),
                    a.demuxer() || b.demuxer(), a.muxer() || b.muxer(), a.device() || b.device(), ext,
                    a.mimeType() != null ? a.mimeType() : b.mimeType());
        });
    }

    /** Devices are told apart by their AVClass category, as fftools' opt_common.c does. */
    private static boolean device(AVClass c) {
        if (c == null || c.isNull()) {
            return false;
        }
        int k = c.category();
        return k == AV_CLASS_CATEGORY_DEVICE_VIDEO_OUTPUT || k == AV_CLASS_CATEGORY_DEVICE_VIDEO_INPUT
               || k == AV_CLASS_CATEGORY_DEVICE_AUDIO_OUTPUT || k == AV_CLASS_CATEGORY_DEVICE_AUDIO_INPUT
               || k == AV_CLASS_CATEGORY_DEVICE_OUTPUT || k == AV_CLASS_CATEGORY_DEVICE_INPUT;
    }

    private static List<String> list(BytePointer commaSeparated) {
        String s = StreamInfo.string(commaSeparated);
        return s == null || s.isBlank() ? List.of() : List.of(s.split(","));
    }
}
