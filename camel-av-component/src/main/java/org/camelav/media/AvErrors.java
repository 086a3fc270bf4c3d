package org.camelav.media;

import static org.bytedeco.ffmpeg.global.avutil.AVERROR_DECODER_NOT_FOUND;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_ENCODER_NOT_FOUND;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EXIT;
import static org.bytedeco.ffmpeg.global.avutil.av_strerror;

import java.nio.charset.StandardCharsets;

/** AVERROR helpers: error text, EAGAIN (which the presets do not export) and checked calls. */
public final class AvErrors {

    public static final int EOF = AVERROR_EOF;
    public static final int EXIT = AVERROR_EXIT;
    public static final int DECODER_NOT_FOUND = AVERROR_DECODER_NOT_FOUND;
    public static final int ENCODER_NOT_FOUND = AVERROR_ENCODER_NOT_FOUND;
    public static final int DEMUXER_NOT_FOUND = org.bytedeco.ffmpeg.global.avutil.AVERROR_DEMUXER_NOT_FOUND;
    /** AVERROR(EAGAIN): errno EAGAIN is 35 on macOS/BSD and 11 on Linux and Windows. */
    public static final int EAGAIN = System.getProperty("os.name", "").toLowerCase().contains("mac") ? -35 : -11;

    private AvErrors() {
    }

    public static String describe(int errorCode) {
        byte[] buf = new byte[256];
        if (av_strerror(errorCode, buf, buf.length) < 0) {
            return "unknown error " + errorCode;
        }
        int len = 0;
        while (len < buf.length && buf[len] != 0) {
            len++;
        }
        return new String(buf, 0, len, StandardCharsets.UTF_8);
    }

    /** Returns {@code ret} when it is not negative, else throws an {@link AvException} naming {@code what}. */
    public static int check(int ret, String what, String url) {
        if (ret < 0) {
            throw new AvException(what, ret, url);
        }
        return ret;
    }

    public static int check(int ret, String what) {
        return check(ret, what, null);
    }
}
