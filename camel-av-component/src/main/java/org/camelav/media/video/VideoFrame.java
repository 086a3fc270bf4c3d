package org.camelav.media.video;

import static org.bytedeco.ffmpeg.global.avutil.av_image_get_buffer_size;

import java.util.Map;

import org.camelav.media.FrameProps;
import org.camelav.media.MediaItem;
import org.camelav.media.MediaType;
import org.camelav.media.sidedata.FrameSideData;

/**
 * A decoded picture (PyAV's {@code VideoFrame}) whose pixels are a tightly packed {@code byte[]} in
 * {@link #pixelFormat()}: planes one after another, rows without padding, as {@code av_image_copy_to_buffer} with
 * align 1 lays them out. For {@code bgr24} that is {@code width * height * 3} bytes, row by row.
 * <p>
 * A frame read with {@code zeroCopy} is <em>leased</em>: its pixels stay in FFmpeg's picture (or a pooled buffer)
 * until {@link #release()}, which the consumer calls when the frame's exchange completes. {@link #data()},
 * {@link #buffer()} and {@link #copyTo(byte[], int)} copy them out on demand; after the release they throw
 * {@link IllegalStateException}, except that an array {@code data()} already returned stays valid. {@link #copy()}
 * gives a frame to keep.
 * <p>
 * The consumer's default path (no {@code zeroCopy}) delivers frames whose copy is <em>deferred</em>: they are not
 * leased ({@link #isLeased()} is false) and behave in every way as frames that own their array, valid for as long as
 * anyone holds them, but until {@link #release()} the pixels are still FFmpeg's picture and the array is made only
 * when {@link #data()} or {@link #buffer()} asks for it, or at the release, which copies them before it lets go (the
 * consumer releases when the frame's exchange completes). An encoder reads such a frame straight from FFmpeg's
 * picture, and the array, made when the exchange is done, is short-lived garbage unless somebody kept the frame.
 */
public final class VideoFrame extends MediaItem {

    private final int width;
    private final int height;
    /** FFmpeg's AVPixelFormat: what the encoder and swscale compare, with no name lookup per frame. */
    private final int format;
    private final byte[] data;
    private final FrameLease lease;
    private final String pictType;
    private final Colorimetry colorimetry;
    private final FrameSideData sideData;
    private final Map<String, String> metadata;

    public VideoFrame(FrameProps props, int width, int height, String pixelFormat, byte[] data, String pictType) {
        this(props, width, height, PixelFormats.id(pixelFormat), data, pictType);
    }

    /** @param pixelFormatId an AVPixelFormat, e.g. {@code AV_PIX_FMT_BGR24} */
    public VideoFrame(FrameProps props, int width, int height, int pixelFormatId, byte[] data, String pictType) {
        this(props, width, height, pixelFormatId, java.util.Objects.requireNonNull(data, "data"), null, pictType,
                Colorimetry.UNSPECIFIED, FrameSideData.NONE, Map.of());
        int expected = bufferSize(pixelFormatId, width, height);
        if (data.length != expected) {
            throw new IllegalArgumentException("A " + width + "x" + height + " " + pixelFormat() + " frame needs "
                    + expected + " bytes, got " + data.length);
        }
    }

    /** A leased frame: {@code lease} holds its pixels until {@link #release()}. */
    VideoFrame(FrameProps props, int width, int height, int pixelFormatId, FrameLease lease, String pictType,
            Colorimetry colorimetry) {
        this(props, width, height, pixelFormatId, null, lease, pictType, colorimetry, FrameSideData.NONE, Map.of());
    }

    private VideoFrame(FrameProps props, int width, int height, int format, byte[] data, FrameLease lease,
            String pictType, Colorimetry colorimetry, FrameSideData sideData, Map<String, String> metadata) {
        super(props);
        this.colorimetry = colorimetry;
        this.sideData = sideData;
        this.metadata = metadata;
        this.width = width;
        this.height = height;
        this.format = format;
        this.data = data;
        this.lease = lease;
        this.pictType = pictType;
    }

    /** Wraps raw pixels that carry no timestamps (PyAV's {@code VideoFrame.from_ndarray}). */
    public static VideoFrame of(byte[] data, int width, int height, String pixelFormat) {
        return new VideoFrame(FrameProps.NONE, width, height, pixelFormat, data, null);
    }

    /** Size of a tightly packed picture, or an IllegalArgumentException for an unknown pixel format. */
    public static int bufferSize(String pixelFormat, int width, int height) {
        return bufferSize(PixelFormats.id(pixelFormat), width, height);
    }

    /** Size of a tightly packed picture of an AVPixelFormat, or an IllegalArgumentException for an invalid one. */
    public static int bufferSize(int pixelFormatId, int width, int height) {
        int size = av_image_get_buffer_size(pixelFormatId, width, height, 1);
        if (size < 0) {
            throw new IllegalArgumentException("Invalid picture " + width + "x" + height + " "
                                               + PixelFormats.name(pixelFormatId));
        }
        return size;
    }

    /** The AVPixelFormat of a pixel format name (cached), or an IllegalArgumentException for an unknown one. */
    public static int pixelFormatId(String name) {
        return PixelFormats.id(name);
    }

    /** The same pixels (shared: the array, or the lease) with other properties. */
    @Override
    public VideoFrame withProps(FrameProps props) {
        return new VideoFrame(props, width, height, format, data, lease, pictType, colorimetry, sideData, metadata);
    }

    /** The same pixels tagged with another colour matrix and range (what the numbers mean, not a conversion). */
    public VideoFrame withColorimetry(Colorimetry c) {
        return new VideoFrame(props(), width, height, format, data, lease, pictType, c, sideData, metadata);
    }

