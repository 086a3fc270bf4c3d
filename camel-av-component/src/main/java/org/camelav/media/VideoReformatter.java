package org.camelav.media;

import static org.bytedeco.ffmpeg.global.avutil.av_get_picture_type_char;
import static org.bytedeco.ffmpeg.global.avutil.av_get_pix_fmt_name;
import static org.bytedeco.ffmpeg.global.avutil.av_image_copy_to_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_image_get_buffer_size;

import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.BytePointer;

/**
 * PyAV's {@code VideoReformatter}: turns a decoded AVFrame into tightly packed pixels of the requested format and
 * size. Its {@link VideoScaler} is reused for every frame, so no native context is created per frame.
 */
public final class VideoReformatter implements AutoCloseable {

    private final int targetFormat;
    private final int targetWidth;
    private final int targetHeight;
    private final VideoScaler scaler;

    /**
     * @param pixelFormat target pixel format name, or null to keep the decoder's
     * @param width       target width, or 0; with only one of width/height given the aspect ratio is kept
     */
    public VideoReformatter(String pixelFormat, int width, int height, Interpolation interpolation) {
        this.targetFormat = pixelFormat == null || pixelFormat.isBlank() ? -1 : VideoFrame.pixelFormatId(pixelFormat);
        this.targetWidth = Math.max(0, width);
        this.targetHeight = Math.max(0, height);
        this.scaler = new VideoScaler(interpolation);
    }

    /** Output width for a source size: the requested one, or the source's, or kept in proportion. */
    int outWidth(int w, int h) {
        if (targetWidth > 0) {
            return targetWidth;
        }
        return targetHeight > 0 ? Math.max(1, (int) Math.round((double) w * targetHeight / h)) : w;
    }

    int outHeight(int w, int h) {
        if (targetHeight > 0) {
            return targetHeight;
        }
        return targetWidth > 0 ? Math.max(1, (int) Math.round((double) h * targetWidth / w)) : h;
    }

    int outFormat(int srcFormat) {
        return targetFormat >= 0 ? targetFormat : srcFormat;
    }

    /** Converts {@code src} and returns the packed pixels; the caller keeps ownership of {@code src}. */
    public byte[] convert(AVFrame src) {
        int sw = src.width();
        int sh = src.height();
        int sf = src.format();
        int dw = outWidth(sw, sh);
        int dh = outHeight(sw, sh);
        int df = outFormat(sf);
        int size = AvErrors.check(av_image_get_buffer_size(df, dw, dh, 1), "Invalid target picture");
        BytePointer packed;
        if (dw == sw && dh == sh && df == sf) {
            packed = scaler.staging(size);
            AvErrors.check(av_image_copy_to_buffer(packed, size, src.data(), src.linesize(), sf, sw, sh, 1),
                    "Cannot copy picture");
        } else {
            packed = scaler.scaleToPacked(src, dw, dh, df, size);
        }
        return copyOut(packed, size);
    }

    /** Converts a decoded AVFrame into a {@link VideoFrame} carrying {@code timing}. */
    public VideoFrame frame(AVFrame src, MediaItem.Timing timing) {
        byte[] pixels = convert(src);
        int w = outWidth(src.width(), src.height());
        int h = outHeight(src.width(), src.height());
        String fmt = StreamInfo.string(av_get_pix_fmt_name(outFormat(src.format())));
        char pict = (char) av_get_picture_type_char(src.pict_type());
        return new VideoFrame(timing, w, h, fmt, pixels, pict == '?' ? null : String.valueOf(pict));
    }

    /**
     * PyAV's {@code frame.reformat}: the same picture in the target format and size, with the same timestamps; the frame
     * itself when nothing changes.
     */
    public VideoFrame reformat(VideoFrame src) {
        int sw = src.width();
        int sh = src.height();
        int sf = VideoFrame.pixelFormatId(src.pixelFormat());
        int dw = outWidth(sw, sh);
        int dh = outHeight(sw, sh);
        int df = outFormat(sf);
        if (dw == sw && dh == sh && df == sf) {
            return src;
        }
        int size = AvErrors.check(av_image_get_buffer_size(df, dw, dh, 1), "Invalid target picture");
        byte[] pixels = copyOut(scaler.scalePacked(src.data(), sw, sh, sf, dw, dh, df, size), size);
        return new VideoFrame(src.timing(), dw, dh, StreamInfo.string(av_get_pix_fmt_name(df)), pixels, src.pictType());
    }

    private static byte[] copyOut(BytePointer packed, int size) {
        byte[] out = new byte[size];
        packed.position(0).get(out, 0, size);
        return out;
    }

    @Override
    public void close() {
        scaler.close();
    }
}
