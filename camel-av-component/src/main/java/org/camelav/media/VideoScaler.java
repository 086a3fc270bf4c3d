package org.camelav.media;

import static org.bytedeco.ffmpeg.global.avutil.av_image_fill_arrays;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCachedContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;

import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Owns one SwsContext, re-created only when the source or target geometry changes (sws_getCachedContext), plus the
 * native staging buffer used to hand packed Java pixels to swscale.
 */
final class VideoScaler implements AutoCloseable {

    private final int flags;
    private SwsContext sws;
    private BytePointer staging;
    private final PointerPointer<BytePointer> packedData = new PointerPointer<>(4);
    private final IntPointer packedLinesize = new IntPointer(4);

    VideoScaler(Interpolation interpolation) {
        this.flags = (interpolation == null ? Interpolation.BILINEAR : interpolation).flags;
    }

    void scale(PointerPointer<?> srcData, IntPointer srcLinesize, int sw, int sh, int sf, PointerPointer<?> dstData,
            IntPointer dstLinesize, int dw, int dh, int df) {
        sws = sws_getCachedContext(sws, sw, sh, sf, dw, dh, df, flags, null, null, (DoublePointer) null);
        if (sws == null || sws.isNull()) {
            throw new AvException("swscale cannot convert " + sw + "x" + sh + " " + sf + " to " + dw + "x" + dh + " " + df);
        }
        AvErrors.check(sws_scale(sws, srcData, srcLinesize, 0, sh, dstData, dstLinesize), "sws_scale failed");
    }

    /** Converts tightly packed pixels into {@code dst}, whose buffers the caller allocated. */
    void scale(byte[] packed, int sw, int sh, int sf, AVFrame dst, int dw, int dh, int df) {
        BytePointer buf = staging(packed.length);
        buf.position(0).put(packed, 0, packed.length);
        av_image_fill_arrays(packedData, packedLinesize, buf, sf, sw, sh, 1);
        scale(packedData, packedLinesize, sw, sh, sf, dst.data(), dst.linesize(), dw, dh, df);
    }

    /** Scales {@code src} into a tightly packed native buffer and returns that buffer (valid until the next call). */
    BytePointer scaleToPacked(AVFrame src, int dw, int dh, int df, int size) {
        BytePointer buf = staging(size);
        av_image_fill_arrays(packedData, packedLinesize, buf, df, dw, dh, 1);
        scale(src.data(), src.linesize(), src.width(), src.height(), src.format(), packedData, packedLinesize, dw, dh, df);
        return buf;
    }

    BytePointer staging(int size) {
        if (staging == null || staging.capacity() < size + 64L) {
            if (staging != null) {
                staging.close();
            }
            // 64 bytes of slack: swscale's SIMD paths may read or write a little past the last row
            staging = new BytePointer(size + 64L);
        }
        return staging;
    }

    @Override
    public void close() {
        if (sws != null) {
            sws_freeContext(sws);
            sws = null;
        }
        if (staging != null) {
            staging.close();
            staging = null;
        }
        packedData.close();
        packedLinesize.close();
    }
}