    /** The same pixels with the decoder's side data attached. */
    public VideoFrame withSideData(FrameSideData sd) {
        return new VideoFrame(props(), width, height, format, data, lease, pictType, colorimetry,
                sd == null ? FrameSideData.NONE : sd, metadata);
    }

    /** The same pixels with the frame metadata a video filter reported (see {@link #metadata()}). */
    public VideoFrame withMetadata(Map<String, String> m) {
        return new VideoFrame(props(), width, height, format, data, lease, pictType, colorimetry, sideData,
                Map.copyOf(m));
    }

    /**
     * The frame's metadata ({@code AVFrame.metadata}) as the video filter graph left it: what reporting filters
     * measured, e.g. {@code lavfi.scd.score} from scdet, {@code lavfi.black_start} from blackdetect,
     * {@code lavfi.signalstats.YAVG} from signalstats (ffprobe's frame tags). Values are FFmpeg's strings; empty when
     * there is none.
     */
    public Map<String, String> metadata() {
        return metadata;
    }

    /**
     * The decoded frame's side data (PyAV's {@code frame.side_data}): motion vectors with {@code exportMotionVectors},
     * HDR metadata, captions, SEI; {@link FrameSideData#NONE} when the frame had none.
     */
    public FrameSideData sideData() {
        return sideData;
    }

    /** The picture's colour matrix and range, as FFmpeg tagged it; {@link Colorimetry#UNSPECIFIED} when unknown. */
    public Colorimetry colorimetry() {
        return colorimetry;
    }

    @Override
    public MediaType mediaType() {
        return MediaType.VIDEO;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** FFmpeg pixel format name, e.g. {@code bgr24}, {@code yuv420p}. */
    public String pixelFormat() {
        return PixelFormats.name(format);
    }

    /** FFmpeg's AVPixelFormat id of {@link #pixelFormat()}, e.g. {@code AV_PIX_FMT_BGR24}. */
    public int pixelFormatId() {
        return format;
    }

    /**
     * The pixels, tightly packed in {@link #pixelFormat()}: the frame's own array (not a copy), or for a leased frame a
     * copy made on the first call (later calls return the same array, which stays valid after the release). Either way
     * the array is the frame's pixels: a callback may draw into it before the frame is encoded.
     *
     * @throws IllegalStateException for a leased frame released before its pixels were asked for
     */
    public byte[] data() {
        return lease == null ? data : lease.array();
    }

    /**
     * A read-only view of the packed pixels, position 0. For a leased frame the view is of a pooled direct buffer,
     * filled without allocating: read it before the exchange completes, as the buffer is reused afterwards.
     *
     * @throws IllegalStateException for a leased frame already released
     */
    public java.nio.ByteBuffer buffer() {
        return ownsPixels() ? java.nio.ByteBuffer.wrap(data()).asReadOnlyBuffer() : lease.buffer();
    }

    /** Copies the packed pixels into {@code dst} from {@code offset} (no allocation, e.g. into an array reused per frame). */
    public void copyTo(byte[] dst, int offset) {
        int n = size();
        if (offset < 0 || dst.length - offset < n) {
            throw new IndexOutOfBoundsException("A " + width + "x" + height + " " + pixelFormat() + " frame needs " + n
                                                + " bytes from offset " + offset + ", the array has " + dst.length);
        }
        if (lease == null) {
            System.arraycopy(data, 0, dst, offset, n);
        } else {
            lease.copyTo(dst, offset);
        }
    }

    /** Size of the packed pixels in bytes. */
    public int size() {
        return lease == null ? data.length : lease.size();
    }

    /**
     * This frame if it owns its pixels, else a frame that does and stays valid after the release (its pixels are the
     * array {@link #data()} returns, shared with this frame).
     */
    @Override
    public VideoFrame copy() {
        if (ownsPixels()) {
            return this;
        }
        return new VideoFrame(props(), width, height, format, lease.array(), null, pictType, colorimetry, sideData,
                metadata);
    }

    /** True for a frame read with zeroCopy, whose pixels are only valid until {@link #release()}. */
    public boolean isLeased() {
        return !ownsPixels();
    }

    /** Its own array, or a deferred copy that makes one by its release at the latest: valid for as long as it is held. */
    private boolean ownsPixels() {
        return lease == null || lease.copiesOnRelease();
    }

    /** True for a leased frame whose pixels were given back (and never copied out): its pixels are gone. */
    public boolean isReleased() {
        return lease != null && lease.isReleased() && !lease.hasArray();
    }

    /**
     * Gives a leased frame's pixels back to FFmpeg or the pool; idempotent, and nothing to do for frames with their own
     * array. A deferred copy (see above) makes its array first: it stays valid, only FFmpeg's picture is let go.
     */
    @Override
    public void release() {
        if (lease != null) {
            lease.release();
        }
    }

    /**
     * Frames in this JVM that still hold an FFmpeg picture, not released yet: zero-copy frames and default-path frames
     * whose copy is deferred (see above). Exchanges in flight hold a few, and the figure goes back to what it was once
     * they complete. A figure that only grows means zero-copy frames kept past their exchange without {@link #copy()},
     * or frames read with {@code deferCopy} that were never released.
     */
    public static long outstandingLeases() {
        return FrameLease.outstanding();
    }

    /** The lease behind a zero-copy frame, or null. */
    FrameLease lease() {
        return lease;
    }

    /** {@code I}, {@code P}, {@code B}... or null when unknown. */
    public String pictType() {
        return pictType;
    }

    @Override
    public String toString() {
        return "VideoFrame[" + width + "x" + height + " " + pixelFormat() + " pts=" + pts() + " tb=" + timeBase() + "]";
    }
}
