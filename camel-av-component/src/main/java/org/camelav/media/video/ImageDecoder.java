package org.camelav.media.video;

import static org.bytedeco.ffmpeg.global.avcodec.av_new_packet;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;

import java.util.EnumMap;
import java.util.Map;

import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.camelav.media.AvErrors;
import org.camelav.media.AvRefusedException;
import org.camelav.media.Ffmpeg;
import org.camelav.media.FfmpegLog;
import org.camelav.media.FrameProps;
import org.camelav.media.codec.Decoder;
import org.camelav.media.codec.FrameSink;

/**
 * Decodes JPEG, PNG or WebP bytes in memory with FFmpeg's decoders: a whole image file is one packet, so no demuxer or
 * temporary file is needed. One decoder per format is kept open for the next image. Not thread-safe.
 */
public final class ImageDecoder implements AutoCloseable {

    private final Map<ImageFormat, Decoder> decoders = new EnumMap<>(ImageFormat.class);
    private final VideoReformatter reformatter;
    private final long maxPixels;
    private AVPacket pkt;
    private VideoFrame picture;

    /** @param pixelFormat pixel format of the frames returned, or null for the decoder's own (e.g. yuvj420p for JPEG) */
    public ImageDecoder(String pixelFormat) {
        this(pixelFormat, 0);
    }

    /**
     * @param pixelFormat as above
     * @param maxPixels   largest picture (width x height) decoded: a larger header is refused before the decoder
     *                    allocates it (FFmpeg's max_pixels bounds what no header told); 0: FFmpeg's own bound
     */
    public ImageDecoder(String pixelFormat, long maxPixels) {
        if (maxPixels < 0) {
            throw new IllegalArgumentException("maxPixels must be 0 or more: " + maxPixels);
        }
        this.maxPixels = maxPixels;
        Ffmpeg.init();
        reformatter = new VideoReformatter(pixelFormat, 0, 0, Interpolation.BICUBIC);
        pkt = av_packet_alloc();
    }

    /** The picture in {@code image} as a frame without timestamps. */
    public VideoFrame decode(byte[] image) {
        ImageFormat format = ImageFormat.detect(image);
        checkHeader(format, image);
        Decoder decoder = decoders.get(format);
        if (decoder == null) {
            // FFmpeg checks the aligned size it allocates (a 322-pixel-wide JPEG is 384 wide), so its max_pixels is a
            // backstop at twice the bound for headers not read here; the header check holds the bound itself
            decoder = new Decoder(format.codecId, maxPixels > 0
                    ? Map.of("max_pixels", Math.min(Integer.MAX_VALUE, 2 * maxPixels)) : Map.of());
            decoders.put(format, decoder);
        }
        AvErrors.check(av_new_packet(pkt, image.length), "Cannot allocate packet");
        FfmpegLog.takeOversized(); // an earlier refusal on this thread is not this image's
        long errors = decoder.errors();
        picture = null;
        FrameSink keep = f -> {
            if (picture == null) {
                picture = reformatter.frame(f, FrameProps.NONE);
            }
        };
        try {
            pkt.data().put(image, 0, image.length);
            decoder.decode(pkt, keep);
            if (picture == null) {
                decoder.decode(null, keep); // a decoder that holds pictures back gives them up when drained
            }
        } finally {
            av_packet_unref(pkt);
            decoder.flushBuffers();
        }
        VideoFrame out = picture;
        picture = null;
        String oversized = FfmpegLog.takeOversized();
        if (out == null && oversized != null) { // a size the header check could not read, refused by max_pixels
            throw new AvRefusedException("Refused input: the " + format + " image is " + oversized
                                         + " pixels, more than maxPixels=" + maxPixels, null);
        }
        if (out == null) {
            throw AvErrors.exception(decoder.name() + " found no picture in " + image.length + " bytes of " + format,
                    decoder.errors() > errors ? decoder.lastError() : 0, null);
        }
        return out;
    }

    /** A decompression bomb fails here, from its header, before FFmpeg allocates its picture. */
    private void checkHeader(ImageFormat format, byte[] image) {
        ImageHeader header = ImageHeader.of(format, image);
        if (maxPixels > 0 && header != null && (header.pixels() > maxPixels || header.width() < 0
                                                || header.height() < 0)) {
            throw new AvRefusedException("Refused input: the " + format + " image declares " + header.width() + "x"
                                         + header.height() + " pixels (" + header.pixels() + "), more than maxPixels="
                                         + maxPixels, null);
        }
    }

    @Override
    public void close() {
        decoders.values().forEach(Decoder::close);
        decoders.clear();
        reformatter.close();
        if (pkt != null) {
            av_packet_free(pkt);
            pkt = null;
        }
    }
}
