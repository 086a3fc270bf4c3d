package org.camelav.fleet;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.camelav.testsupport.Await;
import org.junit.jupiter.api.Test;

/**
 * The fleet at a scale that cannot run here for real: 10 nodes and 500 cameras on one real ZooKeeper
 * ({@link SimulatedFleet}: nodes in this JVM, camera reading replaced by a 500 ms timer). Measures, prints and writes to
 * {@code target/fleet-sim/figures.properties} what docs/scale-out.md reports: convergence from a cold start, failover of
 * a dead node's cameras (its link to ZooKeeper cut, so its session expires as a killed node's does), ZooKeeper requests
 * per node in steady state, heap and threads per camera view, and a rolling restart of all nodes. Asserts what must
 * hold whatever the machine's load: every camera owned by exactly one node and every node within one of the others
 * after each phase, never two nodes leading one camera, the dead node's cameras all taken over, and fewer than 100
 * ZooKeeper requests per second per node (a count, not a speed). In CI it runs 4 nodes and 40 cameras; the documented
 * figures come from {@code -Dfleet.sim.nodes=10 -Dfleet.sim.cameras=500} (about 4 minutes here).
 */
class FleetScaleSimulationTest {

    /** CI runs 4 nodes and 40 cameras; docs/scale-out.md's figures are of 10 and 500 (set both properties). */
    static final int NODES = Integer.getInteger("fleet.sim.nodes", 4);
    static final int CAMERAS = Integer.getInteger("fleet.sim.cameras", 40);

    private final Map<String, String> figures = new TreeMap<>();
    /** Camera and its leaders when it had more than one -> [first seen, last seen] (epoch ms). */
    private final Map<String, long[]> twoLeaders = new ConcurrentHashMap<>();
    /** Per camera, when it last had a leader; and the longest time a camera had none, since the last reset. */
    private final Map<String, Long> lastLed = new ConcurrentHashMap<>();
    private volatile long longestLeaderless;

