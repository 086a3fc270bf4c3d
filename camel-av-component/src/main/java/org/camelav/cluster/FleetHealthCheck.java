package org.camelav.cluster;

import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckResultBuilder;

/**
 * Health check {@code camel-av/fleet}: UP while the node is connected to its cluster (it owns nothing while cut off
 * from ZooKeeper), with the members and the owned cameras as details.
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
        } else {
            builder.message("not connected to ZooKeeper: this node owns no camera").down();
        }
        return builder.build();
    }
}
