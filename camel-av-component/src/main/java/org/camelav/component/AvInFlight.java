package org.camelav.component;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.camelav.media.io.Interrupter;

/**
 * The one-shot operations (probe, thumbnail, transcode, a snapshot that opens its source) running in this component's
 * producers. Camel's graceful shutdown waits for the exchanges in flight before it stops any producer, so a probe
 * blocked on a stalled body held the whole CamelContext stop for as long as its {@code timeout}. When the context starts
 * to stop, each running operation gets its endpoint's {@code stopTimeout} to finish, as a consumer's exchange does, and
 * is then interrupted: its exchange fails and the stop goes on. One stuck on a stall (no I/O completed for
 * {@link #STUCK_MILLIS}) is interrupted without waiting for the rest of its stopTimeout: it would finish nothing in it.
 * The CamelContextStoppingEvent is what Camel raises before it shuts routes down (a LifecycleStrategy hears of the
 * stop only after that wait).
 */
final class AvInFlight extends EventNotifierSupport {

    AvInFlight() {
        // only the context's own events: exchange events would cost every exchange of the context something
        setIgnoreExchangeEvents(true);
        setIgnoreRouteEvents(true);
        setIgnoreServiceEvents(true);
        setIgnoreStepEvents(true);
    }

    /** No I/O completed for this long: the operation is stuck on a stalled source, not finishing work. */
    static final long STUCK_MILLIS = 1_000;
    private static final long CHECK_MILLIS = 100;

    /** Each running operation's interrupter, with the stopTimeout of its endpoint. */
    private final Map<Interrupter, Long> running = new ConcurrentHashMap<>();

    /** A new interrupter for an operation with these bounds; give it back with {@link #finished}. */
    Interrupter started(long timeoutMillis, long stopTimeoutMillis) {
        Interrupter it = new Interrupter(timeoutMillis);
        running.put(it, stopTimeoutMillis);
        return it;
    }

    void finished(Interrupter it) {
        running.remove(it);
    }

    @Override
    public void notify(CamelEvent event) {
        if (event instanceof CamelEvent.CamelContextStoppingEvent stopping) {
            stopping(stopping.getContext());
        }
    }

    private void stopping(CamelContext context) {
        if (running.isEmpty()) {
            return;
        }
        // a thread of Camel's executor manager: named, tracked, and shut down once the context has stopped
        ScheduledExecutorService watchdog = context.getExecutorServiceManager()
                .newSingleThreadScheduledExecutor(this, "AvStopOperations");
        long stopping = System.nanoTime();
        watchdog.scheduleWithFixedDelay(() -> {
            long waited = (System.nanoTime() - stopping) / 1_000_000L;
            running.forEach((it, grace) -> {
                if (waited >= grace || it.idleMillis() >= STUCK_MILLIS) {
                    it.stop();
                }
            });
        }, 0, CHECK_MILLIS, TimeUnit.MILLISECONDS);
    }
}
