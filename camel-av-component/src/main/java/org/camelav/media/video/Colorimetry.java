package org.camelav.media.video;

import static org.bytedeco.ffmpeg.global.avutil.AVCOL_RANGE_JPEG;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_RANGE_MPEG;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_RANGE_UNSPECIFIED;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_RGB;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_UNSPECIFIED;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_FLAG_RGB;
import static org.bytedeco.ffmpeg.global.avutil.av_pix_fmt_desc_get;

import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVPixFmtDescriptor;
import org.camelav.media.ColorNames;

/**
 * What a picture's numbers mean: its colour matrix (AVColorSpace: bt709, bt470bg, bt2020nc...) and range
 * (AVColorRange: tv = limited, pc = full), as FFmpeg tags frames and streams. swscale must be told both, or it takes
 * every picture for BT.601 limited range: HD cameras' colours shift, full-range VP9/AV1/HEVC look washed out.
 *
 * @param space an AVCOL_SPC_* value
 * @param range an AVCOL_RANGE_* value
 */
public record Colorimetry(int space, int range) {

    /** Nothing known: swscale's defaults (BT.601, limited range for YUV). */
    public static final Colorimetry UNSPECIFIED = new Colorimetry(AVCOL_SPC_UNSPECIFIED, AVCOL_RANGE_UNSPECIFIED);
    /** What RGB and other packed-colour pictures carry. */
    public static final Colorimetry RGB = new Colorimetry(AVCOL_SPC_RGB, AVCOL_RANGE_JPEG);

    public static Colorimetry of(AVFrame f) {
        return f.colorspace() == AVCOL_SPC_UNSPECIFIED && f.color_range() == AVCOL_RANGE_UNSPECIFIED ? UNSPECIFIED
                : new Colorimetry(f.colorspace(), f.color_range());
    }

    /** Whether a picture of {@code format} with these tags holds full-range values (the yuvj* formats always do). */
    boolean isFullRange(int format) {
        return range == AVCOL_RANGE_JPEG || PixelFormats.isFullRangeYuv(format) || isRgb(format);
    }

    /**
     * What a picture converted from this one into {@code target} carries, as libavfilter's scale filter tags its
     * output: RGB targets are RGB; YUV and gray targets keep the matrix of a YUV source (an RGB source gets swscale's
     * BT.601 and no tag) and its range, except that the yuvj* formats are full range.
     */
    public Colorimetry convertedTo(int sourceFormat, int target) {
        if (isRgb(target)) {
            return RGB;
        }
        boolean fromRgb = isRgb(sourceFormat);
        int space = fromRgb ? AVCOL_SPC_UNSPECIFIED : this.space;
        boolean full = PixelFormats.isFullRangeYuv(target) || !fromRgb && isFullRange(sourceFormat);
        return new Colorimetry(space, full ? AVCOL_RANGE_JPEG : AVCOL_RANGE_MPEG);
    }

    /** FFmpeg's name of the matrix ({@code bt709}, {@code gbr}...), null when unspecified. */
    public String spaceName() {
        return ColorNames.space(space);
    }

    /** FFmpeg's name of the range, {@code tv} or {@code pc}; null when unspecified. */
    public String rangeName() {
        return ColorNames.range(range);
    }

    /** Tags {@code f} (an encoder's input, a converted picture) with these values. */
    void tag(AVFrame f) {
        f.colorspace(space).color_range(range);
    }

    static boolean isRgb(int format) {
        AVPixFmtDescriptor d = av_pix_fmt_desc_get(format);
        return d != null && !d.isNull() && (d.flags() & AV_PIX_FMT_FLAG_RGB) != 0;
    }
}
