package org.camelav.cluster;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.CamelContext;
import org.apache.camel.support.cluster.RebalancingCamelClusterService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Camel's {@link RebalancingCamelClusterService} with three changes for {@link ZooKeeperPreemptiveClusterService},
 * all about how fast a dead node's cameras find a new owner (FleetScaleSimulationTest: 10 nodes, 500 cameras):
 * <ul>
 * <li>It rebalances as soon as a member joins or leaves (the member list's watch), not only every period.</li>
 * <li>A node under its quota first joins only the elections of cameras that no live member claims to lead (each member
 * publishes what it leads, {@link ZooKeeperPreemptiveClusterService#getClaimed()}), and joins all of them, as Camel
 * does, only when there is none: the survivors of a dead node go for its cameras alone.</li>
 * <li>When a member has just left ({@link #splitMillis()}), each node joins only its share of those unclaimed cameras:
 * every node computes the same split from the same claims (each camera, in order, to the member furthest below its
 * quota), so 9 survivors create about 50 latches for a dead node's 50 cameras instead of 9 x 50, and nobody wins more
 * than its quota only to give cameras back. A camera whose designated owner has not claimed it after
 * {@link #graceMillis()} is joined by every node under its quota, as before: a stale claim or a stalled node only
 * delays a camera.</li>
 * </ul>
 * ZooKeeper still elects one owner per camera; the split decides only who asks first.
 */
final class FleetRebalancer extends RebalancingCamelClusterService {

    private static final Logger LOG = LoggerFactory.getLogger(FleetRebalancer.class);

    private final ZooKeeperPreemptiveClusterService zooKeeper;
    /** Rounds run at once on a member change: each adds one periodic chain, which the next periodic round ends. */
    private final AtomicInteger surplus = new AtomicInteger();
    private final AtomicBoolean roundPending = new AtomicBoolean();
    /** Camera -> when this node first saw it unclaimed (System.nanoTime()); the rebalancing thread's own. */
    private final Map<String, Long> orphanedSince = new HashMap<>();

    FleetRebalancer(CamelContext context, ZooKeeperPreemptiveClusterService zooKeeper, long periodMillis) {
        super(context, zooKeeper, periodMillis);
        this.zooKeeper = zooKeeper;
        zooKeeper.setOnJoinOrLeave(this::rebalanceNow);
    }

    /** How long a camera stays with the member the split gave it before every node under quota goes for it. */
    long graceMillis() {
        return Math.max(2_000, 4 * periodMillis);
    }

    /**
     * How long after a member left the survivors split the unclaimed cameras (after that, and in a cold start or when
     * a node joins, every node under quota goes for all of them, as before: there the claims lag behind a fast-moving
     * election, and a split on stale claims would only leave cameras to the grace).
     */
    long splitMillis() {
        return 5 * graceMillis();
    }

    /** A member joined or left: a round now (at most one queued), on the rebalancing thread. */
    private void rebalanceNow() {
        ScheduledExecutorService executor = serializedExecutor;
        if (executor != null && roundPending.compareAndSet(false, true)) {
            surplus.incrementAndGet();
            try {
                executor.execute(this::roundNow);
            } catch (RejectedExecutionException stopped) {
                surplus.decrementAndGet();
                roundPending.set(false);
            }
        }
    }

    private void roundNow() {
        roundPending.set(false);
        round();
    }

    @Override
    protected void reconcile() {
        if (surplus.get() > 0) {
            surplus.decrementAndGet(); // a round at once started a second chain of periodic rounds: end one
            return;
        }
        round();
    }

    /** Camel's round (which schedules the next one); one that fails schedules the next itself, so rounds go on. */
    private void round() {
        try {
            super.reconcile();
        } catch (RuntimeException e) {
            ScheduledExecutorService executor = serializedExecutor;
            if (executor == null) {
                return; // stopped during the round: Camel's round fails scheduling the next one, as it should
            }
            LOG.warn("Rebalancing round failed: {}", e.toString());
            try {
                executor.schedule(this::reconcile, periodMillis, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException stopped) {
                // stopping
            }
        }
    }

    @Override
    protected void rebalanceGroup(List<String> partitions, int quota) {
        List<String> owned = owned(partitions);
        if (owned != null && owned.size() < quota) {
            Map<String, Set<String>> claims = zooKeeper.getClaimsByMember();
            Set<String> claimed = new HashSet<>();
            claims.values().forEach(claimed::addAll);
            List<String> orphans = partitions.stream().filter(p -> !claimed.contains(p)).toList();
            partitions.stream().filter(claimed::contains).forEach(orphanedSince::remove);
            if (!orphans.isEmpty()) {
                Set<String> mine = new HashSet<>(zooKeeper.sinceMemberLeftMillis() < splitMillis()
                        ? share(orphans, partitions, quota, claims, zooKeeper.getId()) : orphans);
                long now = System.nanoTime();
                for (String p : orphans) {
                    long since = orphanedSince.computeIfAbsent(p, k -> now);
                    if (mine.contains(p) || now - since > TimeUnit.MILLISECONDS.toNanos(graceMillis())) {
                        setDisabled(p, false);
                    }
                }
                return;
            }
        } else {
            partitions.forEach(orphanedSince::remove);
        }
        super.rebalanceGroup(partitions, quota);
    }

    /**
     * The orphans that fall to {@code self}: each, in order, to the member with the most room below {@code quota} in
     * this group (ties from a place that depends on the camera's name, so the cameras spread), by the members' published
     * claims. Every node gets the same answer from the same claims. All of them when {@code self} is not listed yet.
     */
    static List<String> share(List<String> orphans, List<String> partitions, int quota,
                              Map<String, Set<String>> claims, String self) {
        List<String> ids = new ArrayList<>(new java.util.TreeSet<>(claims.keySet()));
        if (!ids.contains(self)) {
            return orphans;
        }
        Set<String> group = new HashSet<>(partitions);
        int[] room = new int[ids.size()];
        for (int i = 0; i < room.length; i++) {
            room[i] = quota - (int) claims.get(ids.get(i)).stream().filter(group::contains).count();
        }
        List<String> mine = new ArrayList<>();
        for (String orphan : orphans) {
            int start = Math.floorMod(orphan.hashCode(), ids.size());
            int best = start;
            for (int i = 1; i < ids.size(); i++) {
                int m = (start + i) % ids.size();
                if (room[m] > room[best]) {
                    best = m;
                }
            }
            room[best]--;
            if (ids.get(best).equals(self)) {
                mine.add(orphan);
            }
        }
        return mine;
    }
}
