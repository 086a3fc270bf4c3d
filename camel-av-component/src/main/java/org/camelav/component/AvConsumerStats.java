package org.camelav.component;

import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

import org.camelav.live.LatestItemMailbox;
import org.camelav.live.ReconnectingReader;
import org.camelav.media.MediaItem;
import org.camelav.media.StreamInfo;
import org.camelav.media.container.MediaReader;
import org.camelav.media.video.VideoFrame;

/**
 * Everything one consumer reports, the one object JMX, the {@code av} dev console, the health check and Micrometer
 * read: what it delivered (written by the emitting thread, and by whichever thread completes an exchange that ran
 * asynchronously: adder increments and a few plain volatile writes, no lock, no allocation) and the reader's and
 * mailbox's own thread-safe counters, read through here
 * so no reporter reaches into the reader. {@link #FIGURES} lists the numbers once for the console and the meters.
 */
final class AvConsumerStats {

    /** The numbers the console and the meters publish, in the console's order. */
    static final List<AvFigure<AvConsumerStats>> FIGURES = List.of(
            AvFigure.counter("framesRead", "av.consumer.frames.read", "Frames or packets read from the input",
                    AvConsumerStats::framesRead),
            AvFigure.counter("exchanges", "av.consumer.exchanges", "Exchanges emitted", AvConsumerStats::exchanges),
            AvFigure.counter("failedExchanges", "av.consumer.exchanges.failed", "Exchanges that failed in the route",
                    AvConsumerStats::failedExchanges),
            AvFigure.counter("droppedFrames", "av.consumer.frames.dropped", "Stale frames dropped in latestFrame mode",
                    AvConsumerStats::droppedFrames),
            AvFigure.counter("reconnects", "av.consumer.reconnects", "Successful reconnects",
                    AvConsumerStats::reconnects),
            AvFigure.counter("errors", "av.consumer.errors", "Open and read errors", AvConsumerStats::errors),
            AvFigure.gauge("fps", "av.consumer.fps", "Exchanges a second over the last second", null,
                    AvConsumerStats::fps),
            AvFigure.gauge("decodeLagSeconds", "av.consumer.decode.lag",
                    "Seconds the delivery runs behind the media clock", "seconds", AvConsumerStats::decodeLagSeconds));

    private static final long WINDOW_NANOS = 1_000_000_000L;

    private final Supplier<ReconnectingReader> reader;
    private final Supplier<LatestItemMailbox> mailbox;

    private final LongAdder exchanges = new LongAdder();
    private final LongAdder failedExchanges = new LongAdder();

    // decode lag: wall clock against media time of one stream (the first one delivered), both from its first item
    private volatile int lagStream = -1;
    private long firstWallNanos;
    private double firstMediaTime;
    private volatile double lagSeconds;

    // exchanges per second, measured over windows of about a second
    private long windowStartNanos;
    private long windowStartCount;
    private volatile long lastWindowEndNanos;
    private volatile double fps;

    private volatile StreamInfo lastStream;
    private volatile int width;
    private volatile int height;
    private volatile String pixelFormat;
    private volatile Throwable lastRouteError;

    AvConsumerStats(Supplier<ReconnectingReader> reader, Supplier<LatestItemMailbox> mailbox) {
        this.reader = reader;
        this.mailbox = mailbox;
    }

    /** Before the exchange is processed: the item's facts. */
    void delivering(MediaItem item) {
        long now = System.nanoTime();
        Double t = item.time();
        if (t != null) {
            if (lagStream < 0) {
                firstWallNanos = now;
                firstMediaTime = t;
                lagStream = item.streamIndex();
            } else if (item.streamIndex() == lagStream) {
                lagSeconds = (now - firstWallNanos) / 1e9 - (t - firstMediaTime);
            }
        }
        long count = exchanges.sum();
        if (windowStartNanos == 0) {
            windowStartNanos = now;
            windowStartCount = count;
        } else if (now - windowStartNanos >= WINDOW_NANOS) {
            fps = (count - windowStartCount) * 1e9 / (now - windowStartNanos);
            windowStartNanos = now;
            windowStartCount = count;
            lastWindowEndNanos = now;
        }
        if (item.stream() != lastStream) {
            lastStream = item.stream();
        }
        if (item instanceof VideoFrame v && (v.width() != width || v.height() != height)) {
            pixelFormat = v.pixelFormat();
            height = v.height();
            width = v.width();
        }
    }

    /** After the route processed the exchange. */
    void delivered(Throwable failure) {
        exchanges.increment();
        if (failure != null) {
            failedExchanges.increment();
            lastRouteError = failure;
        }
    }

    long exchanges() {
        return exchanges.sum();
    }

    long failedExchanges() {
        return failedExchanges.sum();
    }

    /**
     * Seconds the delivery runs behind the media clock since the first item: grows while the route (or decoding)
     * cannot keep up with a live source; negative for a file read faster than real time.
     */
    double decodeLagSeconds() {
        return lagSeconds;
    }

    /** Exchanges a second over the last measured second; 0 once nothing came for two seconds. */
    double fps() {
        long end = lastWindowEndNanos;
        return end == 0 || System.nanoTime() - end > 2 * WINDOW_NANOS ? 0 : fps;
    }

    StreamInfo lastStream() {
        return lastStream;
    }

    /** Size and pixel format of the delivered video, as {@code 640x480 bgr24}; null before a video frame. */
    String video() {
        return width == 0 ? null : width + "x" + height + " " + pixelFormat;
    }

    Throwable lastRouteError() {
        return lastRouteError;
    }

    /** The reader's state (CONNECTING, STREAMING, RECONNECTING, ENDED), STOPPED before a start or after a stop. */
    String state() {
        ReconnectingReader r = reader.get();
        return r == null ? "STOPPED" : r.state().name();
    }

    long framesRead() {
        ReconnectingReader r = reader.get();
        return r == null ? 0 : r.items();
    }

    long droppedFrames() {
        LatestItemMailbox m = mailbox.get();
        return m == null ? 0 : m.droppedTotal();
    }

    long reconnects() {
        ReconnectingReader r = reader.get();
        return r == null ? 0 : r.reconnects();
    }

    long errors() {
        ReconnectingReader r = reader.get();
        return r == null ? 0 : r.errors();
    }

    /** Where video decodes: the hardware device type or {@code cpu}; null while not connected. */
    String decoding() {
        ReconnectingReader r = reader.get();
        MediaReader current = r == null ? null : r.current();
        if (current == null) {
            return null;
        }
        return current.selectedStreams().stream().map(StreamInfo::hwaccel).filter(java.util.Objects::nonNull)
                .findFirst().orElse("cpu");
    }

    /** The reader's last open or read error, else the route's last failure; null when neither happened. */
    Throwable lastError() {
        ReconnectingReader r = reader.get();
        return r != null && r.lastError() != null ? r.lastError() : lastRouteError;
    }
}
