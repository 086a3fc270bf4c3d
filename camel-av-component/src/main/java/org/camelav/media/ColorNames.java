package org.camelav.media;

import static org.bytedeco.ffmpeg.global.avutil.AVCOL_RANGE_UNSPECIFIED;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_UNSPECIFIED;
import static org.bytedeco.ffmpeg.global.avutil.av_color_range_name;
import static org.bytedeco.ffmpeg.global.avutil.av_color_space_name;

import org.bytedeco.javacpp.BytePointer;

/** FFmpeg's names of colour matrices and ranges, as ffprobe prints them; null for unspecified or unknown values. */
public final class ColorNames {

    private ColorNames() {
    }

    /** {@code bt709}, {@code gbr}...; null when unspecified. */
    public static String space(int space) {
        return space == AVCOL_SPC_UNSPECIFIED ? null : name(av_color_space_name(space));
    }

    /** {@code tv} or {@code pc}; null when unspecified. */
    public static String range(int range) {
        return range == AVCOL_RANGE_UNSPECIFIED ? null : name(av_color_range_name(range));
    }

    private static String name(BytePointer p) {
        return p == null || p.isNull() ? null : p.getString();
    }
}
