package org.camelav.component;

import java.util.concurrent.atomic.LongAdder;

import org.camelav.media.MediaItem;
import org.camelav.media.StreamInfo;
import org.camelav.media.video.VideoFrame;

/**
 * What one consumer delivered, for JMX, the {@code av} dev console, health checks and Micrometer. Written by the one
 * emitting thread per exchange (an adder increment and a few plain volatile writes, no lock, no allocation), read by
 * any thread. The reader's own counters (frames read, reconnects, errors) stay in the reader.
 */
final class AvConsumerStats {

    private static final long WINDOW_NANOS = 1_000_000_000L;

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
}
