package org.camelav.media.video;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_MJPEG;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_PNG;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_WEBP;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_RANGE_JPEG;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_RANGE_MPEG;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_BT470BG;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.camelav.media.AvErrors;
import org.camelav.media.AvException;
import org.camelav.media.Ffmpeg;

/** The still-image formats FFmpeg's own codecs write and read: encoder name, its input pixel format, decoder id. */
public enum ImageFormat {
    /** mjpeg in full-range YUV 4:2:0, as {@code ffmpeg -i in -frames:v 1 out.jpg} writes it. */
    JPEG("mjpeg", "yuvj420p", AV_CODEC_ID_MJPEG, "image/jpeg"),
    /** Lossless; quality does not apply. */
    PNG("png", "rgb24", AV_CODEC_ID_PNG, "image/png"),
    /** Needs an FFmpeg built with libwebp (the bundled one is). */
    WEBP("libwebp", "yuv420p", AV_CODEC_ID_WEBP, "image/webp");

    /**
     * The matrix and range the image is written in: JFIF (JPEG) and WebP's lossy YUV are BT.601 by definition, full
     * and limited range, so a BT.709 source is converted rather than stored with its own matrix, which every decoder
     * would read as BT.601 (the ffmpeg program does that: its JPEG of a BT.709 frame decodes with shifted colours).
     * PNG is RGB. Null: none forced.
     */
    Colorimetry colorimetry() {
        return switch (this) {
            case JPEG -> new Colorimetry(AVCOL_SPC_BT470BG, AVCOL_RANGE_JPEG);
            case WEBP -> new Colorimetry(AVCOL_SPC_BT470BG, AVCOL_RANGE_MPEG);
            case PNG -> null;
        };
    }

    final String encoderName;
    final String pixelFormat;
    final int codecId;
    private final String mimeType;

    ImageFormat(String encoderName, String pixelFormat, int codecId, String mimeType) {
        this.encoderName = encoderName;
        this.pixelFormat = pixelFormat;
        this.codecId = codecId;
        this.mimeType = mimeType;
    }

    public String mimeType() {
        return mimeType;
    }

    /** {@code jpeg}/{@code jpg}, {@code png} or {@code webp}, any case. */
    public static ImageFormat of(String name) {
        String n = name.trim().toUpperCase(Locale.ROOT);
        if (n.equals("JPG")) {
            return JPEG;
        }
        try {
            return valueOf(n);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Unknown image format '" + name + "': use jpeg, png or webp");
        }
    }

    /** The format of encoded image bytes, by their signature. */
    public static ImageFormat detect(byte[] image) {
        if (image.length > 3 && (image[0] & 0xff) == 0xff && (image[1] & 0xff) == 0xd8 && (image[2] & 0xff) == 0xff) {
            return JPEG;
        }
        if (image.length > 8 && Arrays.equals(image, 0, 8, new byte[] { (byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10 },
                0, 8)) {
            return PNG;
        }
        if (image.length > 12 && ascii(image, 0).equals("RIFF") && ascii(image, 8).equals("WEBP")) {
            return WEBP;
        }
        throw new AvException("Not a JPEG, PNG or WebP image (" + image.length + " bytes)");
    }

    private static String ascii(byte[] b, int from) {
        return new String(b, from, 4, StandardCharsets.US_ASCII);
    }

    /** This format's encoder, or a clear error when the FFmpeg build lacks it. */
    AVCodec encoder() {
        Ffmpeg.init();
        AVCodec codec = avcodec_find_encoder_by_name(encoderName);
        if (codec == null || codec.isNull()) {
            throw AvErrors.exception(name() + " needs FFmpeg's '" + encoderName + "' encoder, which this FFmpeg build ("
                                  + Ffmpeg.version() + ") does not have", AvErrors.ENCODER_NOT_FOUND, null);
        }
        return codec;
    }
}
