package org.camelav.media;

import static org.bytedeco.ffmpeg.global.avutil.av_get_picture_type_char;
import static org.bytedeco.ffmpeg.global.avutil.av_get_pix_fmt_name;
import static org.bytedeco.ffmpeg.global.avutil.av_image_copy_to_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_image_fill_linesizes;
import static org.bytedeco.ffmpeg.global.avutil.av_image_fill_plane_sizes;
import static org.bytedeco.ffmpeg.global.avutil.av_image_get_buffer_size;

import java.nio.ByteBuffer;

import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.SizeTPointer;

/**
 * PyAV's {@code VideoReformatter}: turns a decoded AVFrame into tightly packed pixels of the requested format and
 * size. Its {@link VideoScaler} is reused for every frame, so no native context is created per frame.
 */
public final class VideoReformatter implements AutoCloseable {

    private final int targetFormat;
    private final int targetWidth;
    private final int targetHeight;
    private final VideoScaler scaler;
    /** Packed layout of the last picture copied without swscale, so the per-frame path makes no layout calls. */
    private Layout layout;
    /** Name of the last delivered pixel format, so the per-frame path does not look it up again. */
    private int lastFormat = -1;
    private String lastFormatName;

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
        if (dw == sw && dh == sh && df == sf) {
            // nothing to convert: copy the decoder's planes straight into the Java array (one copy, no staging)
            Layout l = layout;
            if (l == null || l.format != sf || l.width != sw || l.height != sh) {
                l = layout = new Layout(sf, sw, sh);
            }
            byte[] direct = l.copy(src);
            if (direct != null) {
                return direct;
            }
            // bottom-up pictures (negative linesize, e.g. after vflip) and the like: FFmpeg's own copy
            BytePointer packed = scaler.staging(l.size);
            AvErrors.check(av_image_copy_to_buffer(packed, l.size, src.data(), src.linesize(), sf, sw, sh, 1),
                    "Cannot copy picture");
            return copyOut(packed, l.size);
        }
        int size = AvErrors.check(av_image_get_buffer_size(df, dw, dh, 1), "Invalid target picture");
        return copyOut(scaler.scaleToPacked(src, dw, dh, df, size), size);
    }

    /** Where each plane of a tightly packed picture starts, and its bytes per row and rows. */
    private static final class Layout {
        final int format;
        final int width;
        final int height;
        final int size;
        final int planes;
        final int[] rowBytes = new int[4];
        final int[] rows = new int[4];
        final boolean planar;

        Layout(int format, int width, int height) {
            this.format = format;
            this.width = width;
            this.height = height;
            this.size = AvErrors.check(av_image_get_buffer_size(format, width, height, 1), "Invalid picture");
            AvErrors.check(av_image_fill_linesizes(rowBytes, format, width), "Invalid picture");
            try (SizeTPointer sizes = new SizeTPointer(4); SizeTPointer lines = new SizeTPointer(4)) {
                for (int i = 0; i < 4; i++) {
                    lines.put(i, rowBytes[i]);
                }
                AvErrors.check(av_image_fill_plane_sizes(sizes, format, height, lines), "Invalid picture");
                int n = 0;
                for (int i = 0; i < 4; i++) {
                    if (rowBytes[i] > 0 && sizes.get(i) > 0) {
                        rows[i] = (int) (sizes.get(i) / rowBytes[i]);
                        n = i + 1;
                    }
                }
                this.planes = n;
            }
            this.planar = planar();
        }

        /** True when the planes alone make up the packed picture (not so for palettes, which FFmpeg appends). */
        private boolean planar() {
            long sum = 0;
            for (int i = 0; i < planes; i++) {
                sum += (long) rowBytes[i] * rows[i];
            }
            return planes > 0 && sum == size;
        }

        /** The packed picture, or null when this frame needs FFmpeg's general copy (bottom-up rows, palettes). */
        byte[] copy(AVFrame src) {
            if (!planar) {
                return null;
            }
            BytePointer[] data = new BytePointer[planes];
            for (int i = 0; i < planes; i++) {
                data[i] = src.data(i);
                if (data[i] == null || data[i].isNull() || src.linesize(i) < rowBytes[i]) {
                    return null;
                }
            }
            byte[] out = new byte[size];
            int off = 0;
            for (int i = 0; i < planes; i++) {
                int line = src.linesize(i);
                int bytes = rowBytes[i];
                BytePointer p = data[i];
                if (line == bytes) {
                    p.get(out, off, bytes * rows[i]); // one contiguous block
                    off += bytes * rows[i];
                } else {
                    ByteBuffer b = p.capacity((long) line * (rows[i] - 1) + bytes).asByteBuffer();
                    for (int r = 0; r < rows[i]; r++) {
                        b.get(r * line, out, off, bytes);
                        off += bytes;
                    }
                }
            }
            return out;
        }
    }

    /** Converts a decoded AVFrame into a {@link VideoFrame} carrying {@code timing}. */
    public VideoFrame frame(AVFrame src, MediaItem.Timing timing) {
        byte[] pixels = convert(src);
        int w = outWidth(src.width(), src.height());
        int h = outHeight(src.width(), src.height());
        int df = outFormat(src.format());
        if (df != lastFormat) {
            lastFormatName = StreamInfo.string(av_get_pix_fmt_name(df));
            lastFormat = df;
        }
        String fmt = lastFormatName;
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
