package org.camelav.cluster;

import java.util.function.IntSupplier;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.framework.state.ConnectionStateListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node's view of ZooKeeper outages: when the connection went (for the health check) and one log line when it goes
 * and one when it is back, saying what happens to the node's cameras. Per-camera leadership is the views' business.
 */
final class CoordinatorOutage implements ConnectionStateListener {

    private static final Logger LOG = LoggerFactory.getLogger(CoordinatorOutage.class);

    private final String nodeId;
    private final OnCoordinatorLoss policy;
    private final IntSupplier owned;
    /** Epoch ms of the connection's loss, 0 while connected. */
    private volatile long since;

    CoordinatorOutage(String nodeId, OnCoordinatorLoss policy, IntSupplier owned) {
        this.nodeId = nodeId;
        this.policy = policy;
        this.owned = owned;
    }

    /** Since when (epoch ms) ZooKeeper is unreachable, 0 while it is connected. */
    long since() {
        return since;
    }

    @Override
    public void stateChanged(CuratorFramework client, ConnectionState state) {
        long now = System.currentTimeMillis();
        if (!state.isConnected() && since == 0) {
            since = now;
            if (policy == OnCoordinatorLoss.KEEP) {
                LOG.warn("ZooKeeper unreachable ({}): node {} keeps reading the cameras it owns ({})"
                         + " (camel.av.fleet.on-coordinator-loss=keep); ownership is checked again when it is back",
                        state, nodeId, owned.getAsInt());
            } else {
                LOG.warn("ZooKeeper unreachable ({}): node {} stops the cameras it owns ({})"
                         + " (camel.av.fleet.on-coordinator-loss=stop)", state, nodeId, owned.getAsInt());
            }
        } else if (state.isConnected() && since != 0) {
            LOG.info("ZooKeeper reachable again after {} ms ({}): node {} checks its place in each election",
                    now - since, state, nodeId);
            since = 0;
        }
    }
}
