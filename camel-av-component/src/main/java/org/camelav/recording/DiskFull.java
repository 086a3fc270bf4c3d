package org.camelav.recording;

import static org.bytedeco.ffmpeg.global.avutil.AVERROR_ENOSPC;

import org.camelav.media.AvException;

/** Whether a failure was a full volume (ENOSPC from FFmpeg, or the OS's "No space left on device" from Java I/O). */
final class DiskFull {

    private DiskFull() {
    }

    static boolean is(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof AvException a && a.getErrorCode() == AVERROR_ENOSPC()) {
                return true;
            }
            if (t.getMessage() != null && t.getMessage().contains("No space left")) {
                return true;
            }
        }
        return false;
    }
}
