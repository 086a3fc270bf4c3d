package org.camelav.media.codec;

import java.util.function.Consumer;

import org.bytedeco.ffmpeg.avcodec.AVPacket;

/**
 * Takes each packet an {@link Encoder} outputs, timestamps in the encoder's time base. The packet belongs to the
 * encoder and is unreferenced when {@code accept} returns (a muxer may take its reference first).
 */
@FunctionalInterface
public interface PacketSink extends Consumer<AVPacket> {
}
