package org.camelav.media;

import static org.bytedeco.ffmpeg.global.avutil.AVERROR_DECODER_NOT_FOUND;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EAGAIN;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_ENCODER_NOT_FOUND;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EXIT;
import static org.bytedeco.ffmpeg.global.avutil.av_strerror;

import java.nio.charset.StandardCharsets;

/** AVERROR helpers: error text, the one factory that types an FFmpeg failure, and checked calls. */
public final class AvErrors {

    public static final int EOF = AVERROR_EOF;
    public static final int EXIT = AVERROR_EXIT;
    /** AVERROR(EAGAIN) as the C headers FFmpeg was built with define it. */
    public static final int EAGAIN = AVERROR_EAGAIN();
    public static final int DECODER_NOT_FOUND = AVERROR_DECODER_NOT_FOUND;
    public static final int ENCODER_NOT_FOUND = AVERROR_ENCODER_NOT_FOUND;
    public static final int DEMUXER_NOT_FOUND = org.bytedeco.ffmpeg.global.avutil.AVERROR_DEMUXER_NOT_FOUND;

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

    /**
     * The {@link AvException} subclass for {@code code}'s family (see {@link AvTimeoutException},
     * {@link AvInvalidDataException}, {@link AvIoException}, {@link AvNotFoundException},
     * {@link AvUnsupportedException}); a plain {@link AvException} for the rest, among them AVERROR_EXIT from a stop.
     */
    public static AvException exception(String message, int code, String url) {
        return exception(message, code, url, false);
    }

    /**
     * @param timedOut true when our interrupt callback ended the call because the timeout passed (and the reader was
     *                 not being stopped): the failure is then an {@link AvTimeoutException} whatever code FFmpeg made
     *                 of the interruption
     */
    public static AvException exception(String message, int code, String url, boolean timedOut) {
        ErrorClass kind = timedOut ? ErrorClass.TIMEOUT : ErrorClass.of(code);
        return withReason(switch (kind) {
            case TIMEOUT -> new AvTimeoutException(message, code, url);
            case INVALID_DATA -> new AvInvalidDataException(message, code, url);
            case IO -> new AvIoException(message, code, url);
            case NOT_FOUND -> new AvNotFoundException(message, code, url);
            case UNSUPPORTED -> new AvUnsupportedException(message, code, url);
            case OTHER -> new AvException(message, code, url);
        });
    }

    /**
     * {@code e} with the reason FFmpeg logged for the failure on this thread just now ("moov atom not found",
     * "401 Unauthorized") at the end of its message, as PyAV attaches it; unchanged when FFmpeg logged none.
     */
    public static <E extends AvException> E withReason(E e) {
        String said = FfmpegReason.take();
        if (said != null) {
            e.setFfmpegReason(said);
        }
        return e;
    }

    /** Returns {@code ret} when it is not negative, else throws the typed {@link AvException} naming {@code what}. */
    public static int check(int ret, String what, String url) {
        if (ret < 0) {
            throw exception(what, ret, url);
        }
        return ret;
    }

    public static int check(int ret, String what) {
        return check(ret, what, null);
    }
}
