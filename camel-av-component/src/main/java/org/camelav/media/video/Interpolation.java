package org.camelav.media.video;

import static org.bytedeco.ffmpeg.global.swscale.SWS_AREA;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BICUBIC;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BICUBLIN;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BILINEAR;
import static org.bytedeco.ffmpeg.global.swscale.SWS_FAST_BILINEAR;
import static org.bytedeco.ffmpeg.global.swscale.SWS_GAUSS;
import static org.bytedeco.ffmpeg.global.swscale.SWS_LANCZOS;
import static org.bytedeco.ffmpeg.global.swscale.SWS_POINT;
import static org.bytedeco.ffmpeg.global.swscale.SWS_SINC;
import static org.bytedeco.ffmpeg.global.swscale.SWS_SPLINE;
import static org.bytedeco.ffmpeg.global.swscale.SWS_X;

/** swscale's scaling algorithms (PyAV's {@code Interpolation}). */
public enum Interpolation {
    FAST_BILINEAR(SWS_FAST_BILINEAR), BILINEAR(SWS_BILINEAR), BICUBIC(SWS_BICUBIC), X(SWS_X), POINT(SWS_POINT),
    AREA(SWS_AREA), BICUBLIN(SWS_BICUBLIN), GAUSS(SWS_GAUSS), SINC(SWS_SINC), LANCZOS(SWS_LANCZOS),
    SPLINE(SWS_SPLINE);

    final int flags;

    Interpolation(int flags) {
        this.flags = flags;
    }
}
