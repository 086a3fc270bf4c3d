package org.camelav.live;

import static org.bytedeco.ffmpeg.global.avutil.AVERROR_HTTP_FORBIDDEN;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_HTTP_NOT_FOUND;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_HTTP_UNAUTHORIZED;

import java.util.concurrent.atomic.AtomicLong;

import org.camelav.media.AvErrors;
import org.camelav.media.AvException;
import org.camelav.media.FfmpegLog;
import org.camelav.media.MediaItem;
import org.camelav.media.UrlMasker;
import org.camelav.media.container.MediaReader;
import org.camelav.media.container.ReaderOptions;
import org.camelav.media.io.Interrupter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link MediaReader} that survives its source: when a network input or device fails to open, errors or ends, it
 * reopens it after a back-off and goes on, marking the first item after the gap as a discontinuity. Files and lavfi
 * graphs are never reconnected: their end is the end. Counters are readable from any thread.
 */
public final class ReconnectingReader implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReconnectingReader.class);

    /** What the reader is doing. */
    public enum State { CONNECTING, STREAMING, RECONNECTING, ENDED }

    private final ReaderOptions opts;
    private final Backoff backoff;
    private final boolean reconnect;
    private final String maskedUrl;
    private final Object sleeper = new Object();
    private volatile MediaReader reader;
    private volatile Interrupter opening;
    private volatile State state = State.CONNECTING;
    private volatile boolean interrupted;
    private volatile Exception lastError;
    private final AtomicLong items = new AtomicLong();
    private final AtomicLong reconnects = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final java.util.function.Consumer<AvException> starvedListener;
    /** System.nanoTime() of the last item returned, 0 before the first: the age health checks report. */
    private volatile long lastItemNanos;
    private int failures;
    private boolean gap;
    /** When the source was lost (System.nanoTime()) and the back-off last reported, for the outage's log lines. */
    private long downSince;
    private long reportedDelay;
    private long reportedAt;
    /** The server refused the request itself (401, 403, 404): every retry waits the longest back-off. */
    private boolean refused;

    /** @param reconnect whether to reconnect at all; it only ever applies to {@link org.camelav.media.container.InputOptions#isReconnectable()} */
    public ReconnectingReader(ReaderOptions opts, Backoff backoff, boolean reconnect) {
        this(opts, backoff, reconnect, e -> {
        });
    }

    /**
     * @param starved told, on the reading thread, of each connection given up because the source kept it open but gave
     *                no media ({@link MediaReader#starved()}): a failure the route must hear of, though reading goes
     *                on with a reconnect (a lost connection is only logged: reconnecting is the cure for it)
     */
    public ReconnectingReader(ReaderOptions opts, Backoff backoff, boolean reconnect,
            java.util.function.Consumer<AvException> starved) {
        this.starvedListener = starved;
        this.opts = opts;
        this.backoff = backoff;
        this.reconnect = reconnect && opts.input().isReconnectable();
        this.maskedUrl = UrlMasker.mask(opts.url());
    }

    /**
     * The next item; null when the input has ended for good (finite end, bound reached, or interrupted).
     *
     * @throws AvException when the input cannot be read and reconnecting is off or has given up
     */
    public MediaItem next() {
        while (!interrupted) {
            if (reader == null && !connect()) {
                continue;
            }
            MediaItem item;
            try {
                item = reader.next();
            } catch (AvException e) {
                if (interrupted) {
                    return null;
                }
                boolean starved = reader.starved();
                lost(e); // throws when not reconnecting: the error then ends the consumer as any other
                if (starved) {
                    starvedListener.accept(e);
                }
                continue;
            }
            if (item == null) {
                if (interrupted || !reconnect || reader.reachedBound()) {
                    state = State.ENDED;
                    return null;
                }
                lost(AvErrors.exception("Input ended", AvErrors.EOF, opts.url()));
                continue;
            }
            if (gap) {
                // items are immutable: the first after the gap is replaced by the same data with the mark
                item = item.withProps(item.props().withDiscontinuity());
                gap = false;
            }
            failures = 0;
            state = State.STREAMING;
            items.incrementAndGet();
            lastItemNanos = System.nanoTime();
            return item;
        }
        return null;
    }

    /** Opens a reader, or waits out the back-off after a failure; false to go round again. */
    private boolean connect() {
        if (failures > 0) {
            long delay = refused ? backoff.maxMillis() : backoff.delay(failures);
            LOG.debug("Reconnecting to {} in {} ms (attempt {})", maskedUrl, delay, failures);
            reportStillDown(delay);
            sleep(delay);
            if (interrupted) {
                return false;
            }
        }
        FfmpegLog.quiet(failures > 0); // the first failure logs FFmpeg's own lines, the retries do not
        try {
            // a bound counts across connections: a new one delivers only what is left of it
            long left = Math.max(1, opts.delivery().maxFrames() - items.get());
            ReaderOptions o = opts.delivery().maxFrames() > 0 ? opts.withMaxFrames(left) : opts;
            Interrupter it = new Interrupter(opts.input().timeoutMillis());
            opening = it;
            if (interrupted) {
                it.stop();
            }
            MediaReader r;
            try {
                r = MediaReader.open(o, it);
            } finally {
                opening = null;
                FfmpegLog.quiet(false);
            }
            if (interrupted) {
                r.close();
                return false;
            }
            reader = r;
            if (failures > 0 || reconnects.get() > 0) {
                reconnects.incrementAndGet();
                LOG.info("Reconnected to {}{}", maskedUrl, downSince == 0 ? "" : String.format(
                        " after %.1f s down, %d attempts", (System.nanoTime() - downSince) / 1e9, failures));
            }
            downSince = 0;
            refused = false;
            return true;
        } catch (AvException e) {
            if (interrupted) {
                return false;
            }
            errors.incrementAndGet();
            lastError = e;
            if (!reconnect || backoff.exhausted(++failures)) {
                state = State.ENDED;
                throw e;
            }
            if (downSince == 0) {
                downSince = System.nanoTime();
            }
            if (refusedUs(e)) {
                // a wrong password, a wrong path: retrying fast changes nothing, and some cameras lock the account
                if (!refused) {
                    LOG.warn("{} refused us ({}): waiting the longest back-off, {} ms, before each new attempt",
                            maskedUrl, e.getMessage(), backoff.maxMillis());
                    refused = true;
                }
            } else if (failures == 1) {
                LOG.warn("Cannot open {}: {}; retrying with back-off", maskedUrl, e.getMessage());
            }
            state = State.RECONNECTING;
            return false;
        }
    }

    /** 401, 403, 404 from an RTSP or HTTP server: the request itself is wrong, not the network. */
    private static boolean refusedUs(AvException e) {
        int c = e.getErrorCode();
        return c == AVERROR_HTTP_UNAUTHORIZED || c == AVERROR_HTTP_FORBIDDEN || c == AVERROR_HTTP_NOT_FOUND;
    }

    /** One line when the back-off grows a step, then one every 5 minutes at the longest: not one per attempt. */
    private void reportStillDown(long delay) {
        long now = System.nanoTime();
        if (downSince == 0 || failures < 2 || delay == reportedDelay && now - reportedAt < REPORT_EVERY_NANOS) {
            return;
        }
        reportedDelay = delay;
        reportedAt = now;
        LOG.warn("{} still down after {} s, {} attempts ({}); next attempt in {} ms", maskedUrl,
                (now - downSince) / 1_000_000_000L, failures, lastError == null ? "?" : lastError.getMessage(), delay);
    }

    private static final long REPORT_EVERY_NANOS = 5 * 60 * 1_000_000_000L;

    private void lost(AvException e) {
        closeReader();
        errors.incrementAndGet();
        lastError = e;
        if (!reconnect) {
            state = State.ENDED;
            throw e;
        }
        LOG.warn("Lost {}: {}; reconnecting", maskedUrl, e.getMessage());
        downSince = System.nanoTime();
        reportedDelay = 0;
        state = State.RECONNECTING;
        gap = true;
        failures = 1;
    }

    private void sleep(long millis) {
        long until = System.nanoTime() + millis * 1_000_000L;
        synchronized (sleeper) {
            long left;
            while (!interrupted && (left = until - System.nanoTime()) > 0) {
                try {
                    sleeper.wait(Math.max(1, left / 1_000_000L));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    interrupted = true;
                }
            }
        }
    }

    /** Thread-safe: ends a blocked read or a back-off wait; {@link #next()} then returns null. */
    public void interrupt() {
        interrupted = true;
        Interrupter it = opening;
        if (it != null) {
            it.stop();
        }
        MediaReader r = reader;
        if (r != null) {
            r.interrupt();
        }
        synchronized (sleeper) {
            sleeper.notifyAll();
        }
    }

    public State state() {
        return state;
    }

    /** The current connection's reader, or null while (re)connecting. */
    public MediaReader current() {
        return reader;
    }

    /** Milliseconds since the last item was returned, or -1 before the first. Safe from any thread. */
    public long lastItemAgeMillis() {
        long at = lastItemNanos;
        return at == 0 ? -1 : (System.nanoTime() - at) / 1_000_000L;
    }

    public long items() {
        return items.get();
    }

    public long reconnects() {
        return reconnects.get();
    }

    public long errors() {
        return errors.get();
    }

    public Exception lastError() {
        return lastError;
    }

    private void closeReader() {
        MediaReader r = reader;
        reader = null;
        if (r != null) {
            r.close();
        }
    }

    /** Closes the current connection; call from the reading thread. */
    @Override
    public void close() {
        closeReader();
        state = State.ENDED;
    }
}
