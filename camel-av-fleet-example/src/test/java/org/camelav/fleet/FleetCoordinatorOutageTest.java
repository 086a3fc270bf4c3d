package org.camelav.fleet;

import static org.camelav.fleet.FleetFailoverTest.balanced;
import static org.camelav.fleet.FleetFailoverTest.log;
import static org.camelav.fleet.FleetFailoverTest.ms;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.apache.curator.test.TestingServer;
import org.camelav.testsupport.FleetFixture;
import org.junit.jupiter.api.Test;

/**
 * A ZooKeeper outage longer than the session timeout (30 s against 3 s) does not stop recording: three fleet nodes
 * (child JVMs, {@code on-coordinator-loss} left at its default, keep) record six RTSP cameras in 2 s MPEG-TS segments;
 * ZooKeeper is stopped for 30 s and restarted. Every camera stays owned and read by exactly one node throughout, its
 * segments leave no gap across the outage, the fleet is balanced afterwards, and two nodes read one camera at most for
 * the stated bound.
 */
class FleetCoordinatorOutageTest {

    static final int CAMERAS = 6;
    static final long OUTAGE_MILLIS = 30_000;
    /** Stated bound: after the outage two nodes read one camera at most for the session timeout. */
    static final long OVERLAP_BOUND = FleetFixture.SESSION_TIMEOUT;
    /**
     * Largest uncovered time allowed between segments: their spans are wall-clock receive time plus media duration, a
     * few ms apart between neighbours of one node; anything larger is a frame (100 ms) or more that was not recorded.
     */
    static final long RECORDING_GAP_BOUND = 100;
    /** Read intervals end after 1 s without a packet (CameraState), so any gap in them is at least that long. */
    static final long READ_GAP_BOUND = 0;

    @Test
    void camerasKeepRecordingThroughA30sZooKeeperOutage() throws Exception {
        long testStart = System.nanoTime();
        Path dir = Files.createDirectories(Path.of("target", "fleet-outage", String.valueOf(System.currentTimeMillis())));
        try (FleetFixture fleet = FleetFixture.start(dir, CAMERAS)) {
            TestingServer zk = fleet.zooKeeper();
            Map<String, String> props = fleet.properties();
            props.put("camel.av.fleet.reload", "1000");
            Path rec = dir.resolve("rec");
            // retainHours only makes the recorder journal each segment's start and end in ms (nothing is deleted)
            props.put("camel.av.fleet.camera-to", "av:" + rec.toAbsolutePath() + "/{camera}/%s.ts?record=true"
                                                  + "&segmentDuration=2&segmentClock=local&retainHours=24");
            long from;
            long stopped;
            long back;
            long to;
            try (FleetNodes nodes = new FleetNodes(dir, props)) {
                nodes.start("node-1");
                nodes.start("node-2");
                nodes.start("node-3");
                waitFor(nodes, "6 cameras, one owner each, 2 +- 1 per node", 90, () -> balanced(nodes, 3, 2, CAMERAS));
                Thread.sleep(3_000); // start-up hand-overs: the first owner's segment closes at its next cut
                from = System.currentTimeMillis();
                Thread.sleep(5_000); // a few segments each before the outage
                Map<String, Object> before = FleetFailoverTest.owners(nodes);

                zk.stop();
                stopped = System.currentTimeMillis();
                log("ZooKeeper stopped; owners: %s", before);
                long t0 = System.nanoTime();
                while (ms(t0) < OUTAGE_MILLIS) {
                    assertEveryCameraReadByOne(nodes, "while ZooKeeper is down");
                    Thread.sleep(500);
                }
                zk.restart();
                back = System.currentTimeMillis();
                t0 = System.nanoTime();
                waitFor(nodes, "balanced after ZooKeeper is back", 30, () -> balanced(nodes, 3, 2, CAMERAS));
                log("ZooKeeper back after %d ms: balanced after %d ms: %s", back - stopped, ms(t0),
                        FleetFailoverTest.owners(nodes));
                // past the server's reaping of the old sessions (one session timeout) and the audits that follow
                long settle = System.nanoTime();
                while (ms(settle) < 10_000) {
                    assertEveryCameraReadByOne(nodes, "after ZooKeeper came back");
                    Thread.sleep(500);
                }
                assertTrue(balanced(nodes, 3, 2, CAMERAS), "balanced 10 s after: " + FleetFailoverTest.owners(nodes));
                to = System.currentTimeMillis() - 2_000; // status files are rewritten every 500 ms: all cover this
                long readGap = 0;
                long readOverlap = 0;
                for (int i = 1; i <= CAMERAS; i++) {
                    RecordedSpans read = readIntervals(nodes.history(), String.format("cam%02d", i));
                    readGap = Math.max(readGap, read.longestGap(from, to));
                    readOverlap = Math.max(readOverlap, read.longestOverlap(from, to));
                }
                log("from %d ms before the outage to %d ms after it: longest time a camera was read by no node %d ms,"
                    + " by two nodes %d ms", stopped - from, to - back, readGap, readOverlap);
                assertTrue(readGap <= READ_GAP_BOUND, "a camera was read by no node for " + readGap + " ms");
                assertTrue(readOverlap <= OVERLAP_BOUND, "a camera was read by two nodes for " + readOverlap + " ms");
            } // nodes stop cleanly: their open segments are closed and journaled
            long worstGap = 0;
            long worstOverlap = 0;
            for (int i = 1; i <= CAMERAS; i++) {
                String cam = String.format("cam%02d", i);
                RecordedSpans spans = RecordedSpans.of(rec.resolve(cam));
                long gap = spans.longestGap(from, to);
                long overlap = spans.longestOverlap(from, to);
                log("%s: %d segments, longest unrecorded %d ms, longest double recording %d ms", cam,
                        spans.spans().size(), gap, overlap);
                worstGap = Math.max(worstGap, gap);
                worstOverlap = Math.max(worstOverlap, overlap);
            }
            log("recordings across the %d ms outage: longest gap %d ms, longest overlap %d ms; test took %d ms",
                    back - stopped, worstGap, worstOverlap, ms(testStart));
            assertTrue(worstGap <= RECORDING_GAP_BOUND, "a camera's recording has a gap of " + worstGap + " ms");
            assertTrue(worstOverlap <= OVERLAP_BOUND, "a camera was recorded twice for " + worstOverlap + " ms");
        }
    }

    /** Each camera owned (elected, route started, packets in the last 1.5 s) by exactly one living node. */
    static void assertEveryCameraReadByOne(FleetNodes nodes, String when) {
        Map<String, Integer> owners = FleetNodes.ownerCounts(nodes.living());
        for (int i = 1; i <= CAMERAS; i++) {
            String cam = String.format("cam%02d", i);
            int n = owners.getOrDefault(cam, 0);
            assertTrue(n == 1, cam + " read by " + n + " nodes " + when + ": " + FleetFailoverTest.owners(nodes)
                               + nodes.explain(CAMERAS));
        }
    }

    /** Every node life's read intervals of one camera, as spans (one node's never overlap each other). */
    static RecordedSpans readIntervals(List<FleetNodes.Status> lives, String camera) {
        return new RecordedSpans(lives.stream().flatMap(s -> s.intervals().getOrDefault(camera, List.of()).stream())
                .sorted((x, y) -> Long.compare(x[0], y[0])).toList());
    }

    static void waitFor(FleetNodes nodes, String what, long seconds, BooleanSupplier ok) throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (!ok.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + seconds + " s: " + what + "; owned and read: "
                                         + FleetFailoverTest.owners(nodes) + nodes.explain(CAMERAS));
            }
            Thread.sleep(200);
        }
    }
}
