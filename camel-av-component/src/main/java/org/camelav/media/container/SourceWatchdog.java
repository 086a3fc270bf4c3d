package org.camelav.media.container;

import java.util.Collection;
import java.util.function.LongSupplier;

import org.camelav.media.AvErrors;

/**
 * Tells a live source that has stopped giving media from one that streams. FFmpeg's read timeout only notices a
 * source that sends nothing; a camera whose connection stays up while every packet fails to decode (or none decodes)
 * looks alive to it forever. Two rules end such a connection with FFmpeg's own reason, so the reader can reconnect:
 * <ul>
 * <li>a selected stream's decoder rejected {@link #MAX_CONSECUTIVE_DECODE_ERRORS} packets in a row;</li>
 * <li>no selected stream produced anything (a decoded frame, or a packet in packets mode) for
 * {@link #STALE_TIMEOUTS} times the read timeout.</li>
 * </ul>
 * Progress is counted at the decoder, before any filter, so a filter that drops most frames (select on scene changes)
 * is not a stall. Files and message bodies have an end and are never judged: the reader reports them at their end.
 */
public final class SourceWatchdog {

    /** Packets in a row one stream's decoder may reject: over 10 s of 30 fps video, longer than any camera's GOP. */
    public static final int MAX_CONSECUTIVE_DECODE_ERRORS = 300;
    /** A live source that produces nothing for this many read timeouts has stalled. */
    public static final int STALE_TIMEOUTS = 3;

    /** What the watchdog reads of one selected stream (a StreamChain). */
    interface Judged {
        /** Frames decoded, or packets passed on where nothing decodes. */
        long progress();

        long consecutiveDecodeErrors();

        /** The AVERROR of the last rejected packet, 0 for none. */
        int lastDecodeError();

        /** e.g. {@code Stream #0 (h264)}. */
        String label();
    }

    private final long staleNanos;
    private final String url;
    private final LongSupplier clock;
    private long lastProgress;
    private long lastProgressAt;
    private long pausedAt = -1;

    /** @param timeoutMillis the read timeout; 0 or less turns the staleness rule off (the decode-error rule stays) */
    SourceWatchdog(long timeoutMillis, String url) {
        this(timeoutMillis, url, System::nanoTime);
    }

    SourceWatchdog(long timeoutMillis, String url, LongSupplier clock) {
        this.staleNanos = timeoutMillis > 0 ? timeoutMillis * STALE_TIMEOUTS * 1_000_000L : 0;
        this.url = url;
        this.clock = clock;
        this.lastProgressAt = clock.getAsLong();
    }

    /**
     * The reader handed an item to its caller: the time until {@link #resumed()} (a slow route) is the route's, not
     * the source's, and does not count towards a stall.
     */
    void paused() {
        pausedAt = clock.getAsLong();
    }

    /** The reader is asked for the next item again. */
    void resumed() {
        if (pausedAt >= 0) {
            lastProgressAt += clock.getAsLong() - pausedAt;
            pausedAt = -1;
        }
    }

    /**
     * Judges the streams after a packet.
     *
     * @throws org.camelav.media.AvException typed by FFmpeg's last decode error, or an AvTimeoutException for a stall,
     *                                       when the source must be given up (and reconnected)
     */
    void check(Collection<? extends Judged> streams) {
        long progress = 0;
        for (Judged s : streams) {
            progress += s.progress();
            if (s.consecutiveDecodeErrors() >= MAX_CONSECUTIVE_DECODE_ERRORS) {
                // the exception appends FFmpeg's text of the last error: "...in a row: Invalid data found..."
                throw AvErrors.exception(s.label() + ": the decoder rejected " + s.consecutiveDecodeErrors()
                        + " packets in a row", s.lastDecodeError(), url);
            }
        }
        long now = clock.getAsLong();
        if (progress != lastProgress) {
            lastProgress = progress;
            lastProgressAt = now;
        } else if (staleNanos > 0 && now - lastProgressAt > staleNanos) {
            int last = streams.stream().mapToInt(Judged::lastDecodeError).filter(e -> e != 0).findFirst()
                    .orElse(0);
            throw AvErrors.exception(String.format("No frame from the selected streams for %.1f s (%d x"
                    + " timeout) while the source sends packets%s", (now - lastProgressAt) / 1e9, STALE_TIMEOUTS,
                    last == 0 ? "" : "; last decoder error: " + AvErrors.describe(last)), AvErrors.EXIT, url, true);
        }
    }
}
