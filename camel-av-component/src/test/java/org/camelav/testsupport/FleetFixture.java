package org.camelav.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingServer;
import org.camelav.cluster.FleetNode;

/**
 * A camera fleet's world for tests: a real ZooKeeper (Curator's TestingServer, tick 500 ms, in this JVM so that it
 * outlives node JVMs a test kills) and GStreamer RTSP cameras {@code cam01..camNN} on 127.0.0.1, with the camera list
 * file and the properties every node reads. The fleet tests of camel-main, Spring Boot and Quarkus share it.
 */
public final class FleetFixture implements AutoCloseable {

    /** The nodes' ZooKeeper session timeout: a killed node's cameras are free this long after its death. */
    public static final long SESSION_TIMEOUT = 3_000;

    private final RtspCameraServer cameras;
    private final TestingServer zooKeeper;
    private final Path list;

    private FleetFixture(RtspCameraServer cameras, TestingServer zooKeeper, Path list) {
        this.cameras = cameras;
        this.zooKeeper = zooKeeper;
        this.list = list;
    }

    /** Starts {@code count} cameras and ZooKeeper (its data in {@code dir/zk}) and writes {@code dir/cameras.properties}. */
    public static FleetFixture start(Path dir, int count) throws Exception {
        Files.createDirectories(dir);
        RtspCameraServer cameras = RtspCameraServer.startCameras(count);
        try {
            TestingServer zk = new TestingServer(new InstanceSpec(dir.resolve("zk").toFile(), -1, -1, -1, true, 1, 500,
                    50), true);
            Path list = dir.resolve("cameras.properties");
            Files.writeString(list, IntStream.rangeClosed(1, count)
                    .mapToObj(i -> String.format("cam%02d=%s%n", i, cameras.url(String.format("/cam%02d", i))))
                    .collect(Collectors.joining()));
            return new FleetFixture(cameras, zk, list);
        } catch (Exception e) {
            cameras.close();
            throw e;
        }
    }

    public TestingServer zooKeeper() {
        return zooKeeper;
    }

    /**
     * A node's {@code camel.cluster.*} and {@code camel.av.fleet.*}: this ZooKeeper, the session timeout above, a
     * 500 ms rebalancing period, the camera list read once, packets over RTSP/TCP with a short probe. A new map each
     * time, to add to.
     */
    public Map<String, String> properties() {
        return properties(zooKeeper.getConnectString(), list);
    }

    /** The same properties for another ZooKeeper address (a relay) and camera list. */
    public static Map<String, String> properties(String zooKeeperNodes, Path list) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("camel.cluster.zookeeper.nodes", zooKeeperNodes);
        p.put("camel.cluster.zookeeper.session-timeout", String.valueOf(SESSION_TIMEOUT));
        p.put("camel.cluster.zookeeper.connection-timeout", "2000");
        p.putAll(fleetProperties(list));
        return p;
    }

    /**
     * The keys of any cluster service: a 500 ms rebalancing period, the camera list read once, packets over RTSP/TCP
     * with a short probe (the Kubernetes test adds its cluster service bean to these).
     */
    public static Map<String, String> fleetProperties(Path list) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("camel.cluster.rebalancing.period", "500");
        p.put("camel.av.fleet.cameras", list.toString());
        p.put("camel.av.fleet.reload", "0");
        // the short probe docs/scale-out.md recommends for known cameras: a new owner starts reading in ~0.1 s
        p.put("camel.av.fleet.camera-options", "mode=packets&formatOptions.rtsp_transport=tcp&timeout=5000"
                + "&formatOptions.probesize=32&formatOptions.analyzeduration=100000");
        return p;
    }

    /** Waits until {@code node} owns and reads {@code count} cameras. */
    public static void awaitOwnsAndReads(FleetNode node, int count, long seconds) throws Exception {
        Await.until("the node owns and reads " + count + " cameras", seconds, () -> node.status().owned().size() == count
                && node.fleet().cameras().stream().allMatch(c -> c.isReading(System.currentTimeMillis())));
    }

    @Override
    public void close() throws Exception {
        try {
            zooKeeper.close();
        } finally {
            cameras.close();
        }
    }
}
