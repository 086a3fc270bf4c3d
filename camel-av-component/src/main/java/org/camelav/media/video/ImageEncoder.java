package org.camelav.media.video;

import static org.bytedeco.ffmpeg.global.avutil.FF_QP2LAMBDA;

import java.util.Map;

import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.camelav.media.AvException;
import org.camelav.media.NativePool;
import org.camelav.media.Rational;
import org.camelav.media.codec.Encoder;

/**
 * Encodes frames into still images (JPEG, PNG, WebP) with FFmpeg's own encoders, like {@code ffmpeg -i in -q:v N
 * out.jpg}. The codec context, scaler and frame are kept for the next frame of the same size and re-opened only when the
 * size changes. Not thread-safe; share one through a {@link NativePool}.
 */
public final class ImageEncoder implements AutoCloseable {

    private final ImageFormat format;
    private final AVCodec codec;
    private final int pixelFormat;
    /** JPEG: the fixed quantiser as a lambda (ffmpeg's {@code -q:v} sets global_quality and every frame's quality). */
    private final int lambda;
    private final Map<String, Object> codecOptions;
    private Encoder encoder;
    private FrameBuilder frames;
    private byte[] image;
    private int width;
    private int height;
    private long pts;
    private int opens;

    /** @param quality 1 (smallest) to 100 (best); ignored by lossless PNG */
    public ImageEncoder(ImageFormat format, int quality) {
        if (quality < 1 || quality > 100) {
            throw new IllegalArgumentException("Image quality must be 1..100, got " + quality);
        }
        this.format = format;
        this.codec = format.encoder();
        this.pixelFormat = VideoFrame.pixelFormatId(format.pixelFormat);
        this.lambda = format == ImageFormat.JPEG ? FF_QP2LAMBDA * jpegQscale(quality) : 0;
        this.codecOptions = switch (format) {
            case JPEG -> Map.of("flags", "+qscale", "global_quality", lambda);
            case WEBP -> Map.of("quality", quality);
            case PNG -> Map.of();
        };
    }

    /** FFmpeg's JPEG quantiser for a quality: 100 gives 2 (best), 1 gives 31 (worst), linearly in between. */
    public static int jpegQscale(int quality) {
        return Math.round(31 - (quality - 1) * 29f / 99);
    }

    public ImageFormat format() {
        return format;
    }

    /** How many times a codec context was opened: once, plus once per change of frame size. */
    public int opens() {
        return opens;
    }

    /** The frame as one encoded image at the frame's own size. */
    public byte[] encode(VideoFrame frame) {
        if (encoder == null || frame.width() != width || frame.height() != height) {
            open(frame.width(), frame.height());
        }
        AVFrame f = frames.fill(frame);
        f.pts(pts++);
        f.quality(lambda);
        image = null;
        // intra-only encoders with one thread return the picture at once
        encoder.encode(f, pkt -> {
            image = new byte[pkt.size()];
            pkt.data().get(image);
        });
        frames.sent();
        if (image == null) {
            throw new AvException(encoder.name() + " returned no picture for " + frame);
        }
        byte[] out = image;
        image = null;
        return out;
    }

    private void open(int w, int h) {
        closeCodec();
        Rational tb = new Rational(1, 25);
        encoder = Encoder.openVideo(codec, new Encoder.VideoSettings(w, h, pixelFormat, tb, tb.invert(), 0, 0, null,
                false, codecOptions), null);
        frames = new FrameBuilder(w, h, pixelFormat, Interpolation.BICUBIC, format.colorimetry());
        width = w;
        height = h;
        opens++;
    }

    private void closeCodec() {
        if (frames != null) {
            frames.close();
            frames = null;
        }
        if (encoder != null) {
            encoder.close();
            encoder = null;
        }
    }

    @Override
    public void close() {
        closeCodec();
    }
}
