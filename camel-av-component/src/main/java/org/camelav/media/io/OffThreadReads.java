package org.camelav.media.io;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * Reads an adapter whose read may block for ever (an InputStream over a pipe or a socket: a stalled upload) on a helper
 * thread, so the thread FFmpeg calls from can give up when its interrupter says so. Java cannot unblock such a read:
 * interrupting the thread and closing the stream are both ignored by a read blocked on a pipe. The helper is left
 * blocked (a daemon thread, freed when the stream finally returns), while the caller returns at once.
 * <p>
 * Reads are never issued concurrently: a read left pending by a caller that gave up is the one the next call waits
 * for, and what it returns is kept, not lost.
 */
final class OffThreadReads {

    /** How often a waiting caller asks whether to give up: the precision of the timeout and of a stop. */
    private static final long POLL_MILLIS = 20;
    private static final AtomicLong THREAD_IDS = new AtomicLong();
    private static final ExecutorService THREADS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "av-body-read-" + THREAD_IDS.incrementAndGet());
        t.setDaemon(true); // a read that never returns must not keep the JVM alive
        return t;
    });

    private final IoAdapter in;
    private final byte[] buffer;
    private Future<Integer> pending;
    private int start;
    private int end;

    OffThreadReads(IoAdapter in, int bufferSize) {
        this.in = in;
        this.buffer = new byte[bufferSize];
    }

    /**
     * Up to {@code len} bytes, -1 at the end.
     *
     * @param giveUp asked while the read is blocked; true makes this call throw
     * @throws InterruptedIOException when {@code giveUp} said so (the read stays pending for a later call)
     */
    int read(byte[] buf, int off, int len, BooleanSupplier giveUp) throws IOException {
        if (end == start) {
            int n = await(giveUp);
            if (n < 0) {
                return -1;
            }
            start = 0;
            end = n;
        }
        int n = Math.min(len, end - start);
        System.arraycopy(buffer, start, buf, off, n);
        start += n;
        return n;
    }

    private int await(BooleanSupplier giveUp) throws IOException {
        if (pending == null) {
            pending = THREADS.submit(() -> in.read(buffer, 0, buffer.length));
        }
        while (true) {
            try {
                int n = pending.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
                pending = null;
                return n;
            } catch (TimeoutException e) {
                if (giveUp.getAsBoolean()) {
                    throw new InterruptedIOException("the read is blocked; given up");
                }
            } catch (ExecutionException e) {
                pending = null;
                throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while reading");
            }
        }
    }

    /**
     * Closes the adapter: at once when no read is pending, else on a helper thread after interrupting the pending read,
     * since the close of a stream whose read is blocked may block as long.
     */
    void close() throws IOException {
        Future<Integer> p = pending;
        pending = null;
        if (p == null || p.isDone()) {
            in.close();
            return;
        }
        p.cancel(true);
        THREADS.execute(() -> {
            try {
                in.close();
            } catch (IOException | RuntimeException e) {
                // the stream is being abandoned: nothing left to tell
            }
        });
    }
}
