package org.camelav.cluster;

import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckResultBuilder;

/**
 * Health check {@code camel-av/fleet}: UP while the node is connected to its cluster, DOWN while it is cut off from
 * ZooKeeper (it cannot take or hand over cameras then; with {@code on-coordinator-loss=keep} it still records the
 * ones it owned, with {@code stop} it owns none), with the members and the owned cameras as details.
 */
public final class FleetHealthCheck implements HealthCheck {

    private final FleetNode node;
    private final AtomicBoolean enabled = new AtomicBoolean(true);

    public FleetHealthCheck(FleetNode node) {
        this.node = node;
    }

    @Override
    public boolean isEnabled() {
        return enabled.get();
    }

    @Override
    public void setEnabled(boolean on) {
        enabled.set(on);
    }

    @Override
    public String getGroup() {
        return "camel-av";
    }

    @Override
    public String getId() {
        return "fleet";
    }

    @Override
    public Result call(Map<String, Object> options) {
        HealthCheckResultBuilder builder = HealthCheckResultBuilder.on(this);
        FleetStatus status = node.status();
        builder.detail("node", status.getNodeId());
        builder.detail("members", String.join(",", status.members()));
        builder.detail("owned", String.join(",", status.owned()));
        builder.detail("cameras", node.fleet().cameras().size());
        if (node.isConnected()) {
            builder.up();
        } else if (node.onCoordinatorLoss() == OnCoordinatorLoss.KEEP) {
            long since = node.disconnectedSince();
            builder.message("not connected to ZooKeeper" + (since == 0 ? "" : " for "
                            + (System.currentTimeMillis() - since) / 1000 + " s")
                            + ": this node keeps reading the cameras it owned (" + status.owned().size()
                            + "), on-coordinator-loss=keep").down();
        } else {
            builder.message("not connected to ZooKeeper: this node owns no camera").down();
        }
        return builder.build();
    }
}
