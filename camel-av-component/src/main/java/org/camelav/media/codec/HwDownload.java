package org.camelav.media.codec;

import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_copy_props;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;
import static org.bytedeco.ffmpeg.global.avutil.av_hwframe_transfer_data;

import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.camelav.media.AvErrors;
import org.camelav.media.AvException;

/**
 * Brings hardware frames into system memory (av_hwframe_transfer_data, as hw_decode.c does) before they go on to the
 * reformatter; frames the decoder made in software (a profile the device cannot decode) pass as they are. Owns the one
 * system-memory frame it transfers into.
 */
final class HwDownload implements AutoCloseable {

    private AVFrame sw = av_frame_alloc();
    private FrameSink sink;
    private FrameSink wrapped;

    HwDownload() {
        if (sw == null || sw.isNull()) {
            throw new AvException("Cannot allocate a frame for hardware downloads");
        }
    }

    /** {@code sink} behind the download; the same sink gets the same wrapper, so the frame path allocates nothing. */
    FrameSink to(FrameSink target) {
        if (target != sink) {
            sink = target;
            wrapped = this::accept;
        }
        return wrapped;
    }

    private void accept(AVFrame frame) {
        if (frame.hw_frames_ctx() == null || frame.hw_frames_ctx().isNull()) {
            sink.accept(frame);
            return;
        }
        try {
            AvErrors.check(av_hwframe_transfer_data(sw, frame, 0), "Cannot download a hardware frame");
            AvErrors.check(av_frame_copy_props(sw, frame), "Cannot copy frame properties");
            sink.accept(sw);
        } finally {
            av_frame_unref(sw);
        }
    }

    @Override
    public void close() {
        if (sw != null) {
            av_frame_free(sw);
            sw = null;
        }
    }
}
