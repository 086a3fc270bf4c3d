package org.camelav.live;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.camelav.media.MediaItem;

/**
 * A one-slot hand-over between a reading thread and a slower processing thread: a new item replaces one not yet
 * taken, so the processor always gets the newest frame instead of a growing backlog (the "latest frame" mode live
 * camera pipelines need). Replaced items are counted, never silently lost.
 */
public final class LatestItemMailbox {

    /** An item and how many were dropped just before it. */
    public record Taken(MediaItem item, long droppedBefore) {
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition filled = lock.newCondition();
    private MediaItem slot;
    private long droppedSinceTake;
    private long droppedTotal;
    private boolean closed;

    /** Offers the newest item; returns true when it replaced one that was never taken. */
    public boolean put(MediaItem item) {
        lock.lock();
        try {
            boolean replaced = slot != null;
            if (replaced) {
                droppedSinceTake++;
                droppedTotal++;
                slot.release(); // a zero-copy frame nobody will see gives its picture back now
            }
            slot = item;
            filled.signal();
            return replaced;
        } finally {
            lock.unlock();
        }
    }

    /** Waits up to {@code timeoutMillis} for an item; null on timeout or once closed and empty. */
    public Taken take(long timeoutMillis) throws InterruptedException {
        lock.lock();
        try {
            long nanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
            while (slot == null && !closed && nanos > 0) {
                nanos = filled.awaitNanos(nanos);
            }
            if (slot == null) {
                return null;
            }
            Taken t = new Taken(slot, droppedSinceTake);
            slot = null;
            droppedSinceTake = 0;
            return t;
        } finally {
            lock.unlock();
        }
    }

    /** No more items will come; a waiting taker returns once the slot is empty. */
    public void close() {
        lock.lock();
        try {
            closed = true;
            filled.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Closes the mailbox and releases an item still waiting in it (once neither side runs any more). */
    public void clear() {
        lock.lock();
        try {
            closed = true;
            if (slot != null) {
                slot.release();
                slot = null;
            }
            filled.signalAll();
        } finally {
            lock.unlock();
        }
    }

    public boolean isClosedAndEmpty() {
        lock.lock();
        try {
            return closed && slot == null;
        } finally {
            lock.unlock();
        }
    }

    public long droppedTotal() {
        lock.lock();
        try {
            return droppedTotal;
        } finally {
            lock.unlock();
        }
    }
}
