package org.camelav.media;

import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR;

import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The reason FFmpeg gave for a failure, as PyAV's {@code err_check} attaches it: FFmpeg logs the real cause ("moov
 * atom not found", "401 Unauthorized", "No such filter") on the calling thread and returns only an error code
 * ("Invalid data found when processing input"). The first ERROR line, else the first WARNING line, logged on this
 * thread within {@link #WINDOW_MILLIS} ms is attached to the next {@link AvException} built on it, masked like every
 * other output, then forgotten.
 */
final class FfmpegReason {

    /** How old a line may be and still belong to the call that failed: FFmpeg logs it just before it returns. */
    static final long WINDOW_MILLIS = 2_000;
    private static final Pattern ADDRESS = Pattern.compile(" @ 0x[0-9a-fA-F]+\\]");
    private static final ThreadLocal<Said> LAST = new ThreadLocal<>();

    private record Said(int level, String text, long at) {
    }

    private FfmpegReason() {
    }

    /** Called by the log bridge for ERROR and WARNING lines (any configured log level). */
    static void said(int avLevel, String line) {
        String text = line.strip();
        if (text.isEmpty()) {
            return;
        }
        long now = System.nanoTime();
        Said last = LAST.get();
        // the first error is the cause ("No such filter: 'x'"), later ones its aftermath ("Error processing
        // filtergraph"); an error outranks a warning; a line older than the window belongs to another call
        if (last == null || stale(last, now) || avLevel <= AV_LOG_ERROR && last.level > AV_LOG_ERROR) {
            LAST.set(new Said(avLevel, text, now));
        }
    }

    /** The line FFmpeg gave for the failure this thread is reporting now, masked, or null; forgotten once taken. */
    static String take() {
        Said last = LAST.get();
        LAST.remove();
        if (last == null || stale(last, System.nanoTime())) {
            return null;
        }
        // "[mov,mp4 @ 0x55d1...] moov atom not found": the address says nothing to a user
        return FfmpegLog.maskSecrets(ADDRESS.matcher(last.text).replaceAll("]"));
    }

    private static boolean stale(Said s, long now) {
        return now - s.at > TimeUnit.MILLISECONDS.toNanos(WINDOW_MILLIS);
    }
}
