package org.camelav.media;

import static org.bytedeco.ffmpeg.global.avutil.av_get_pix_fmt;
import static org.bytedeco.ffmpeg.global.avutil.av_image_get_buffer_size;

/**
 * A decoded picture (PyAV's {@code VideoFrame}) whose pixels are a tightly packed {@code byte[]} in
 * {@link #pixelFormat()}: planes one after another, rows without padding, as {@code av_image_copy_to_buffer} with
 * align 1 lays them out. For {@code bgr24} that is {@code width * height * 3} bytes, row by row.
 */
public final class VideoFrame extends MediaItem {

    private final int width;
    private final int height;
    private final String pixelFormat;
    private final byte[] data;
    private final String pictType;

    public VideoFrame(Timing timing, int width, int height, String pixelFormat, byte[] data, String pictType) {
        super(timing);
        int expected = bufferSize(pixelFormat, width, height);
        if (data.length != expected) {
            throw new IllegalArgumentException("A " + width + "x" + height + " " + pixelFormat + " frame needs "
                    + expected + " bytes, got " + data.length);
        }
        this.width = width;
        this.height = height;
        this.pixelFormat = pixelFormat;
        this.data = data;
        this.pictType = pictType;
    }

    /** Wraps raw pixels that carry no timestamps (PyAV's {@code VideoFrame.from_ndarray}). */
    public static VideoFrame of(byte[] data, int width, int height, String pixelFormat) {
        return new VideoFrame(new Timing(), width, height, pixelFormat, data, null);
    }

    /** Size of a tightly packed picture, or an IllegalArgumentException for an unknown pixel format. */
    public static int bufferSize(String pixelFormat, int width, int height) {
        int size = av_image_get_buffer_size(pixelFormatId(pixelFormat), width, height, 1);
        if (size < 0) {
            throw new IllegalArgumentException("Invalid picture " + width + "x" + height + " " + pixelFormat);
        }
        return size;
    }

    /** Name to AVPixelFormat, cached: every frame's constructor asks, and a native lookup per frame adds up. */
    private static final java.util.concurrent.ConcurrentHashMap<String, Integer> IDS
            = new java.util.concurrent.ConcurrentHashMap<>();

    static int pixelFormatId(String name) {
        Integer cached = IDS.get(name);
        if (cached != null) {
            return cached;
        }
        Ffmpeg.init();
        int id = av_get_pix_fmt(name);
        if (id < 0) {
            throw new IllegalArgumentException("Unknown pixel format '" + name + "'");
        }
        if (IDS.size() < 256) {
            IDS.put(name, id);
        }
        return id;
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
        return pixelFormat;
    }

    /** The pixels themselves (not a copy): tightly packed in {@link #pixelFormat()}. */
    public byte[] data() {
        return data;
    }

    /** {@code I}, {@code P}, {@code B}... or null when unknown. */
    public String pictType() {
        return pictType;
    }

    @Override
    public String toString() {
        return "VideoFrame[" + width + "x" + height + " " + pixelFormat + " pts=" + pts() + " tb=" + timeBase() + "]";
    }
}
