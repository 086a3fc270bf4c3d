package org.camelav.cluster;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What one node knows of one camera: its URL, how many items its route read, and the wall-clock intervals in which it
 * read them (an interval ends when no item came for {@code gapMillis}). The intervals of all nodes together show whether
 * a camera was ever read by two nodes at once.
 */
public final class CameraState {

    private static final int MAX_INTERVALS = 200;

    private final String name;
    private final String url;
    private final long gapMillis;
    private final AtomicLong items = new AtomicLong();
    private final Deque<long[]> intervals = new ArrayDeque<>();

    CameraState(String name, String url, long gapMillis) {
        this.name = name;
        this.url = url;
        this.gapMillis = gapMillis;
    }

    public String name() {
        return name;
    }

    public String url() {
        return url;
    }

    /** The cluster namespace that elects this camera's owner. */
    public String namespace() {
        return namespaceOf(name);
    }

    static String namespaceOf(String camera) {
        return "camera-" + camera;
    }

    public long items() {
        return items.get();
    }

    /** Called for every frame or packet the camera's route reads on this node. */
    void onItem(long nowMillis) {
        items.incrementAndGet();
        synchronized (intervals) {
            long[] last = intervals.peekLast();
            if (last == null || nowMillis - last[1] > gapMillis) {
                intervals.addLast(new long[] {nowMillis, nowMillis});
                if (intervals.size() > MAX_INTERVALS) {
                    intervals.removeFirst();
                }
            } else {
                last[1] = nowMillis;
            }
        }
    }

    /** True when an item came within the last {@code gapMillis}. */
    public boolean isReading(long nowMillis) {
        synchronized (intervals) {
            long[] last = intervals.peekLast();
            return last != null && nowMillis - last[1] <= gapMillis;
        }
    }

    /** Read intervals, oldest first, each {@code {firstItemMillis, lastItemMillis}} in epoch milliseconds. */
    public List<long[]> intervals() {
        synchronized (intervals) {
            List<long[]> copy = new ArrayList<>(intervals.size());
            intervals.forEach(i -> copy.add(i.clone()));
            return copy;
        }
    }
}
