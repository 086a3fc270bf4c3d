package org.camelav.media.codec;

import static org.bytedeco.ffmpeg.global.avcodec.AVDISCARD_ALL;
import static org.bytedeco.ffmpeg.global.avcodec.AVDISCARD_BIDIR;
import static org.bytedeco.ffmpeg.global.avcodec.AVDISCARD_DEFAULT;
import static org.bytedeco.ffmpeg.global.avcodec.AVDISCARD_NONINTRA;
import static org.bytedeco.ffmpeg.global.avcodec.AVDISCARD_NONKEY;
import static org.bytedeco.ffmpeg.global.avcodec.AVDISCARD_NONREF;

/** AVCodecContext.skip_frame: which frames the decoder may drop (AVDiscard). NONKEY decodes key frames only. */
public enum SkipFrame {
    DEFAULT(AVDISCARD_DEFAULT), NONREF(AVDISCARD_NONREF), BIDIR(AVDISCARD_BIDIR), NONINTRA(AVDISCARD_NONINTRA),
    NONKEY(AVDISCARD_NONKEY), ALL(AVDISCARD_ALL);

    final int av;

    SkipFrame(int av) {
        this.av = av;
    }
}
