package org.camelav.media;

import java.util.ArrayDeque;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A few idle, non-thread-safe native helpers (scalers, encoders) shared by many threads: each call borrows one, or
 * makes one when none is idle, and gives it back afterwards. At most {@code maxIdle} are kept; extras, and any that
 * failed mid-call, are closed at once, so every helper is freed exactly once.
 */
public final class NativePool<T extends AutoCloseable> implements AutoCloseable {

    private final Supplier<T> factory;
    private final int maxIdle;
    private final ArrayDeque<T> idle = new ArrayDeque<>();
    private boolean closed;

    public NativePool(Supplier<T> factory, int maxIdle) {
        this.factory = factory;
        this.maxIdle = maxIdle;
    }

    /** Runs {@code work} with a helper no other thread uses meanwhile. */
    public <R> R apply(Function<T, R> work) {
        T helper = borrow();
        R result;
        try {
            result = work.apply(helper);
        } catch (RuntimeException | Error e) {
            closeQuietly(helper);
            throw e;
        }
        giveBack(helper);
        return result;
    }

    private T borrow() {
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("Pool is closed");
            }
            T helper = idle.pollFirst();
            if (helper != null) {
                return helper;
            }
        }
        return factory.get();
    }

    private void giveBack(T helper) {
        synchronized (this) {
            if (!closed && idle.size() < maxIdle) {
                idle.addFirst(helper);
                return;
            }
        }
        closeQuietly(helper);
    }

    /** Idle helpers now; for tests. */
    public synchronized int idle() {
        return idle.size();
    }

    /** Frees the idle helpers; helpers still in use are freed when they come back. */
    @Override
    public void close() {
        ArrayDeque<T> toClose;
        synchronized (this) {
            closed = true;
            toClose = new ArrayDeque<>(idle);
            idle.clear();
        }
        toClose.forEach(NativePool::closeQuietly);
    }

    private static void closeQuietly(AutoCloseable helper) {
        try {
            helper.close();
        } catch (Exception e) {
            org.slf4j.LoggerFactory.getLogger(NativePool.class).warn("Closing {}: {}", helper, e.getMessage());
        }
    }
}
