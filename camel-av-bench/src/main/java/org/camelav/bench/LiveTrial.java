package org.camelav.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One trial of the live workload in a JVM: N sources of {@code frames} frames at {@code fps}, each reporting when its
 * frames arrive and when it ends; the summary says how far behind its own media clock the slowest one finished.
 * Shared by every in-process tool so that all are judged alike.
 */
final class LiveTrial {

    final int streams;
    final int frames;
    final double fps;
    private final long[] first;
    private final long[] last;
    private final long[] counts;
    private final CountDownLatch end;
    private final double cpu0 = Proc.cpuSeconds();
    private final long t0 = System.nanoTime();

    /** From the worker's arguments {@code streams=N frames=F [fps=25]}; the clock starts now. */
    LiveTrial(Map<String, String> a) {
        streams = Integer.parseInt(a.get("streams"));
        frames = Integer.parseInt(a.get("frames"));
        fps = Double.parseDouble(a.getOrDefault("fps", "25"));
        first = new long[streams];
        last = new long[streams];
        counts = new long[streams];
        end = new CountDownLatch(streams);
    }

    /** Source {@code k} delivered a frame now; returns when its first one arrived (its clock's origin). */
    long arrived(int k) {
        long now = System.nanoTime();
        if (counts[k]++ == 0) {
            first[k] = now;
        }
        last[k] = now;
        return first[k];
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
        for (int i = 0; i < streams; i++) {
            double lag = counts[i] == 0 ? Double.POSITIVE_INFINITY
                    : (last[i] - first[i]) / 1e9 - (counts[i] - 1) / fps;
            maxLag = Math.max(maxLag, lag);
            sumLag += lag;
            total += counts[i];
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("streams", streams);
        out.put("framesPerStream", frames);
        out.put("framesTotal", total);
        out.put("finished", finished && total == (long) frames * streams);
        out.put("maxLagSeconds", maxLag);
        out.put("meanLagSeconds", sumLag / streams);
        out.put("wallSeconds", (System.nanoTime() - t0) / 1e9);
        out.put("cpuSeconds", Proc.cpuSeconds() - cpu0);
        return out;
    }
}
