package org.camelav.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One trial of the live workload in a JVM: N sources of {@code frames} frames at {@code fps}, each reporting when its
 * frames arrive and when it ends; the summary says how far behind the common media clock the slowest one finished.
 * Shared by every in-process tool so that all are judged alike. A barrier holds each source at its first frame until
 * every source has opened its input and decoded one: all clocks start together, so N sources really run at once
 * (without it, sources that open slowly run one after another and a tool can pass with far fewer decoding together).
 */
final class LiveTrial {

    final int streams;
    final int frames;
    final double fps;
    private final long[] opened;
    private final long[] last;
    private final long[] counts;
    private final CountDownLatch end;
    private final CountDownLatch ready;
    private volatile long origin;
    /** Process CPU seconds when the clocks started: start-up (natives, routes, probing) stays out of the figure. */
    private volatile double cpuAtOrigin;
    /** Process CPU seconds and time when source 0 is half-way: the second half is the steady state (JIT settled). */
    private volatile double cpuAtHalf;
    private volatile long half;
    private final double cpu0 = Proc.cpuSeconds();
    private final long t0 = System.nanoTime();

    /** From the worker's arguments {@code streams=N frames=F [fps=25]}; the clock starts now. */
    LiveTrial(Map<String, String> a) {
        streams = Integer.parseInt(a.get("streams"));
        frames = Integer.parseInt(a.get("frames"));
        fps = Double.parseDouble(a.getOrDefault("fps", "25"));
        opened = new long[streams];
        last = new long[streams];
        counts = new long[streams];
        end = new CountDownLatch(streams);
        ready = new CountDownLatch(streams);
    }

    /**
     * Source {@code k} delivered a frame now; returns the common clock's origin, from which frame i is due at
     * {@code origin + i / fps}. Its first frame waits here until every source has delivered one (at most a minute).
     */
    long arrived(int k) throws InterruptedException {
        if (counts[k] == 0) {
            opened[k] = System.nanoTime();
            ready.countDown();
            if (ready.getCount() == 0) {
                cpuAtOrigin = Proc.cpuSeconds();
                origin = System.nanoTime();
            }
            if (!ready.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("not every source delivered a first frame within 60 s");
            }
            while (origin == 0) {
                Thread.onSpinWait(); // the last source is setting it
            }
        }
        long now = System.nanoTime();
        counts[k]++;
        if (k == 0 && counts[k] == frames / 2) {
            cpuAtHalf = Proc.cpuSeconds();
            half = now;
        }
        last[k] = now;
        return origin;
    }

    /** Waits until the next frame of source {@code k} is due on the common clock (pacing like ffmpeg -re). */
    void pace(int k, long origin) throws InterruptedException {
        long wait = origin + (long) (counts[k] / fps * 1e9) - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

    long count(int k) {
        return counts[k];
    }

    /** Source {@code k} is done (its last frame, or it failed). */
    void ended(int k) {
        end.countDown();
    }

    /** Waits for every source (three times the media duration, plus 30 s), then sums up lags, wall and CPU time. */
    Map<String, Object> await() throws InterruptedException {
        boolean finished = end.await((long) (frames / fps * 3 + 30), TimeUnit.SECONDS);
        double maxLag = 0;
        double sumLag = 0;
        long total = 0;
        long firstOpened = Long.MAX_VALUE;
        long lastOpened = 0;
        long firstEnd = Long.MAX_VALUE;
        for (int i = 0; i < streams; i++) {
            double lag = counts[i] == 0 ? Double.POSITIVE_INFINITY
                    : (last[i] - origin) / 1e9 - (counts[i] - 1) / fps;
            maxLag = Math.max(maxLag, lag);
            sumLag += lag;
            total += counts[i];
            firstOpened = Math.min(firstOpened, opened[i]);
            lastOpened = Math.max(lastOpened, opened[i]);
            firstEnd = Math.min(firstEnd, last[i]);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("streams", streams);
        out.put("framesPerStream", frames);
        out.put("framesTotal", total);
        out.put("finished", finished && total == (long) frames * streams);
        out.put("maxLagSeconds", maxLag);
        out.put("meanLagSeconds", sumLag / streams);
        // how long the sources took to open one after another, and how long all of them then ran at once
        out.put("openSpreadSeconds", origin == 0 ? null : (lastOpened - firstOpened) / 1e9);
        out.put("allRunningSeconds", origin == 0 ? null : (firstEnd - origin) / 1e9);
        // CPU cores busy from the common start to the end: the per-source decoding cost, start-up excluded
        out.put("coresBusyRunning", origin == 0 ? null
                : (Proc.cpuSeconds() - cpuAtOrigin) / ((System.nanoTime() - origin) / 1e9));
        out.put("coresBusySecondHalf", half == 0 ? null
                : (Proc.cpuSeconds() - cpuAtHalf) / ((System.nanoTime() - half) / 1e9));
        out.put("wallSeconds", (System.nanoTime() - t0) / 1e9);
        out.put("cpuSeconds", Proc.cpuSeconds() - cpu0);
        return out;
    }
}
