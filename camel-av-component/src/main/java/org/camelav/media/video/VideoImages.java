package org.camelav.media.video;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.WritableRaster;

import org.camelav.media.NativePool;

/**
 * PyAV's {@code VideoFrame.to_image} and {@code from_image} for Java2D: frames become {@code TYPE_3BYTE_BGR} (or
 * {@code TYPE_BYTE_GRAY}) images, whose byte layout is FFmpeg's {@code bgr24} ({@code gray}), so only frames in another
 * pixel format need swscale. Thread-safe: the converting scalers come from a small shared pool.
 */
public final class VideoImages {

    /** Scalers to bgr24, reused by every thread; each keeps its SwsContext while the source geometry stays the same. */
    private static final NativePool<VideoReformatter> TO_BGR = new NativePool<>(
            () -> new VideoReformatter("bgr24", 0, 0, Interpolation.BILINEAR), 4);

    private VideoImages() {
    }

    /** The picture as a Java2D image: gray frames as TYPE_BYTE_GRAY, everything else as TYPE_3BYTE_BGR. */
    public static BufferedImage toImage(VideoFrame frame) {
        boolean gray = frame.pixelFormat().equals("gray");
        VideoFrame src = gray || frame.pixelFormat().equals("bgr24") ? frame : TO_BGR.apply(r -> r.reformat(frame));
        BufferedImage img = new BufferedImage(src.width(), src.height(),
                gray ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_3BYTE_BGR);
        byte[] pixels = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        src.copyTo(pixels, 0); // a leased frame's pixels go straight into the raster, without data()'s array
        return img;
    }

    /**
     * A frame without timestamps holding the image's pixels: {@code bgr24} or {@code gray} straight from a packed
     * TYPE_3BYTE_BGR/TYPE_BYTE_GRAY raster; any other image through its sRGB values, as {@code bgra} when it has alpha,
     * else {@code bgr24}.
     */
    public static VideoFrame fromImage(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        if (img.getType() == BufferedImage.TYPE_3BYTE_BGR && packed(img, 3)) {
            return VideoFrame.of(rasterBytes(img).clone(), w, h, "bgr24");
        }
        if (img.getType() == BufferedImage.TYPE_BYTE_GRAY && packed(img, 1)) {
            return VideoFrame.of(rasterBytes(img).clone(), w, h, "gray");
        }
        boolean alpha = img.getColorModel().hasAlpha();
        int channels = alpha ? 4 : 3;
        int[] argb = img.getRGB(0, 0, w, h, null, 0, w);
        byte[] out = new byte[argb.length * channels];
        for (int i = 0, o = 0; i < argb.length; i++, o += channels) {
            int p = argb[i];
            out[o] = (byte) p;
            out[o + 1] = (byte) (p >> 8);
            out[o + 2] = (byte) (p >> 16);
            if (alpha) {
                out[o + 3] = (byte) (p >>> 24);
            }
        }
        return VideoFrame.of(out, w, h, alpha ? "bgra" : "bgr24");
    }

    /** True when the raster is a whole image (not a sub-image view) with rows of exactly width x channels bytes. */
    private static boolean packed(BufferedImage img, int channels) {
        WritableRaster r = img.getRaster();
        return r.getParent() == null && r.getDataBuffer() instanceof DataBufferByte b && b.getNumBanks() == 1
               && b.getOffset() == 0 && b.getData().length == img.getWidth() * img.getHeight() * channels;
    }

    private static byte[] rasterBytes(BufferedImage img) {
        return ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
    }
}