    @Test
    void theFleetAtScale() throws Exception {
        Path dir = Path.of("target", "fleet-sim", String.valueOf(System.currentTimeMillis()));
        try (SimulatedFleet fleet = new SimulatedFleet(dir, CAMERAS)) {
            ExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
            ((java.util.concurrent.ScheduledExecutorService) sampler).scheduleWithFixedDelay(() -> sample(fleet), 250,
                    250, TimeUnit.MILLISECONDS);
            try {
                run(fleet);
            } finally {
                sampler.shutdownNow();
            }
        }
        Files.writeString(dir.resolveSibling("figures.properties"), figures.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue() + "\n").reduce("", String::concat));
        System.out.println("[fleet-sim] " + figures);
        twoLeaders.forEach((k, v) -> System.out.printf("[fleet-sim] two leaders %s for %d ms from %tT%n", k,
                v[1] - v[0], v[0]));
        assertTrue(twoLeaders.isEmpty(), "never two nodes leading one camera: " + twoLeaders.keySet());
    }

    private void run(SimulatedFleet fleet) throws Exception {
        // cold start: all nodes at once
        long t0 = System.nanoTime();
        List<SimulatedFleet.Node> nodes = startAll(fleet, NODES);
        long up = System.nanoTime();
        awaitBalanced(fleet, "cold start", 180);
        long balanced = System.nanoTime();
        figure("coldStart.fromFirstStartMs", (balanced - t0) / 1_000_000);
        figure("coldStart.fromLastUpMs", (balanced - up) / 1_000_000);

        // steady state: ZooKeeper requests per node over 10 s, then heap and threads
        Thread.sleep(10_000); // the rebalancer leaves the elections it joined in the cold start, latch by latch
        assertTrue(fleet.balanced(), "still balanced: " + fleet.summary());
        Map<String, Long> before = fleet.requests();
        long audits = nodes.stream().mapToLong(n -> n.zk().getAuditReads()).sum();
        Thread.sleep(10_000);
        Map<String, Long> after = fleet.requests();
        double auditRate = (nodes.stream().mapToLong(n -> n.zk().getAuditReads()).sum() - audits) / 10.0 / NODES;
        double max = 0;
        double sum = 0;
        for (String id : before.keySet()) {
            double rate = (after.get(id) - before.get(id)) / 10.0;
            assertTrue(before.get(id) >= 0 && after.get(id) >= 0, "the server lists " + id + "'s session");
            max = Math.max(max, rate);
            sum += rate;
        }
        figure("steady.zkRequestsPerSecondPerNode.mean", String.format("%.2f", sum / before.size()));
        figure("steady.zkRequestsPerSecondPerNode.max", String.format("%.2f", max));
        figure("steady.auditRequestsPerSecondPerNode", String.format("%.2f", auditRate));
        assertTrue(max < 100, "ZooKeeper requests per node per second in steady state: " + max);
        assertTrue(fleet.balanced(), "still balanced after 10 s: " + fleet.summary());
        // failover: one node dies (its ZooKeeper link cut: its session expires after the session timeout)
        SimulatedFleet.Node victim = nodes.get(0);
        List<String> orphans = fleet.leaders().entrySet().stream().filter(e -> e.getValue().equals(List.of(victim.id())))
                .map(Map.Entry::getKey).toList();
        resetGaps();
        long cut = System.nanoTime();
        Thread burial = fleet.kill(victim);
        long[] seen = new long[3]; // ms after the cut: the survivors saw the member go, first orphan elected, all elected
        Await.until("the dead node's " + orphans.size() + " cameras owned and read by the others", 60, () -> {
            long ms = (System.nanoTime() - cut) / 1_000_000;
            if (seen[0] == 0 && fleet.living().stream().allMatch(n -> !n.zk().getMemberIds().contains(victim.id()))) {
                seen[0] = ms;
            }
            Map<String, List<String>> led = fleet.leaders();
            long ledCount = orphans.stream().filter(led::containsKey).count();
            if (seen[1] == 0 && ledCount > 0) {
                seen[1] = ms;
            }
            if (seen[2] == 0 && ledCount == orphans.size()) {
                seen[2] = ms;
            }
            Set<String> taken = new java.util.HashSet<>();
            fleet.owned().values().forEach(taken::addAll);
            return taken.containsAll(orphans);
        });
        long over = System.nanoTime();
        figure("failover.memberGoneMs", seen[0]);
        figure("failover.firstElectedMs", seen[1]);
        figure("failover.allElectedMs", seen[2]);
        figure("failover.cameras", orphans.size());
        figure("failover.allTakenMs", (over - cut) / 1_000_000);
        assertTrue(orphans.size() >= CAMERAS / NODES, "the dead node led its share: " + orphans.size());
        awaitBalanced(fleet, "after the failover", 60);
        figure("failover.rebalancedMs", (System.nanoTime() - cut) / 1_000_000);
        // the dead node's context stops in the background, cut off; it must be gone before the node comes back (its
        // MBean, same name, is unregistered last), and stopping a cut-off node must not hang (an operator does it too)
        burial.join(20_000);
        if (burial.isAlive()) { // a diagnosis, not yet a failure: where a stop of a cut-off node waits
            System.out.println("[fleet-sim] the cut-off node still stops after 20 s; its thread:");
            for (StackTraceElement e : burial.getStackTrace()) {
                System.out.println("[fleet-sim] burial at " + e);
            }
            for (var info : java.lang.management.ManagementFactory.getThreadMXBean().dumpAllThreads(true, true)) {
                System.out.print("[fleet-sim] " + info);
            }
        }
        burial.join(70_000);
        assertTrue(!burial.isAlive(), "the cut-off node stopped within 90 s (thread dump above)");
        figure("failover.deadNodeStopMs", fleet.lastBurialMs());

        // the node comes back
        resetGaps();
        long back = System.nanoTime();
        fleet.start(victim.id());
        awaitBalanced(fleet, "after the node came back", 60);
        figure("rejoin.rebalancedMs", (System.nanoTime() - back) / 1_000_000);
        figure("rejoin.longestLeaderlessMs", longestLeaderless);

        // rolling restart of every node, one after the other with no pause: members come and go in a burst
        resetGaps();
        long roll = System.nanoTime();
        for (SimulatedFleet.Node n : fleet.living()) {
            fleet.stop(n);
            fleet.start(n.id());
        }
        long rolled = System.nanoTime();
        awaitBalanced(fleet, "after the rolling restart", 120);
        figure("rollingRestart.restartsMs", (rolled - roll) / 1_000_000);
        figure("rollingRestart.rebalancedAfterLastMs", (System.nanoTime() - rolled) / 1_000_000);
        figure("rollingRestart.longestLeaderlessMs", longestLeaderless);

        // heap and threads of the running fleet, then of the same JVM with every node stopped: the difference is the
        // nodes' (contexts, routes, views, latches, ZooKeeper clients)
        long heapRunning = SimulatedFleet.heapAfterGc();
        int[] threadsRunning = SimulatedFleet.threads();
        fleet.stopAll();
        long heapStopped = SimulatedFleet.heapAfterGc();
        int[] threadsStopped = SimulatedFleet.threads();
        figure("heap.perCameraViewBytes", (heapRunning - heapStopped) / ((long) NODES * CAMERAS));
        figure("threads.readers", threadsRunning[1]);
        figure("threads.perNodeBesidesReaders", (threadsRunning[0] - threadsRunning[1] - threadsStopped[0]) / NODES);
        figure("twoLeaders.cameras", twoLeaders.size());
        figure("twoLeaders.longestMs", twoLeaders.values().stream().mapToLong(v -> v[1] - v[0]).max().orElse(0));
    }

    private static List<SimulatedFleet.Node> startAll(SimulatedFleet fleet, int count) throws Exception {
        ExecutorService starters = Executors.newFixedThreadPool(count);
        try {
            List<Future<SimulatedFleet.Node>> started = new ArrayList<>();
            for (int i = 1; i <= count; i++) {
                String id = String.format("sim-%02d", i);
                started.add(starters.submit(() -> fleet.start(id)));
            }
            List<SimulatedFleet.Node> nodes = new ArrayList<>();
            for (Future<SimulatedFleet.Node> f : started) {
                nodes.add(f.get());
            }
            return nodes;
        } finally {
            starters.shutdown();
        }
    }

    private static void awaitBalanced(SimulatedFleet fleet, String when, long seconds) throws Exception {
        try {
            Await.until("every camera owned by one node, each node within one of the others, " + when, seconds,
                    fleet::balanced);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + ": " + fleet.summary(), e);
        }
    }

    private void sample(SimulatedFleet fleet) {
        try {
            long now = System.currentTimeMillis();
            Map<String, List<String>> leaders = fleet.leaders();
            leaders.forEach((cam, ids) -> {
                if (ids.size() > 1) {
                    twoLeaders.computeIfAbsent(cam + " " + ids, k -> new long[] {now, now})[1] = now;
                }
            });
            for (int i = 1; i <= fleet.cameras(); i++) {
                String cam = SimulatedFleet.camera(i);
                if (leaders.containsKey(cam)) {
                    Long last = lastLed.put(cam, now);
                    if (last != null) {
                        longestLeaderless = Math.max(longestLeaderless, now - last - 250); // less one sample period
                    }
                }
            }
        } catch (RuntimeException e) {
            // a node stopping under the sampler: the next sample
        }
    }

    /** Gaps are measured from now: a camera without a leader from now on counts from now. */
    private void resetGaps() {
        long now = System.currentTimeMillis();
        for (int i = 1; i <= CAMERAS; i++) {
            lastLed.put(SimulatedFleet.camera(i), now);
        }
        longestLeaderless = 0;
    }

    private void figure(String key, Object value) {
        figures.put(key, String.valueOf(value));
        System.out.println("[fleet-sim] " + key + " = " + value);
    }
}
