package org.camelav.component;

import java.util.List;
import java.util.concurrent.atomic.LongAdder;

import org.camelav.media.MediaItem;
import org.camelav.media.MediaPacket;
import org.camelav.media.container.MediaWriter;

/**
 * What one producer wrote, for the {@code av} dev console, its health check and Micrometer: an adder increment per
 * exchange on the writing thread, read by any thread. Bytes come from the writers (packet payload muxed).
 */
final class AvProducerStats {

    /** The numbers the console and the meters publish, in the console's order. */
    static final List<AvFigure<AvProducerStats>> FIGURES = List.of(
            AvFigure.counter("framesWritten", "av.producer.frames.written", "Frames encoded into the output",
                    AvProducerStats::frames),
            AvFigure.counter("packetsWritten", "av.producer.packets.written", "Packets remuxed into the output",
                    AvProducerStats::packets),
            AvFigure.counter("bytes", "av.producer.bytes", "Bytes of the packets muxed (payload)",
                    AvProducerStats::bytes),
            AvFigure.counter("segments", "av.producer.segments",
                    "Outputs opened: the first, and a new one after each failure or restart", AvProducerStats::outputs),
            AvFigure.counter("errors", "av.producer.errors", "Writes that failed", AvProducerStats::errors));

    private final LongAdder frames = new LongAdder();
    private final LongAdder packets = new LongAdder();
    private final LongAdder outputs = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private volatile long closedBytes;
    private volatile MediaWriter current;
    private volatile Throwable lastError;
    /** Whether the last exchange failed: the next one opens a new output. */
    private volatile boolean failing;

    void opened(MediaWriter w) {
        outputs.increment();
        current = w;
    }

    void written(MediaItem item) {
        if (item instanceof MediaPacket) {
            packets.increment();
        } else {
            frames.increment();
        }
        if (failing) {
            failing = false;
        }
    }

    void failed(Throwable e) {
        errors.increment();
        lastError = e;
        failing = true;
    }

    /** The writer is closed: its bytes move to the closed total. */
    synchronized void closed(MediaWriter w) {
        if (current == w) {
            closedBytes += w.bytesWritten();
            current = null;
        }
    }

    long frames() {
        return frames.sum();
    }

    long packets() {
        return packets.sum();
    }

    /** Outputs (files, connections, segments of a restarted output) this producer opened. */
    long outputs() {
        return outputs.sum();
    }

    long errors() {
        return errors.sum();
    }

    /** Synchronized with {@link #closed}: a writer's bytes are counted either as closed or as current, never both. */
    synchronized long bytes() {
        MediaWriter w = current;
        return closedBytes + (w == null ? 0 : w.bytesWritten());
    }

    boolean isWriting() {
        return current != null;
    }

    boolean isFailing() {
        return failing;
    }

    Throwable lastError() {
        return lastError;
    }
}
