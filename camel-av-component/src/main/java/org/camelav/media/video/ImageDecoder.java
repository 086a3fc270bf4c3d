package org.camelav.media.video;

import static org.bytedeco.ffmpeg.global.avcodec.av_new_packet;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;

import java.util.EnumMap;
import java.util.Map;

import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.camelav.media.AvErrors;
import org.camelav.media.Ffmpeg;
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
    private AVPacket pkt;
    private VideoFrame picture;

    /** @param pixelFormat pixel format of the frames returned, or null for the decoder's own (e.g. yuvj420p for JPEG) */
    public ImageDecoder(String pixelFormat) {
        Ffmpeg.init();
        reformatter = new VideoReformatter(pixelFormat, 0, 0, Interpolation.BICUBIC);
        pkt = av_packet_alloc();
    }

    /** The picture in {@code image} as a frame without timestamps. */
    public VideoFrame decode(byte[] image) {
        ImageFormat format = ImageFormat.detect(image);
        Decoder decoder = decoders.get(format);
        if (decoder == null) {
            decoder = new Decoder(format.codecId);
            decoders.put(format, decoder);
        }
        AvErrors.check(av_new_packet(pkt, image.length), "Cannot allocate packet");
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
        if (out == null) {
            throw AvErrors.exception(decoder.name() + " found no picture in " + image.length + " bytes of " + format,
                    decoder.errors() > errors ? decoder.lastError() : 0, null);
        }
        return out;
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
