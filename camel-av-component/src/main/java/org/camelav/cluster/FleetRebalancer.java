package org.camelav.cluster;

import java.util.List;
import java.util.Set;

import org.apache.camel.CamelContext;
import org.apache.camel.support.cluster.RebalancingCamelClusterService;

/**
 * Camel's {@link RebalancingCamelClusterService} with one change for {@link ZooKeeperPreemptiveClusterService}: a node
 * under its quota first joins only the elections of cameras that no live member claims to lead (each member publishes
 * what it leads, {@link ZooKeeperPreemptiveClusterService#getClaimed()}), and joins all of them, as Camel does, only
 * when there is none. When a node dies, the survivors go for its cameras alone: with 10 nodes and 500 cameras that is
 * 9 x 50 latches instead of 9 x 450 joined and left again, the burst that made the last of a dead node's cameras wait
 * (FleetScaleSimulationTest). A stale claim only delays a camera until no unclaimed one is left: then every election
 * is joined again, and ZooKeeper still elects one owner per camera.
 */
final class FleetRebalancer extends RebalancingCamelClusterService {

    private final ZooKeeperPreemptiveClusterService zooKeeper;

    FleetRebalancer(CamelContext context, ZooKeeperPreemptiveClusterService zooKeeper, long periodMillis) {
        super(context, zooKeeper, periodMillis);
        this.zooKeeper = zooKeeper;
    }

    @Override
    protected void rebalanceGroup(List<String> partitions, int quota) {
        List<String> owned = owned(partitions);
        if (owned != null && owned.size() < quota) {
            Set<String> claimed = zooKeeper.getClaimed();
            List<String> orphans = partitions.stream().filter(p -> !claimed.contains(p)).toList();
            if (!orphans.isEmpty()) {
                orphans.forEach(p -> setDisabled(p, false));
                return;
            }
        }
        super.rebalanceGroup(partitions, quota);
    }
}
