package org.camelav.media.codec;

import java.util.function.Consumer;

import org.bytedeco.ffmpeg.avutil.AVFrame;

/**
 * Takes each frame a {@link Decoder} outputs. The frame belongs to the decoder and is unreferenced when
 * {@code accept} returns: copy it or {@code av_frame_ref} it to keep it.
 */
@FunctionalInterface
public interface FrameSink extends Consumer<AVFrame> {
}
