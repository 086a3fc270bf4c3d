package org.camelav.converter;

import java.nio.ByteBuffer;

import org.apache.camel.Converter;
import org.camelav.media.AudioFrame;
import org.camelav.media.MediaPacket;
import org.camelav.media.VideoFrame;

/**
 * Body conversions. {@code byte[]} of a video frame always means its raw pixels, tightly packed in the delivered pixel
 * format (PyAV's {@code to_ndarray}); of an audio frame its samples; of a packet its encoded bytes.
 */
@Converter(generateLoader = true)
public final class AvConverters {

    private AvConverters() {
    }

    @Converter
    public static byte[] toBytes(VideoFrame frame) {
        return frame.data();
    }

    @Converter
    public static ByteBuffer toByteBuffer(VideoFrame frame) {
        return ByteBuffer.wrap(frame.data()).asReadOnlyBuffer();
    }

    @Converter
    public static byte[] toBytes(AudioFrame frame) {
        return frame.data();
    }

    @Converter
    public static byte[] toBytes(MediaPacket packet) {
        return packet.data();
    }
}
