package org.camelav.media.video;

import static org.bytedeco.ffmpeg.global.avutil.av_frame_ref;
import static org.bytedeco.ffmpeg.global.avutil.av_get_picture_type_char;
import static org.bytedeco.ffmpeg.global.avutil.av_image_get_buffer_size;

import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.BytePointer;
import org.camelav.media.AvErrors;
import org.camelav.media.FrameProps;
import org.camelav.media.sidedata.FrameSideData;

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
    private PackedLayout layout;
    /** Frames lease their pixels instead of copying them into a Java array (the reader's zeroCopy option). */
    private final boolean zeroCopy;
    /** Unconverted pictures are referenced and copied into their array only when released (the reader's deferCopy). */
    private final boolean deferCopy;

    /**
     * @param pixelFormat target pixel format name, or null to keep the decoder's
     * @param width       target width, or 0; with only one of width/height given the aspect ratio is kept
     */
    public VideoReformatter(String pixelFormat, int width, int height, Interpolation interpolation) {
        this(pixelFormat, width, height, interpolation, false, false);
    }

    /**
     * @param zeroCopy  {@link #frame} returns leased frames (see {@link VideoFrame})
     * @param deferCopy without zeroCopy: a picture delivered as the decoder made it is referenced, and copied into
     *                  the frame's array only when the frame is released (or its array asked for); the caller must
     *                  release every frame. Converted pictures are copied at once, as without it
     */
    public VideoReformatter(String pixelFormat, int width, int height, Interpolation interpolation, boolean zeroCopy,
            boolean deferCopy) {
        this.zeroCopy = zeroCopy;
        this.deferCopy = deferCopy && !zeroCopy;
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

    /** What a source picture becomes: size and format, and whether that is the source's own. */
    private record Target(int width, int height, int format, boolean unchanged) {
        int size() {
            return AvErrors.check(av_image_get_buffer_size(format, width, height, 1), "Invalid target picture");
        }
    }

    private Target target(int sw, int sh, int sf) {
        int dw = outWidth(sw, sh);
        int dh = outHeight(sw, sh);
        int df = outFormat(sf);
        return new Target(dw, dh, df, dw == sw && dh == sh && df == sf);
    }

    /** Converts {@code src} and returns the packed pixels; the caller keeps ownership of {@code src}. */
    public byte[] convert(AVFrame src) {
        Target t = target(src.width(), src.height(), src.format());
        if (t.unchanged()) {
            // nothing to convert: copy the decoder's planes straight into the Java array (one copy, no staging)
            PackedLayout l = layoutOf(src);
            byte[] direct = new byte[l.size];
            if (l.copy(src, direct, 0)) {
                return direct;
            }
            // bottom-up pictures (negative linesize, e.g. after vflip) and the like: FFmpeg's own copy
            BytePointer packed = scaler.staging(l.size);
            l.copy(src, packed);
            return copyOut(packed, direct);
        }
        int size = t.size();
        return copyOut(scaler.scaleToPacked(src, t.width(), t.height(), t.format(), size), new byte[size]);
    }

    /** Converts a decoded AVFrame into a {@link VideoFrame} carrying {@code props}. */
    public VideoFrame frame(AVFrame src, FrameProps props) {
        Target t = target(src.width(), src.height(), src.format());
        FrameLease lease = zeroCopy ? lease(src) : deferCopy && t.unchanged() ? deferred(src) : null;
        byte[] pixels = lease == null ? convert(src) : null;
        char pict = (char) av_get_picture_type_char(src.pict_type());
        String type = pict == '?' ? null : String.valueOf(pict);
        Colorimetry c = Colorimetry.of(src);
        Colorimetry out = t.unchanged() ? c : c.convertedTo(src.format(), t.format());
        VideoFrame v = lease == null
                ? new VideoFrame(props, t.width(), t.height(), t.format(), pixels, type).withColorimetry(out)
                : new VideoFrame(props, t.width(), t.height(), t.format(), lease, type, out);
        return src.nb_side_data() == 0 ? v : v.withSideData(FrameSideData.of(src));
    }

    /**
     * The picture without a copy into Java memory: a new reference to the decoder's buffer when nothing changes,
     * else swscale's output written straight into a pooled buffer.
     */
    private FrameLease lease(AVFrame src) {
        Target t = target(src.width(), src.height(), src.format());
        if (t.unchanged()) {
            return FrameLease.ofFrame(reference(src), layoutOf(src));
        }
        PixelBufferPool.Pixels p = PixelBufferPool.take(t.size());
        try {
            scaler.scaleTo(src, p.pointer, t.width(), t.height(), t.format());
        } catch (RuntimeException e) {
            PixelBufferPool.give(p);
            throw e;
        }
        return FrameLease.ofPixels(p);
    }

    /**
     * The decoder's picture referenced (no copy yet) for a frame that copies it into its own array when released: the
     * consumer's default path, where a frame's exchange usually ends before anybody asks for an array. Only for
     * pictures delivered as they are: a conversion would need a pooled buffer per frame in flight, so it is copied at
     * once into the array as before.
     */
    private FrameLease deferred(AVFrame src) {
        return FrameLease.deferredCopy(reference(src), layoutOf(src));
    }

    /** A pooled frame shell holding a new reference to the decoder's picture (no pixel copy). */
    private static AVFrame reference(AVFrame src) {
        AVFrame ref = FrameShells.take();
        int ret = av_frame_ref(ref, src);
        if (ret < 0) {
            FrameShells.give(ref);
            throw AvErrors.exception("Cannot reference frame", ret, null);
        }
        PictureCopyDiagnostics.reference();
        return ref;
    }

    private PackedLayout layoutOf(AVFrame src) {
        PackedLayout l = layout;
        if (l == null || !l.matches(src)) {
            l = layout = new PackedLayout(src.format(), src.width(), src.height());
        }
        return l;
    }

    /**
     * PyAV's {@code frame.reformat}: the same picture in the target format and size, with the same timestamps; the frame
     * itself when nothing changes.
     */
    public VideoFrame reformat(VideoFrame src) {
        int sw = src.width();
        int sh = src.height();
        int sf = src.pixelFormatId();
        Target t = target(sw, sh, sf);
        if (t.unchanged()) {
            return src;
        }
        int size = t.size();
        FrameLease lease = src.lease();
        // a leased frame is converted from FFmpeg's memory, not first copied out by data()
        Colorimetry c = src.colorimetry();
        BytePointer packed = lease != null
                ? lease.scalePacked(scaler, sw, sh, sf, c, t.width(), t.height(), t.format(), size)
                : scaler.scalePacked(src.data(), sw, sh, sf, c, t.width(), t.height(), t.format(), size);
        byte[] pixels = copyOut(packed, new byte[size]);
        return new VideoFrame(src.props(), t.width(), t.height(), t.format(), pixels, src.pictType())
                .withColorimetry(c.convertedTo(sf, t.format())).withSideData(src.sideData())
                .withMetadata(src.metadata());
    }

    /** Native pixels into the body's array: JNI cannot let FFmpeg write into a movable Java array, so one copy. */
    private static byte[] copyOut(BytePointer packed, byte[] out) {
        PictureCopyDiagnostics.copy();
        // a view of it (the staging pointer's own capacity stays): ByteBuffer's copy, no JNI array pinning (PackedLayout)
        new BytePointer(packed).position(0).capacity(out.length).asByteBuffer().get(0, out, 0, out.length);
        return out;
    }

    @Override
    public void close() {
        scaler.close();
    }
}
