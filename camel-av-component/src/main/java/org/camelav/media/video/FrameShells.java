package org.camelav.media.video;

import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;

import java.util.ArrayDeque;

import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.camelav.media.AvException;

/**
 * Empty AVFrame structs for zero-copy frames, which each hold their own reference to a decoded picture: reused, so
 * a stream does not allocate a native frame per picture. A returned shell is unreferenced at once (the picture's
 * buffer goes back to the decoder's pool); at most {@link #MAX_IDLE} idle shells are kept, the rest are freed.
 */
final class FrameShells {

    private static final int MAX_IDLE = 32;
    private static final ArrayDeque<AVFrame> IDLE = new ArrayDeque<>();

    private FrameShells() {
    }

    static AVFrame take() {
        synchronized (IDLE) {
            AVFrame f = IDLE.pollFirst();
            if (f != null) {
                return f;
            }
        }
        AVFrame f = av_frame_alloc();
        if (f == null || f.isNull()) {
            throw new AvException("Cannot allocate frame");
        }
        return f;
    }

    static void give(AVFrame f) {
        av_frame_unref(f);
        synchronized (IDLE) {
            if (IDLE.size() < MAX_IDLE) {
                IDLE.addFirst(f);
                return;
            }
        }
        av_frame_free(f);
    }
}
