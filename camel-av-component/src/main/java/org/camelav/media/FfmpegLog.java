package org.camelav.media;

import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_DEBUG;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_FATAL;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_INFO;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_PANIC;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_QUIET;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_TRACE;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_VERBOSE;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_WARNING;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;
import static org.bytedeco.ffmpeg.global.avutil.setLogCallback;

import java.util.Locale;

import org.bytedeco.ffmpeg.avutil.LogCallback;
import org.bytedeco.javacpp.BytePointer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bridges FFmpeg's av_log to SLF4J (logger {@code org.camelav.ffmpeg}), installed once per JVM. The level is FFmpeg's
 * own filter (PyAV's {@code av.logging.set_level}): messages above it are dropped in native code before any Java
 * call. The callback holds no lock, so concurrent decoders cannot deadlock through it.
 */
public final class FfmpegLog {

    /** FFmpeg log levels by their ffmpeg -loglevel names. */
    public enum Level {
        QUIET(AV_LOG_QUIET), PANIC(AV_LOG_PANIC), FATAL(AV_LOG_FATAL), ERROR(AV_LOG_ERROR), WARNING(AV_LOG_WARNING),
        INFO(AV_LOG_INFO), VERBOSE(AV_LOG_VERBOSE), DEBUG(AV_LOG_DEBUG), TRACE(AV_LOG_TRACE);

        final int av;

        Level(int av) {
            this.av = av;
        }
    }

    static final Logger LOG = LoggerFactory.getLogger("org.camelav.ffmpeg");
    private static final LogCallback CALLBACK = new Bridge();
    private static volatile boolean installed;
    private static volatile Level level = Level.WARNING;

    private FfmpegLog() {
    }

    /** Installs the bridge (idempotent) and applies the current level. */
    public static synchronized void install() {
        if (!installed) {
            setLogCallback(CALLBACK);
            installed = true;
        }
        av_log_set_level(level.av);
    }

    public static void setLevel(Level newLevel) {
        level = newLevel;
        install();
    }

    public static Level getLevel() {
        return level;
    }

    /** Set on a thread that retries a connection: FFmpeg's errors then go to DEBUG (the caller reports the outage). */
    private static final ThreadLocal<Boolean> QUIET = new ThreadLocal<>();

    /**
     * Whether FFmpeg's ERROR and WARNING lines on this thread are logged at DEBUG: a camera that is down makes FFmpeg
     * log "Connection refused" at ERROR on every retry, forever; its reconnecting reader says once what is wrong and
     * how long it has been, and the reason still reaches each exception (FfmpegReason).
     */
    public static void quiet(boolean quiet) {
        if (quiet) {
            QUIET.set(Boolean.TRUE);
        } else {
            QUIET.remove();
        }
    }

    /**
     * Forgets the ERROR or WARNING line FFmpeg logged last on this thread (see FfmpegReason): work that succeeded on a
     * reader's thread (a live transcoder opening its encoder) must not give its warnings as the reason for the
     * reader's next failure.
     */
    public static void forgetReason() {
        FfmpegReason.take();
    }

    /** FFmpeg's last "... not on whitelist" line on this thread: it names the refused protocol, the error code does not. */
    private static final ThreadLocal<String> REFUSAL = new ThreadLocal<>();

    /** The whitelist refusal FFmpeg logged on this thread since the last call (then forgotten), or null. */
    public static String takeRefusal() {
        String line = REFUSAL.get();
        REFUSAL.remove();
        return line;
    }

    /** FFmpeg's last "Picture size WxH exceeds specified max pixel count" on this thread: max_pixels refused it. */
    private static final ThreadLocal<String> OVERSIZED = new ThreadLocal<>();
    private static final java.util.regex.Pattern PICTURE_SIZE
            = java.util.regex.Pattern.compile("Picture size (\\d+x\\d+) exceeds specified max pixel count");

    /** The picture size (WxH) FFmpeg's max_pixels refused on this thread since the last call (then forgotten), or null. */
    public static String takeOversized() {
        String size = OVERSIZED.get();
        OVERSIZED.remove();
        return size;
    }

    private static final class Bridge extends LogCallback {
        @Override
        public void call(int avLevel, BytePointer msg) {
            if (avLevel <= AV_LOG_WARNING) { // kept at any log level: the call that failed reports it
                FfmpegReason.said(avLevel, msg.getString());
            }
            if (avLevel <= AV_LOG_ERROR) { // kept at any log level: the open that failed reports it
                String line = msg.getString();
                if (line.contains("not on whitelist")) {
                    REFUSAL.set(maskSecrets(line.strip()));
                }
                java.util.regex.Matcher size = PICTURE_SIZE.matcher(line);
                if (size.find()) {
                    OVERSIZED.set(size.group(1));
                }
            }
            if (avLevel > level.av) {
                return;
            }
            String text = msg.getString().stripTrailing();
            if (text.isEmpty()) {
                return;
            }
            // FFmpeg prints URLs with their user info ("Opening 'http://user:pw@...'") and, at debug level, the
            // request headers: mask both before anything reaches a log (only lines that pass the level get here)
            text = maskSecrets(text);
            if (avLevel <= AV_LOG_WARNING && QUIET.get() != null) {
                LOG.debug(text);
            } else if (avLevel <= AV_LOG_ERROR) {
                LOG.error(text);
            } else if (avLevel <= AV_LOG_WARNING) {
                LOG.warn(text);
            } else if (avLevel <= AV_LOG_INFO) {
                LOG.info(text);
            } else if (avLevel <= AV_LOG_DEBUG) {
                LOG.debug(text);
            } else {
                LOG.trace(text);
            }
        }
    }

    /**
     * A log line with URL passwords, secret options and Authorization values masked (UrlMasker), and the passwords
     * of the URLs opened in this JVM wherever FFmpeg echoes them on their own.
     */
    static String maskSecrets(String text) {
        return OpenedSecrets.mask(UrlMasker.mask(text));
    }

    /**
     * The level of that name, case ignored.
     *
     * @throws IllegalArgumentException naming the valid levels (Enum.valueOf's "No enum constant" names none)
     */
    public static Level parse(String name) {
        for (Level level : Level.values()) {
            if (level.name().equalsIgnoreCase(name.trim())) {
                return level;
            }
        }
        throw new IllegalArgumentException("FFmpeg log level " + name + " is not one of " + String.join(", ",
                java.util.Arrays.stream(Level.values()).map(l -> l.name().toLowerCase(Locale.ROOT)).toList()));
    }
}
