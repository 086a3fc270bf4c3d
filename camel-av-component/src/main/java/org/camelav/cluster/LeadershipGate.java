package org.camelav.cluster;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import org.apache.camel.CamelContext;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes the way from the fleet's leadership changes to the route policies when the CamelContext starts stopping, and
 * waits for a change already on its way. Camel's {@code ClusteredRoutePolicy} starts or stops its route holding its own
 * lock, which needs the route's lock; the context's shutdown holds the route's lock and then takes the policy's (to
 * release its view). A leadership change applied while the context shuts its routes down therefore deadlocked both
 * threads for good: caught by a thread dump in FleetScaleSimulationTest (a node stopped cleanly while its
 * AvFleetLeadership thread started a camera it had just won), and the likely cause of a cut-off node whose stop never
 * ended (it loses every camera at once while it stops). The context stops the routes itself; each policy drops its
 * flag when its route shuts down.
 */
final class LeadershipGate extends EventNotifierSupport {

    private static final Logger LOG = LoggerFactory.getLogger(LeadershipGate.class);
    /** How long the stopping context waits for a change on its way (a route start or stop). */
    private static final long DRAIN_SECONDS = 10;

    private final ReentrantReadWriteLock passing = new ReentrantReadWriteLock();
    private volatile boolean closed;

    /** Runs {@code change} (telling the route policies) unless the context is stopping; returns whether it ran. */
    boolean pass(CamelContext context, Runnable change) {
        passing.readLock().lock();
        try {
            if (closed || context != null && (context.isStopping() || context.isStopped())) {
                return false;
            }
            change.run();
            return true;
        } finally {
            passing.readLock().unlock();
        }
    }

    /** Open again (the service starts, also after a stop). */
    void open() {
        closed = false;
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof CamelEvent.CamelContextStoppingEvent;
    }

    @Override
    public void notify(CamelEvent event) throws Exception {
        // on the thread that stops the context, before it shuts any route down
        boolean drained = passing.writeLock().tryLock(DRAIN_SECONDS, TimeUnit.SECONDS);
        closed = true;
        if (drained) {
            passing.writeLock().unlock();
        } else {
            LOG.warn("A camera's leadership change still runs after {} s; stopping the context anyway", DRAIN_SECONDS);
        }
    }
}
