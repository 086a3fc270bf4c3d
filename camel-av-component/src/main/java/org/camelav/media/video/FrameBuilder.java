package org.camelav.media.video;

import static org.bytedeco.ffmpeg.global.avutil.AV_PICTURE_TYPE_NONE;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_is_writable;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_ref;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_remove_side_data;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;
import static org.bytedeco.ffmpeg.global.avutil.av_image_copy;
import static org.bytedeco.ffmpeg.global.avutil.av_image_fill_arrays;

import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;
import org.camelav.media.AvErrors;
import org.camelav.media.AvException;

/**
 * The encoder's input frame for each {@link VideoFrame}, with as few copies as the frame allows (PyAV reformats only
 * on a mismatch): a leased decoder picture that already has the encoder's format and size is referenced, not copied;
 * packed pixels of that format and size are copied once into an encoder-owned frame; anything else is converted by
 * swscale straight into it.
 */
public final class FrameBuilder implements AutoCloseable {
    private final int width;
    private final int height;
    private final int pixelFormat;
    private final VideoScaler scaler;
    private final PackedLayout layout;
    /** Encoder-owned pixels that copies and conversions write into. */
    private AVFrame owned;
    /** An extra reference to a leased decoder picture, so setting its pts never touches the decoder's frame. */
    private AVFrame shell;
    private final PointerPointer<BytePointer> packedData = new PointerPointer<>(4);
    private final IntPointer packedLines = new IntPointer(4);

    public FrameBuilder(int width, int height, int pixelFormat, Interpolation interpolation) {
        this(width, height, pixelFormat, interpolation, null);
    }

    /** @param target the matrix and range conversions write (JPEG: BT.601 full), null: the source's, as ffmpeg's scale */
    public FrameBuilder(int width, int height, int pixelFormat, Interpolation interpolation, Colorimetry target) {
        this.width = width;
        this.height = height;
        this.pixelFormat = pixelFormat;
        this.scaler = new VideoScaler(interpolation, target);
        this.layout = new PackedLayout(pixelFormat, width, height);
        owned = av_frame_alloc();
        shell = av_frame_alloc();
        if (owned == null || owned.isNull() || shell == null || shell.isNull()) {
            close();
            throw new AvException("Cannot allocate frame");
        }
        allocate();
    }

    /** The frame to send the encoder for {@code v}; valid until the next call or {@link #sent()}. */
    public AVFrame fill(VideoFrame v) {
        sent();
        FrameLease lease = v.lease();
        if (lease != null) {
            return lease.encodeInto(this, v.width(), v.height(), v.pixelFormatId(), v.colorimetry());
        }
        return fromPacked(v.data(), v.width(), v.height(), v.pixelFormatId(), v.colorimetry());
    }

    /**
     * Drops this builder's reference to the last picture it referenced: avcodec_send_frame took its own. Done by the
     * next {@link #fill} anyway; callers call it after sending, so that no decoder picture (and with it the decoder's
     * buffer pool) is kept while the builder waits for its next frame: a stalled camera, an idle pooled encoder.
     */
    public void sent() {
        av_frame_unref(shell);
    }

    private boolean matches(int w, int h, int format) {
        return w == width && h == height && format == pixelFormat;
    }

    /**
     * A decoded picture: referenced when it already is what the encoder takes (no copy), else converted. The shell
     * holds its own reference, so the picture stays valid however the lease ends; FFmpeg's refcounting frees it when
     * the last of the lease, the shell and the encoder lets go (the decoder's buffer pool takes it back only then, so
     * it never writes into a picture the encoder still reads).
     */
    AVFrame fromFrame(AVFrame src) {
        if (matches(src.width(), src.height(), src.format()) && topDown(src)) {
            AvErrors.check(av_frame_ref(shell, src), "Cannot reference frame");
            PictureCopyDiagnostics.reference();
            return withoutDecoderProps(shell);
        }
        AVFrame dst = writable();
        if (matches(src.width(), src.height(), src.format())) {
            PictureCopyDiagnostics.copy(); // bottom-up rows: encoders expect top-down planes
            av_image_copy(dst.data(), dst.linesize(), src.data(), src.linesize(), pixelFormat, width, height);
        } else {
            scaler.scale(src, dst, width, height, pixelFormat);
        }
        return dst;
    }

    /** Packed pixels in Java memory: one copy into the encoder's frame, or a conversion when they differ. */
    AVFrame fromPacked(byte[] packed, int sw, int sh, int sf, Colorimetry c) {
        AVFrame dst = writable();
        if (!matches(sw, sh, sf) || !layout.copyIn(packed, 0, dst)) {
            scaler.scale(packed, sw, sh, sf, c, dst, width, height, pixelFormat);
        } else {
            c.tag(dst);
        }
        return dst;
    }

    /** Packed pixels in native memory (a lease's pooled buffer). */
    AVFrame fromPacked(BytePointer packed, int sw, int sh, int sf, Colorimetry c) {
        AVFrame dst = writable();
        if (matches(sw, sh, sf)) {
            PictureCopyDiagnostics.copy();
            av_image_fill_arrays(packedData, packedLines, packed, sf, sw, sh, 1);
            av_image_copy(dst.data(), dst.linesize(), packedData, packedLines, pixelFormat, width, height);
            c.tag(dst);
        } else {
            scaler.scale(packed, sw, sh, sf, c, dst, width, height, pixelFormat);
        }
        return dst;
    }

    /**
     * The owned frame, ready to overwrite. An encoder that keeps the previous picture (lookahead, frame threads)
     * holds a reference to its buffer: then a fresh buffer is taken instead of {@code av_frame_make_writable}, which
     * would first copy the old pixels that are about to be overwritten.
     */
    private AVFrame writable() {
        if (av_frame_is_writable(owned) == 0) {
            av_frame_unref(owned);
            allocate();
        }
        return owned;
    }

    private void allocate() {
        owned.width(width).height(height).format(pixelFormat);
        AvErrors.check(av_frame_get_buffer(owned, 0), "Cannot allocate frame");
    }

    private static boolean topDown(AVFrame f) {
        for (int i = 0; i < 4; i++) {
            if (f.linesize(i) < 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * The decoder's properties describe its stream, not the output: a picture type would force the encoder's frame
     * types (libx264 and mpeg4 turn every source I picture into a key frame, ignoring gopSize), a quality would fix
     * the quantiser of a qscale encoder, the duration is in the
     * decoder's time base, side data (captions, SEI) would be re-emitted. Clear them, so the encoder sees what the
     * copying path gives it; the caller sets the pts.
     */
    private static AVFrame withoutDecoderProps(AVFrame f) {
        f.pict_type(AV_PICTURE_TYPE_NONE).flags(0).duration(0).quality(0);
        f.time_base().num(0).den(1);
        while (f.nb_side_data() > 0) {
            av_frame_remove_side_data(f, f.side_data(0).type());
        }
        return f;
    }

    @Override
    public void close() {
        scaler.close();
        if (owned != null) {
            av_frame_free(owned);
            owned = null;
        }
        if (shell != null) {
            av_frame_free(shell); // drops the last picture's reference, if it still holds one
            shell = null;
        }
        packedData.close();
        packedLines.close();
    }
}
