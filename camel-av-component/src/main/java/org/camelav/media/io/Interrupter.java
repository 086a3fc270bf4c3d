package org.camelav.media.io;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOInterruptCB;
import org.bytedeco.javacpp.Pointer;
import org.camelav.media.OpaqueId;

/**
 * FFmpeg's interrupt callback for one format context: makes blocking opens and reads return when the context is
 * closed or stopped, or when no I/O has completed within the timeout (a dead camera must never hold a thread).
 * <p>
 * JavaCPP caps the number of live callback thunks per class, so every context shares one static callback and
 * finds its own state through the {@code opaque} pointer, which carries a registry id rather than an address.
 */
public final class Interrupter implements AutoCloseable {

    private static final Map<Long, Interrupter> REGISTRY = new ConcurrentHashMap<>();
    private static final AtomicLong IDS = new AtomicLong();
    private static final AVIOInterruptCB.Callback_Pointer CALLBACK = new SharedCallback();

    private final long id = IDS.incrementAndGet();
    private final long timeoutNanos;
    private volatile boolean stopped;
    private volatile long deadline;
    private volatile boolean timeoutFired;
    /** Set once by {@link #closing(long)}: from then on only {@link #closingDeadline} ends a call. */
    private volatile boolean closing;
    private volatile long closingDeadline;
    /** System.nanoTime() of the last I/O that completed (bytes or a packet read): how long a call has been stuck. */
    private volatile long lastProgress = System.nanoTime();
    /** The job's interrupter this one was made from by {@link #next()}, or null. */
    private Interrupter parent;

    /** @param timeoutMillis how long one blocking operation may take; 0 or less means no timeout */
    public Interrupter(long timeoutMillis) {
        this.timeoutNanos = timeoutMillis > 0 ? timeoutMillis * 1_000_000L : 0;
        REGISTRY.put(id, this);
        arm();
    }

    /**
     * An interrupter for one more context of the same job (the second pass of a two-pass transcode): a context owns and
     * closes its interrupter, so each needs its own; stopping this one stops the new one too, with the same timeout.
     */
    public Interrupter next() {
        Interrupter n = new Interrupter(timeoutNanos / 1_000_000L);
        n.parent = this;
        return n;
    }

    /** Installs the callback on a context before it is opened. */
    public void install(AVFormatContext ctx) {
        AVIOInterruptCB cb = ctx.interrupt_callback();
        cb.callback(CALLBACK);
        cb.opaque(new OpaqueId(id));
    }

    /** Starts a new timeout window: call before each blocking operation. */
    public void arm() {
        deadline = timeoutNanos > 0 ? System.nanoTime() + timeoutNanos : Long.MAX_VALUE;
        timeoutFired = false;
    }

    /** Notes that I/O completed: a packet was read or a body delivered bytes. */
    public void progressed() {
        lastProgress = System.nanoTime();
    }

    /** Milliseconds since I/O last completed (or since this interrupter was made): long means stuck on a stall. */
    public long idleMillis() {
        return (System.nanoTime() - lastProgress) / 1_000_000L;
    }

    /** Makes the current and every later blocking call on this context return with AVERROR_EXIT. */
    public void stop() {
        stopped = true;
    }

    /**
     * Lets the calls that close the context run for at most {@code millis} from now, even after {@link #stop()}: the
     * stop has done its work (the blocked read returned), and what closing sends (an RTSP TEARDOWN) needs the socket
     * once more. A stop that comes later does not cut this window short, nor does the read timeout lengthen it: only
     * the window bounds the close, so a frozen peer holds it no longer than {@code millis}.
     */
    public void closing(long millis) {
        closingDeadline = System.nanoTime() + Math.max(0, millis) * 1_000_000L;
        closing = true;
    }

    public boolean isStopped() {
        return stopped || parent != null && parent.stopped;
    }

    /**
     * True when the callback ended the current blocking call because the timeout passed and no stop was asked: a stop
     * is never reported as a timeout, even when the deadline had passed too.
     */
    public boolean timedOut() {
        return timeoutFired && !isStopped();
    }

    /** What the interrupt callback answers: true to end the current blocking call (a timeout is then recorded). */
    boolean shouldInterrupt() {
        if (closing) {
            return System.nanoTime() - closingDeadline > 0;
        }
        if (isStopped()) {
            return true;
        }
        if (System.nanoTime() - deadline > 0) {
            timeoutFired = true;
            return true;
        }
        return false;
    }

    @Override
    public void close() {
        stopped = true;
        REGISTRY.remove(id);
    }

    private static final class SharedCallback extends AVIOInterruptCB.Callback_Pointer {
        @Override
        public int call(Pointer opaque) {
            Interrupter it = opaque == null ? null : REGISTRY.get(opaque.address());
            // an unknown id means the owner was closed: interrupt rather than block
            return it == null || it.shouldInterrupt() ? 1 : 0;
        }
    }

}
