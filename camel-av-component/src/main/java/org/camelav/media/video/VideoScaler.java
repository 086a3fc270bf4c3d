package org.camelav.media.video;

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
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_FLAG_PLANAR;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_FLAG_RGB;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVA420P;
import static org.bytedeco.ffmpeg.global.avutil.av_image_fill_arrays;
import static org.bytedeco.ffmpeg.global.avutil.av_opt_set_int;
import static org.bytedeco.ffmpeg.global.avutil.av_pix_fmt_desc_get;
import static org.bytedeco.ffmpeg.global.swscale.SWS_ACCURATE_RND;
import static org.bytedeco.ffmpeg.global.swscale.sws_alloc_context;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCoefficients;
import static org.bytedeco.ffmpeg.global.swscale.sws_init_context;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;
import static org.bytedeco.ffmpeg.global.swscale.sws_setColorspaceDetails;

import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVPixFmtDescriptor;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;
import org.camelav.media.AvErrors;
import org.camelav.media.AvException;

/**
 * Owns one SwsContext, re-created only when the source or target geometry, format or range changes, plus two
 * native staging buffers: one hands packed Java pixels to swscale, the other receives packed output.
 */
final class VideoScaler implements AutoCloseable {

    private final int flags;
    private final Colorimetry target;
    private SwsContext sws;
    /** The geometry, formats and ranges {@link #sws} was set up for: reused while they stay the same. */
    private int[] key;
    private final Packed in = new Packed();
    private final Packed out = new Packed();

    VideoScaler(Interpolation interpolation) {
        this(interpolation, null);
    }

    /** @param target the matrix and range every output is written in (JPEG: BT.601 full); null: see {@link #output} */
    VideoScaler(Interpolation interpolation, Colorimetry target) {
        this.flags = (interpolation == null ? Interpolation.BILINEAR : interpolation).flags;
        this.target = target;
    }

    /** What a conversion of a {@code sf} picture tagged {@code src} into {@code df} writes. */
    Colorimetry output(Colorimetry src, int sf, int df) {
        return target != null ? target : src.convertedTo(sf, df);
    }

    /**
     * Converts with the source's colour matrix and range ({@code src}); the output carries
     * {@code src.convertedTo(sf, df)}, as libavfilter's scale filter sets it up.
     */
    void scale(PointerPointer<?> srcData, IntPointer srcLinesize, int sw, int sh, int sf, Colorimetry src,
            PointerPointer<?> dstData, IntPointer dstLinesize, int dw, int dh, int df) {
        // the yuvj* formats are yuv* with full range: set the range as an option instead, as libavfilter's scale
        // filter does, or swscale warns "deprecated pixel format used" each time it sets up
        Colorimetry dst = output(src, sf, df);
        ensureContext(new int[] { sw, sh, PixelFormats.limitedTwin(sf), src.isFullRange(sf) ? 1 : 0, src.space(), dw,
            dh, PixelFormats.limitedTwin(df), dst.isFullRange(df) ? 1 : 0, dst.space() });
        PictureCopyDiagnostics.conversion();
        AvErrors.check(sws_scale(sws, srcData, srcLinesize, 0, sh, dstData, dstLinesize), "sws_scale failed");
    }

    /** Converts tightly packed pixels into {@code dst}, whose buffers the caller allocated. */
    void scale(byte[] packed, int sw, int sh, int sf, Colorimetry c, AVFrame dst, int dw, int dh, int df) {
        in.load(packed, sf, sw, sh);
        scale(in.data, in.linesize, sw, sh, sf, c, dst.data(), dst.linesize(), dw, dh, df);
        output(c, sf, df).tag(dst);
    }

    /** Converts a tightly packed picture in native memory (e.g. a pooled buffer) into {@code dst}. */
    void scale(BytePointer packed, int sw, int sh, int sf, Colorimetry c, AVFrame dst, int dw, int dh, int df) {
        av_image_fill_arrays(in.data, in.linesize, packed, sf, sw, sh, 1);
        scale(in.data, in.linesize, sw, sh, sf, c, dst.data(), dst.linesize(), dw, dh, df);
        output(c, sf, df).tag(dst);
    }

    /** Converts a decoded picture into {@code dst}, with the picture's own matrix and range; tags {@code dst}. */
    void scale(AVFrame src, AVFrame dst, int dw, int dh, int df) {
        Colorimetry c = Colorimetry.of(src);
        scale(src.data(), src.linesize(), src.width(), src.height(), src.format(), c, dst.data(), dst.linesize(), dw,
                dh, df);
        output(c, src.format(), df).tag(dst);
    }

    /** Scales {@code src} into {@code dst}, native memory the caller owns, as a tightly packed picture. */
    void scaleTo(AVFrame src, BytePointer dst, int dw, int dh, int df) {
        av_image_fill_arrays(out.data, out.linesize, dst, df, dw, dh, 1);
        scale(src.data(), src.linesize(), src.width(), src.height(), src.format(), Colorimetry.of(src), out.data,
                out.linesize, dw, dh, df);
    }

    /** Scales {@code src} into a tightly packed native buffer and returns that buffer (valid until the next call). */
    BytePointer scaleToPacked(AVFrame src, int dw, int dh, int df, int size) {
        out.layout(df, dw, dh, size);
        scale(src.data(), src.linesize(), src.width(), src.height(), src.format(), Colorimetry.of(src), out.data,
                out.linesize, dw, dh, df);
        return out.buf;
    }

