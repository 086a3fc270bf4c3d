package org.camelav.component;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.spi.ExecutorServiceManager;
import org.camelav.media.MediaItem;

/**
 * The pipelined producer's writing thread: exchanges queue here (at most {@link #DEPTH}; a sender finding the queue
 * full waits, which is the back-pressure a consumer feels) and are written in arrival order on one thread of Camel's
 * executor manager, so the sender decodes the next frame while this one is encoded, as ffmpeg's threaded pipeline
 * does. Each exchange completes (its callback is called) once its item is written, with the write's failure on it, so
 * a failure fails exactly the exchange whose item failed and a zero-copy frame is given back only after it was
 * encoded.
 */
final class AvWritePipeline {

    /** Items queued at most: enough to ride over an encoder's uneven frame times, little latency. */
    static final int DEPTH = 4;

    /** Writes one queued exchange's item on the pipeline's thread. */
    interface Writer {
        void write(Exchange exchange, MediaItem item) throws Exception;
    }

    private record Job(Exchange exchange, MediaItem item, AsyncCallback callback) {
    }

    private final BlockingQueue<Job> queue = new ArrayBlockingQueue<>(DEPTH);
    private final Writer writer;
    private final ExecutorServiceManager manager;
    private final ExecutorService executor;
    private volatile Thread thread;
    private volatile boolean accepting = true;

    AvWritePipeline(Object source, String name, ExecutorServiceManager manager, Writer writer) {
        this.writer = writer;
        this.manager = manager;
        this.executor = manager.newSingleThreadExecutor(source, name);
        executor.submit(this::run);
    }

    /**
     * Queues the exchange; returns false (it completes later, on the pipeline's thread). Called on the pipeline's own
     * thread (a route that sends back to this producer after it), it writes at once: waiting there could never end.
     */
    boolean submit(Exchange exchange, MediaItem item, AsyncCallback callback) {
        Job job = new Job(exchange, item, callback);
        if (Thread.currentThread() == thread) {
            write(job);
            return false;
        }
        try {
            while (!queue.offer(job, 100, TimeUnit.MILLISECONDS)) {
                if (!accepting) {
                    return refused(job, true);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return refused(job, true);
        }
        if (!accepting && queue.remove(job)) { // the stop's drain ran before this offer: nobody else will
            return refused(job, true);
        }
        return false;
    }

    private static boolean refused(Job job, boolean doneSync) {
        job.exchange().setException(new IllegalStateException("av: producer stopped before it could write this item"));
        job.callback().done(doneSync);
        return doneSync;
    }

    private void run() {
        thread = Thread.currentThread();
        try {
            while (accepting || !queue.isEmpty()) {
                Job job = queue.poll(100, TimeUnit.MILLISECONDS);
                if (job != null) {
                    write(job);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void write(Job job) {
        try {
            writer.write(job.exchange(), job.item());
        } catch (Throwable e) {
            job.exchange().setException(e);
        } finally {
            job.callback().done(false);
        }
    }

    /**
     * Stops taking exchanges and writes those queued, waiting up to {@code timeoutMillis}; then {@code unblock} (which
     * interrupts a write blocked on a stalled server) and the thread is stopped. Exchanges still queued then fail.
     */
    void stop(long timeoutMillis, Runnable unblock) {
        accepting = false;
        executor.shutdown();
        boolean ended;
        try {
            ended = executor.awaitTermination(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ended = false;
        }
        if (!ended) {
            unblock.run();
        }
        manager.shutdownNow(executor);
        List<Job> left = new ArrayList<>();
        queue.drainTo(left);
        left.forEach(job -> refused(job, false));
    }
}
