package org.camelav.cluster;

import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.support.cluster.RebalancingCamelClusterService;

/**
 * Health check {@code camel-av/fleet}: UP while the node is connected to its cluster (it owns nothing while cut off
 * from ZooKeeper), with the members and the owned cameras as details.
 */
public final class FleetHealthCheck implements HealthCheck {

    private final FleetStatus status;
    private final CameraFleet fleet;
    private final AtomicBoolean enabled = new AtomicBoolean(true);

    public FleetHealthCheck(CameraFleet fleet, FleetStatus status) {
        this.fleet = fleet;
        this.status = status;
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
        builder.detail("node", status.getNodeId());
        builder.detail("members", String.join(",", status.members()));
        builder.detail("owned", String.join(",", status.owned()));
        builder.detail("cameras", fleet.cameras().size());
        Object c = fleet.cluster() instanceof RebalancingCamelClusterService r ? r.getDelegate() : fleet.cluster();
        boolean connected = !(c instanceof ZooKeeperPreemptiveClusterService zk) || zk.isConnected();
        if (connected) {
            builder.up();
        } else {
            builder.message("not connected to ZooKeeper: this node owns no camera").down();
        }
        return builder.build();
    }
}