    /** Packed pixels to packed pixels (PyAV's {@code frame.reformat}); the result is valid until the next call. */
    BytePointer scalePacked(byte[] packed, int sw, int sh, int sf, Colorimetry c, int dw, int dh, int df, int size) {
        in.load(packed, sf, sw, sh);
        out.layout(df, dw, dh, size);
        scale(in.data, in.linesize, sw, sh, sf, c, out.data, out.linesize, dw, dh, df);
        return out.buf;
    }

    /** A packed picture in native memory (e.g. a pooled buffer) to packed pixels; valid until the next call. */
    BytePointer scalePacked(BytePointer packed, int sw, int sh, int sf, Colorimetry c, int dw, int dh, int df,
            int size) {
        av_image_fill_arrays(in.data, in.linesize, packed, sf, sw, sh, 1);
        out.layout(df, dw, dh, size);
        scale(in.data, in.linesize, sw, sh, sf, c, out.data, out.linesize, dw, dh, df);
        return out.buf;
    }

    /** The output staging buffer, at least {@code size} bytes (for straight copies that need no swscale). */
    BytePointer staging(int size) {
        return out.buffer(size);
    }

    /** @param wanted sw, sh, sf, srcFull, srcSpace, dw, dh, df, dstFull, dstSpace */
    private void ensureContext(int[] wanted) {
        if (sws != null && java.util.Arrays.equals(key, wanted)) {
            return;
        }
        freeContext();
        SwsContext ctx = sws_alloc_context();
        if (ctx == null || ctx.isNull()) {
            throw new AvException("Cannot allocate SwsContext");
        }
        sws = ctx;
        String[] names = { "srcw", "srch", "src_format", "src_range", "dstw", "dsth", "dst_format", "dst_range" };
        int[] values = { wanted[0], wanted[1], wanted[2], wanted[3], wanted[5], wanted[6], wanted[7], wanted[8] };
        for (int i = 0; i < names.length; i++) {
            AvErrors.check(av_opt_set_int(ctx, names[i], values[i], 0), "Cannot set swscale option " + names[i]);
        }
        AvErrors.check(av_opt_set_int(ctx, "sws_flags", flagsFor(wanted[2], wanted[5], wanted[7]), 0),
                "Cannot set swscale flags");
        int ret = sws_init_context(ctx, null, null);
        if (ret < 0) {
            freeContext();
            throw AvErrors.exception("swscale cannot convert " + wanted[0] + "x" + wanted[1] + " format " + wanted[2]
                                     + " to " + wanted[5] + "x" + wanted[6] + " format " + wanted[7], ret, null);
        }
        // the matrices, as libavfilter's scale filter passes them: AVColorSpace values index swscale's table, an
        // unspecified one (or an RGB side, where swscale ignores it) gives BT.601; returns -1 where nothing applies
        sws_setColorspaceDetails(ctx, sws_getCoefficients(wanted[4]), wanted[3], sws_getCoefficients(wanted[9]),
                wanted[8], 0, 1 << 16, 1 << 16);
        key = wanted;
    }

    /**
     * swscale's x86 shortcut from yuv420p/yuv422p/yuva420p to packed RGB converts rows in blocks of 8 pixels and, when
     * a destination row has no room for a whole last block (a tightly packed picture whose width is not a multiple of
     * 8), leaves the last pixels of every row unwritten: whatever the buffer held shows there. ACCURATE_RND keeps
     * swscale off that path for such widths (the CLI escapes it by padding rows instead).
     */
    private int flagsFor(int sf, int dw, int df) {
        boolean yuv = sf == AV_PIX_FMT_YUV420P || sf == AV_PIX_FMT_YUV422P || sf == AV_PIX_FMT_YUVA420P;
        AVPixFmtDescriptor d = av_pix_fmt_desc_get(df);
        boolean packedRgb = d != null && (d.flags() & AV_PIX_FMT_FLAG_RGB) != 0
                            && (d.flags() & AV_PIX_FMT_FLAG_PLANAR) == 0;
        return yuv && packedRgb && dw % 8 != 0 ? flags | SWS_ACCURATE_RND : flags;
    }

    private void freeContext() {
        if (sws != null) {
            sws_freeContext(sws);
            sws = null;
            key = null;
        }
    }

    @Override
    public void close() {
        freeContext();
        in.close();
        out.close();
    }

    /** A native buffer holding one tightly packed picture, with the plane pointers swscale wants. */
    private static final class Packed implements AutoCloseable {
        BytePointer buf;
        final PointerPointer<BytePointer> data = new PointerPointer<>(4);
        final IntPointer linesize = new IntPointer(4);

        BytePointer buffer(int size) {
            if (buf == null || buf.capacity() < size + 64L) {
                if (buf != null) {
                    buf.close();
                }
                // 64 bytes of slack: swscale's SIMD paths may read or write a little past the last row
                buf = new BytePointer(size + 64L);
            }
            return buf;
        }

        void layout(int format, int w, int h, int size) {
            av_image_fill_arrays(data, linesize, buffer(size), format, w, h, 1);
        }

        void load(byte[] packed, int format, int w, int h) {
            PictureCopyDiagnostics.copy(); // Java memory cannot be handed to swscale: it reads a native copy
            // through a ByteBuffer view (the buffer's own capacity stays): no JNI array pinning (see PackedLayout)
            new BytePointer(buffer(packed.length)).position(0).capacity(packed.length).asByteBuffer()
                    .put(0, packed, 0, packed.length);
            layout(format, w, h, packed.length);
        }

        @Override
        public void close() {
            if (buf != null) {
                buf.close();
                buf = null;
            }
            data.close();
            linesize.close();
        }
    }
}
