package org.camelav.component;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.api.management.ManagedAttribute;
import org.apache.camel.api.management.ManagedResource;
import org.apache.camel.support.DefaultConsumer;
import org.apache.camel.support.SynchronizationAdapter;
import org.camelav.live.LatestItemMailbox;
import org.camelav.live.LiveView;
import org.camelav.live.ReconnectingReader;
import org.camelav.media.MediaItem;
import org.camelav.media.codec.HwAccel;
import org.camelav.media.codec.HwDevice;
import org.camelav.media.container.MediaReader;
import org.camelav.media.container.ReaderOptions;
import org.camelav.media.video.VideoFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads an FFmpeg input on a thread of its own and emits one exchange per frame or packet, synchronously, so a slow
 * route slows the reader instead of queueing frames (or, with latestFrame, drops stale ones). Live inputs reconnect
 * with back-off. Stopping interrupts a blocked FFmpeg call through the input's interrupt callback; the reading thread
 * closes every native resource itself.
 */
@ManagedResource(description = "Managed AvConsumer")
public class AvConsumer extends DefaultConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(AvConsumer.class);

    private final AvEndpoint endpoint;
    private final AvConsumerStats stats;
    private AutoCloseable meters;
    private ExecutorService executor;
    private volatile ReconnectingReader reader;
    private volatile LatestItemMailbox mailbox;
    private volatile LiveView view;
    /** Per-stream header values, for the one thread that emits. */
    private final AvBinding.StreamFacts facts = new AvBinding.StreamFacts();
    /** Permits for exchanges in flight (maxInflightExchanges); null: each exchange is waited for. */
    private volatile Semaphore window;

    public AvConsumer(AvEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.endpoint = endpoint;
        this.stats = new AvConsumerStats(() -> reader, () -> mailbox);
        AvConsumerHealthCheck check = new AvConsumerHealthCheck(this);
        check.setEnabled(endpoint.getComponent().isHealthCheckConsumerEnabled());
        setHealthCheck(check);
    }

    @Override
    public AvEndpoint getEndpoint() {
        return endpoint;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        HwAccel hw = endpoint.options().reader().decoding().hwaccel();
        if (hw != null && !hw.allowSoftwareFallback()) {
            HwDevice.check(hw);
        }
        view = endpoint.liveViews().attach(endpoint.getUrl(), packets());
        // without zeroCopy a frame's array is made when its exchange completes (or when the route asks for it): an
        // exchange whose frame nobody keeps leaves short-lived garbage, not an array alive across the route
        ReaderOptions opts = endpoint.options().reader();
        if (!opts.delivery().zeroCopy() && !opts.delivery().packets()) {
            opts = opts.toBuilder().deferCopy(true).build();
        }
        reader = new ReconnectingReader(opts, endpoint.backoff(),
                endpoint.getConfiguration().isReconnect(), this::starved);
        String name = "AvConsumer[" + endpoint.maskedUrl() + "]";
        if (endpoint.getConfiguration().isLatestFrame()) {
            mailbox = new LatestItemMailbox();
            window = null; // the newest frame, waited for: nothing would be gained by taking the next one early
            executor = getEndpoint().getCamelContext().getExecutorServiceManager().newFixedThreadPool(this, name, 2);
            executor.submit(this::readIntoMailbox);
            executor.submit(this::emitFromMailbox);
        } else {
            int inflight = endpoint.getConfiguration().getMaxInflightExchanges();
            window = inflight > 1 ? new Semaphore(inflight) : null;
            executor = getEndpoint().getCamelContext().getExecutorServiceManager().newSingleThreadExecutor(this, name);
            executor.submit(this::readAndEmit);
        }
        meters = AvMetrics.bindConsumer(this);
        endpoint.consumers().add(this);
    }

    @Override
    protected void doStop() throws Exception {
        endpoint.consumers().remove(this);
        AvMetrics.unbind(meters);
        meters = null;
        ReconnectingReader r = reader;
        if (r != null) {
            r.interrupt();
        }
        LatestItemMailbox m = mailbox;
        if (m != null) {
            m.close();
        }
        if (executor != null) {
            // graceful first, no thread interrupt: an exchange still in flight (a frame being written to a file)
            // completes, so the producer can still finish its output properly when it is stopped next; then
            // shutdownNow once the timeout has passed (a route blocked downstream)
            long timeout = endpoint.getConfiguration().getStopTimeout();
            long start = System.nanoTime();
            getEndpoint().getCamelContext().getExecutorServiceManager().shutdownGraceful(executor, timeout);
            long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            if (waited >= timeout) {
                LOG.warn("Reader of {} took {} ms to stop and was interrupted (is the route blocked downstream?)",
                        endpoint.maskedUrl(), waited);
            }
            executor = null;
        }
        if (m != null) {
            m.clear(); // a frame left in the slot when both threads stopped
        }
        if (view != null) {
            endpoint.liveViews().detach(endpoint.getUrl(), packets());
            view = null;
        }
        super.doStop();
    }

    private boolean packets() {
        return endpoint.getConfiguration().getMode() == AvMode.PACKETS;
    }

    private void readAndEmit() {
        ReconnectingReader r = reader;
        try (r) {
            MediaItem item;
            while (isRunAllowed() && (item = r.next()) != null) {
                emit(item, 0);
            }
            endedEmpty(r);
        } catch (Exception e) {
            readFailed(e);
        }
    }

    private void readIntoMailbox() {
        ReconnectingReader r = reader;
        try (r) {
            MediaItem item;
            while (isRunAllowed() && (item = r.next()) != null) {
                mailbox.put(item);
            }
            endedEmpty(r);
        } catch (Exception e) {
            readFailed(e);
        } finally {
            mailbox.close();
        }
    }

    private void emitFromMailbox() {
        LatestItemMailbox m = mailbox;
        try {
            while (isRunAllowed() && !m.isClosedAndEmpty()) {
                LatestItemMailbox.Taken t = m.take(500);
                if (t != null) {
                    emit(t.item(), t.droppedBefore());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * An input that ended without an error but delivered nothing (a damaged file whose selected stream has no packet)
     * still ends visibly: one exchange with an empty body, {@code CamelAvEndOfStream=true} and no frame index. An input
     * that failed raises its error instead (see readFailed).
     */
    private void endedEmpty(ReconnectingReader r) {
        if (!isRunAllowed() || r.items() > 0) {
            return;
        }
        LOG.warn("{} ended without delivering any frame or packet", endpoint.maskedUrl());
        Exchange exchange = createExchange(false);
        AvBinding.endedEmpty(exchange.getMessage());
        try {
            getProcessor().process(exchange);
        } catch (Exception e) {
            exchange.setException(e);
        }
        completed(exchange, "the end of " + endpoint.maskedUrl());
    }

    /** A live source kept its connection but gave no media: the route hears of it (bridgeErrorHandler) as it reconnects. */
    private void starved(Exception e) {
        if (isRunAllowed()) {
            getExceptionHandler().handleException("No media from " + endpoint.maskedUrl() + "; reconnecting", e);
        }
    }

    private void readFailed(Exception e) {
        if (isRunAllowed()) {
            getExceptionHandler().handleException("Error reading " + endpoint.maskedUrl(), e);
        }
    }

    private void emit(MediaItem item, long droppedBefore) {
        Exchange exchange = createExchange(false);
        try {
            if (item instanceof VideoFrame) {
                // a zero-copy frame lives as long as its exchange: a seda/threads hand-off carries this on-completion
                // to the exchange that finishes the work, so the picture is given back only then; a default-path
                // frame makes its array then (a no-op for one that has it already)
                exchange.getExchangeExtension().addOnCompletion(new ReleaseOnCompletion(item));
            }
            LiveView v = view;
            if (v != null) {
                v.offer(item); // before the route runs: a zero-copy picture is still there for snapshots waiting
            }
            Message m = exchange.getMessage();
            AvBinding.toMessage(item, realtimeStart(), m, facts);
            stats.delivering(item);
            if (endpoint.getConfiguration().isLatestFrame()) {
                AvBinding.dropped(droppedBefore, m);
            }
        } catch (Exception e) {
            exchange.setException(e);
            item.release(); // failed before the route ran
            completed(exchange, item);
            return;
        }
        Semaphore w = window;
        if (w == null) {
            try {
                getProcessor().process(exchange);
            } catch (Exception e) {
                exchange.setException(e);
                item.release(); // a no-op if the route's on-completions ran
            }
            completed(exchange, item);
        } else {
            dispatch(exchange, item, w);
        }
    }

    /**
     * Hands the exchange to the route without waiting for it to complete: a route that completes asynchronously (a
     * pipelined av: producer) encodes this frame while the next one is read. At most maxInflightExchanges are in
     * flight; the next waits for a permit, which is how a slow route holds the reader back.
     */
    private void dispatch(Exchange exchange, MediaItem item, Semaphore w) {
        try {
            w.acquire();
        } catch (InterruptedException e) { // the stop's timeout ran out while the route held every permit
            Thread.currentThread().interrupt();
            exchange.setException(e);
            item.release();
            completed(exchange, item);
            return;
        }
        getAsyncProcessor().process(exchange, doneSync -> {
            try {
                completed(exchange, item);
            } finally {
                w.release();
            }
        });
    }

    /** Counts a processed exchange, hands a failure to the consumer's exception handler, and releases it. */
    private void completed(Exchange exchange, Object what) {
        stats.delivered(exchange.getException());
        if (exchange.getException() != null) {
            getExceptionHandler().handleException("Error processing " + what, exchange, exchange.getException());
        }
        releaseExchange(exchange, false);
    }

    /** Gives a zero-copy frame's picture back when its exchange completes, however it ends. */
    private static final class ReleaseOnCompletion extends SynchronizationAdapter {
        private final MediaItem item;

        ReleaseOnCompletion(MediaItem item) {
            this.item = item;
        }

        @Override
        public void onDone(Exchange exchange) {
            item.release();
        }
    }

    /** The current connection's start_time_realtime (RTCP wall clock), or null. */
    private Long realtimeStart() {
        ReconnectingReader r = reader;
        MediaReader current = r == null ? null : r.current();
        return current == null ? null : current.input().realtimeStartMicros();
    }

    // ---- JMX: each attribute reads the consumer's one stats object, as the console, health check and meters do

    ReconnectingReader reader() {
        return reader;
    }

    AvConsumerStats stats() {
        return stats;
    }

    @ManagedAttribute(description = "Reader state: CONNECTING, STREAMING, RECONNECTING or ENDED")
    public String getState() {
        return stats.state();
    }

    @ManagedAttribute(description = "Frames or packets read from the input")
    public long getFramesRead() {
        return stats.framesRead();
    }

    @ManagedAttribute(description = "Where video decodes: the hardware device type (cuda, vaapi...) or cpu")
    public String getDecoding() {
        return stats.decoding();
    }

    @ManagedAttribute(description = "Exchanges emitted")
    public long getExchanges() {
        return stats.exchanges();
    }

    @ManagedAttribute(description = "Exchanges that failed in the route")
    public long getFailedExchanges() {
        return stats.failedExchanges();
    }

    @ManagedAttribute(description = "Stale frames dropped in latestFrame mode")
    public long getDroppedFrames() {
        return stats.droppedFrames();
    }

    @ManagedAttribute(description = "Successful reconnects")
    public long getReconnects() {
        return stats.reconnects();
    }

    @ManagedAttribute(description = "Open and read errors (each one triggers a reconnect on live inputs)")
    public long getErrors() {
        return stats.errors();
    }
}
