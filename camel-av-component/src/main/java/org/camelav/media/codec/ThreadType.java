package org.camelav.media.codec;

/** AVCodecContext.thread_type, named as PyAV names it; AUTO allows both frame and slice threading. */
public enum ThreadType {
    // FF_THREAD_FRAME = 1, FF_THREAD_SLICE = 2 (avcodec.h); the presets do not export them
    NONE(0), SLICE(2), FRAME(1), AUTO(1 | 2);

    final int av;

    ThreadType(int av) {
        this.av = av;
    }
}
