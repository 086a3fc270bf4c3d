package org.camelav.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.apache.curator.test.TestingServer;
import org.camelav.testsupport.FfmpegCli;
import org.camelav.testsupport.FleetFixture;
import org.junit.jupiter.api.Test;

/**
 * Three fleet nodes (child JVMs) and twelve live RTSP cameras against a real ZooKeeper (Curator's TestingServer in this
 * JVM, so it outlives the nodes this test kills): balanced start, kill -9 of a node, its return, and a ZooKeeper outage.
 * Ownership is what each node reports (owner of the election and its camera route started); "read by one node at a
 * time" is checked on the packets' wall-clock read intervals each node logs.
 */
class FleetFailoverTest {

    static final int CAMERAS = 12;
    static final long SESSION_TIMEOUT = FleetFixture.SESSION_TIMEOUT;
    /** Stated bound: two nodes' read intervals of one camera may overlap by at most the session timeout. */
    static final long OVERLAP_BOUND = SESSION_TIMEOUT;
    /** A rebalancing hand-over: the old owner stops, the next one connects (RTSP set-up, first key frame). */
    static final long HANDOVER_GAP_BOUND = 6_000;

    @Test
    void camerasSpreadFailOverRebalanceAndSurviveZooKeeperRestart() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "fleet-test", String.valueOf(System.currentTimeMillis())));
        try (FleetFixture fleet = FleetFixture.start(dir, CAMERAS)) {
            TestingServer zk = fleet.zooKeeper();
            Path list = dir.resolve("cameras.properties");
            Map<String, String> props = fleet.properties();
            props.put("camel.av.fleet.reload", "1000");
            // the ZooKeeper phase checks that no node reads while cut off (keep, the default: FleetCoordinatorOutageTest)
            props.put("camel.av.fleet.on-coordinator-loss", "stop");
            // every camera recorded where it is read: 2 s MPEG-TS segments named by their start (epoch seconds)
            Path rec = dir.resolve("rec");
            props.put("camel.av.fleet.camera-to", "av:" + rec.toAbsolutePath() + "/{camera}/%s.ts?record=true"
                                                  + "&segmentDuration=2&segmentClock=local");
            try (FleetNodes nodes = new FleetNodes(dir, props)) {
                nodes.start("node-1");
                nodes.start("node-2");
                FleetNodes.Life third = nodes.start("node-3");
                waitFor(null, "all three nodes up", 60, () -> nodes.living().size() == 3);
                long t0 = System.nanoTime();
                waitFor(nodes, "12 cameras, one owner each, 4 +- 1 per node", 15, () -> balanced(nodes, 3, 4));
                log("balanced on 3 nodes after %d ms: %s", ms(t0), owners(nodes));

                List<String> orphans = List.copyOf(nodes.living().get("node-3").owned());
                nodes.kill(third);
                long killed = System.currentTimeMillis();
                t0 = System.nanoTime();
                waitFor(nodes, "node-3's cameras owned by the survivors, 6 +- 1 each", 10, () -> balanced(nodes, 2, 6));
                log("kill -9 node-3: survivors own all after %d ms: %s", ms(t0), owners(nodes));
                waitFor(nodes, "node-3's cameras recorded again by the survivors", 15,
                        () -> orphans.stream().allMatch(c -> !segmentsSince(rec.resolve(c), killed).isEmpty()));
                log("kill -9 node-3: its cameras %s recorded again as new segments after %d ms", orphans, ms(t0));

                nodes.start("node-3");
                waitFor(null, "node-3 back", 60, () -> nodes.living().size() == 3);
                t0 = System.nanoTime();
                long returned = System.currentTimeMillis();
                waitFor(nodes, "back to 4 +- 1 each", 30, () -> balanced(nodes, 3, 4));
                log("node-3 back: balanced after %d ms: %s", ms(t0), owners(nodes));
                long worstGap = worstHandoverGap(nodes.history(), returned, System.currentTimeMillis());
                assertTrue(worstGap <= HANDOVER_GAP_BOUND, "a rebalancing hand-over left a camera unread for "
                                                           + worstGap + " ms");

                zk.stop();
                t0 = System.nanoTime();
                // safe behaviour: a node that cannot reach ZooKeeper drops its cameras (before any session can expire)
                waitFor(nodes, "no node owns a camera while ZooKeeper is down", 8,
                        () -> nodes.living().values().stream().allMatch(s -> s.owned().isEmpty()));
                log("ZooKeeper down: every node dropped its cameras after %d ms", ms(t0));
                Thread.sleep(Math.max(0, 10_000 - ms(t0)));
                zk.restart();
                t0 = System.nanoTime();
                waitFor(nodes, "the fleet converges after ZooKeeper restarts", 45, () -> balanced(nodes, 3, 4));
                log("ZooKeeper back: balanced after %d ms: %s", ms(t0), owners(nodes));

                // the camera list changes at run time: cam12 removed, then added again
                String all = Files.readString(list);
                Files.writeString(list, all.lines().filter(l -> !l.startsWith("cam12=")).collect(Collectors.joining("\n")));
                t0 = System.nanoTime();
                waitFor(nodes, "cam12 read by no node, 11 cameras balanced", 15, () -> balanced(nodes, 3, 4, CAMERAS - 1)
                        && nodes.living().values().stream().noneMatch(s -> s.owned().contains("cam12")));
                log("cam12 removed: balanced after %d ms: %s", ms(t0), owners(nodes));
                Files.writeString(list, all);
                t0 = System.nanoTime();
                waitFor(nodes, "cam12 back, 12 cameras balanced", 15, () -> balanced(nodes, 3, 4));
                log("cam12 added again: balanced after %d ms: %s", ms(t0), owners(nodes));

                assertReadByOneNodeAtATime(nodes.history());
                for (String camera : orphans) { // what the survivors recorded plays: ffprobe counts its pictures
                    Path first = segmentsSince(rec.resolve(camera), killed).get(0);
                    long frames = FfmpegCli.countFrames(first, "v:0");
                    assertTrue(frames > 0, first + " (recorded by a survivor) has no picture");
                }
            }
        }
    }

    /** A camera's segment files that started after {@code sinceMillis} (their names are whole epoch seconds). */
    static List<Path> segmentsSince(Path cameraDir, long sinceMillis) {
        if (!Files.isDirectory(cameraDir)) {
            return List.of();
        }
        try (var files = Files.list(cameraDir)) {
            return files.filter(f -> f.getFileName().toString().matches("\\d+(-\\d+)?\\.ts"))
                    .filter(f -> Long.parseLong(f.getFileName().toString().split("[-.]")[0]) * 1000 > sinceMillis)
                    .sorted().toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * The longest time a camera went unread between one node's last packet and another's first, for hand-overs whose
     * first node stopped reading between {@code from} and {@code to} (epoch ms).
     */
    static long worstHandoverGap(List<FleetNodes.Status> lives, long from, long to) {
        long worst = 0;
        int handovers = 0;
        for (int a = 0; a < lives.size(); a++) {
            for (Map.Entry<String, List<long[]>> e : lives.get(a).intervals().entrySet()) {
                for (long[] x : e.getValue()) {
                    if (x[1] < from || x[1] > to) {
                        continue;
                    }
                    long next = Long.MAX_VALUE; // the first packet another node read after this interval
                    for (int b = 0; b < lives.size(); b++) {
                        for (long[] y : b == a ? List.<long[]>of()
                                : lives.get(b).intervals().getOrDefault(e.getKey(), List.of())) {
                            if (y[0] >= x[0]) {
                                next = Math.min(next, y[0]);
                            }
                        }
                    }
                    if (next != Long.MAX_VALUE) {
                        handovers++;
                        worst = Math.max(worst, next - x[1]);
                    }
                }
            }
        }
        log("%d hand-overs while node-3 rejoined; longest gap %d ms", handovers, worst);
        assertTrue(handovers > 0, "node-3 took no camera over");
        return worst;
    }

    /** Every camera owned by exactly one living node, each of the {@code n} nodes owning {@code share} +- 1. */
    static boolean balanced(FleetNodes nodes, int n, int share) {
        return balanced(nodes, n, share, CAMERAS);
    }

    static boolean balanced(FleetNodes nodes, int n, int share, int cameras) {
        Map<String, FleetNodes.Status> living = nodes.living();
        if (living.size() != n) {
            return false;
        }
        Map<String, Integer> owners = FleetNodes.ownerCounts(living);
        return owners.size() == cameras && owners.values().stream().allMatch(c -> c == 1)
               && living.values().stream().allMatch(s -> Math.abs(s.owned().size() - share) <= 1);
    }

    static Map<String, Object> owners(FleetNodes nodes) {
        Map<String, Object> m = new TreeMap<>();
        nodes.living().forEach((id, s) -> m.put(id, s.owned()));
        return m;
    }

    /** Across all node lives, two different lives' read intervals of one camera overlap by at most the bound. */
    static void assertReadByOneNodeAtATime(List<FleetNodes.Status> lives) {
        assertReadByOneNodeAtATime(lives, OVERLAP_BOUND);
    }

    /** The same with another bound (ms; negative: the hand-overs must leave at least that gap). */
    static long assertReadByOneNodeAtATime(List<FleetNodes.Status> lives, long bound) {
        long worst = Long.MIN_VALUE;
        String where = "";
        int compared = 0;
        for (int a = 0; a < lives.size(); a++) {
            for (int b = a + 1; b < lives.size(); b++) {
                for (Map.Entry<String, List<long[]>> e : lives.get(a).intervals().entrySet()) {
                    for (long[] x : e.getValue()) {
                        for (long[] y : lives.get(b).intervals().getOrDefault(e.getKey(), List.of())) {
                            long overlap = Math.min(x[1], y[1]) - Math.max(x[0], y[0]);
                            compared++;
                            if (overlap > worst) {
                                worst = overlap;
                                where = e.getKey() + " " + lives.get(a).id() + " vs " + lives.get(b).id();
                            }
                        }
                    }
                }
            }
        }
        log("%d interval pairs compared; largest overlap %d ms (negative: a gap) at %s", compared, worst, where);
        assertTrue(compared > 0, "no read intervals were logged");
        assertTrue(worst <= bound, "camera read by two nodes at once for " + worst + " ms: " + where);
        List<Integer> cams = new ArrayList<>();
        lives.forEach(s -> s.intervals().values().forEach(l -> cams.add(l.size())));
        assertEquals(true, cams.stream().anyMatch(c -> c > 0), "some camera was read");
        return worst;
    }

    /** Polls {@code ok}; the failure names what the nodes owned then. */
    static void waitFor(FleetNodes nodes, String what, long seconds, java.util.function.BooleanSupplier ok)
            throws InterruptedException {
        waitFor(nodes, CAMERAS, what, seconds, ok);
    }

    /** The same for a fleet of {@code cameras} cameras. */
    static void waitFor(FleetNodes nodes, int cameras, String what, long seconds, java.util.function.BooleanSupplier ok)
            throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (!ok.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + seconds + " s: " + what
                                         + (nodes == null ? "" : "; owned and read: " + owners(nodes)
                                                                 + nodes.explain(cameras)));
            }
            Thread.sleep(200);
        }
    }

    static long ms(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    static void log(String format, Object... args) {
        System.out.println("[fleet] " + String.format(format, args));
    }
}
