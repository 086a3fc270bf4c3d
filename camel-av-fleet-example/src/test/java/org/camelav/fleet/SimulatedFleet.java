package org.camelav.fleet;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.camel.ServiceStatus;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingServer;
import org.apache.zookeeper.client.FourLetterWordMain;
import org.camelav.cluster.CameraState;
import org.camelav.cluster.FleetNode;
import org.camelav.cluster.ZooKeeperPreemptiveClusterService;
import org.camelav.testsupport.CuttableLink;
import org.camelav.testsupport.FleetFixture;

/**
 * A fleet simulated at scale in this JVM: one real ZooKeeper, N nodes (each its own CamelContext and ZooKeeper session,
 * through its own {@link CuttableLink} so that one can be cut off as if killed) and K cameras whose routes read no
 * camera: {@code camel.av.fleet.camera-from=timer:{camera}?period=500}, an item every 500 ms, so the elections, the
 * rebalancer, the routes and their policies are the real ones and only the RTSP reading is left out.
 */
final class SimulatedFleet implements AutoCloseable {

    /** One life of a node. */
    record Node(String id, CuttableLink link, DefaultCamelContext context, FleetNode fleet) {
        ZooKeeperPreemptiveClusterService zk() {
            return (ZooKeeperPreemptiveClusterService) fleet.cluster().getDelegate();
        }
    }

    private static final Pattern CONS = Pattern.compile("recved=(\\d+),.*?sid=0x([0-9a-f]+)");

    private final TestingServer zooKeeper;
    private final Path list;
    private final int cameras;
    private final Map<String, Node> living = new ConcurrentHashMap<>();
    private volatile long lastBurialMs = -1;

    SimulatedFleet(Path dir, int cameras) throws Exception {
        System.setProperty("zookeeper.4lw.commands.whitelist", "cons,srvr"); // per-session request counts
        Files.createDirectories(dir);
        this.cameras = cameras;
        this.list = dir.resolve("cameras.properties");
        Files.writeString(list, IntStream.rangeClosed(1, cameras).mapToObj(i -> camera(i) + "=sim:" + camera(i) + "\n")
                .collect(Collectors.joining()));
        this.zooKeeper = new TestingServer(new InstanceSpec(dir.resolve("zk").toFile(), -1, -1, -1, true, 1, 500, 200),
                true);
    }

    static String camera(int i) {
        return String.format("cam%03d", i);
    }

    int cameras() {
        return cameras;
    }

    /** Starts node {@code id} (a new life if it ran before) and returns when its context has started. */
    Node start(String id) throws Exception {
        CuttableLink link = new CuttableLink(zooKeeper.getPort());
        Properties p = new Properties();
        p.putAll(FleetFixture.properties(link.connectString(), list));
        p.setProperty("camel.cluster.zookeeper.id", id);
        p.setProperty("camel.av.fleet.camera-from", "timer:{camera}?period=500");
        // stop, as FleetFailoverTest: a node that loses ZooKeeper drops its cameras at once, so "never two leaders"
        // holds strictly even when this loaded JVM stalls past the session timeout (with keep, the default, such a node
        // keeps its cameras next to their new owners until its audit runs: FleetCoordinatorOutageTest's bound)
        p.setProperty("camel.av.fleet.on-coordinator-loss", "stop");
        DefaultCamelContext ctx = new DefaultCamelContext();
        ctx.disableJMX(); // 500 route MBeans per node are not what is measured
        ctx.getPropertiesComponent().setInitialProperties(p);
        FleetNode fleet = FleetNode.install(ctx);
        ctx.start();
        Node node = new Node(id, link, ctx, fleet);
        living.put(id, node);
        return node;
    }

    /**
     * Stops a node cleanly (routes, then latches, then its session); fails, with a thread dump, if that takes over 60 s
     * (a stop that met a leadership change once deadlocked for good, see LeadershipGate).
     */
    void stop(Node node) throws Exception {
        living.remove(node.id());
        Thread stopper = new Thread(() -> node.context().stop(), "stop-" + node.id());
        stopper.start();
        stopper.join(60_000);
        if (stopper.isAlive()) {
            for (var info : ManagementFactory.getThreadMXBean().dumpAllThreads(true, true)) {
                System.out.print("[fleet-sim] " + info);
            }
            throw new AssertionError(node.id() + " did not stop within 60 s (thread dump above)");
        }
        node.link().close();
    }

    /**
     * Kills a node as far as ZooKeeper can tell: its link cut (its session expires after the session timeout, as a
     * killed process's does), counted dead from now on, and its context stopped in the background, still cut off, so
     * that it reads nothing more.
     */
    Thread kill(Node node) throws IOException {
        living.remove(node.id());
        node.link().cut();
        Thread t = new Thread(() -> {
            try {
                long t0 = System.nanoTime();
                node.context().stop();
                lastBurialMs = (System.nanoTime() - t0) / 1_000_000;
                node.link().close();
            } catch (IOException | RuntimeException e) {
                // stopping a dead node: nothing to tell
            }
        }, "bury-" + node.id());
        t.start();
        return t;
    }

    /** How long the last {@link #kill}ed node's context took to stop, cut off (ms; -1 while it has not). */
    long lastBurialMs() {
        return lastBurialMs;
    }

    List<Node> living() {
        return new ArrayList<>(living.values());
    }

    /** Camera -> the living nodes whose view leads it (its route may still be starting). */
    Map<String, List<String>> leaders() {
        Map<String, List<String>> out = new HashMap<>();
        for (Node n : living.values()) {
            for (CameraState cam : n.fleet().fleet().cameras()) {
                if (n.fleet().cluster().isLeader(cam.namespace())) {
                    out.computeIfAbsent(cam.name(), k -> new ArrayList<>()).add(n.id());
                }
            }
        }
        return out;
    }

    /** Node -> cameras it owns as a user sees it: elected, route started and an item in the last second. */
    Map<String, List<String>> owned() {
        long now = System.currentTimeMillis();
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Node n : living.values()) {
            List<String> mine = new ArrayList<>();
            for (CameraState cam : n.fleet().fleet().cameras()) {
                if (n.fleet().cluster().isLeader(cam.namespace()) && cam.isReading(now) && n.context()
                        .getRouteController().getRouteStatus("camera-" + cam.name()) == ServiceStatus.Started) {
                    mine.add(cam.name());
                }
            }
            out.put(n.id(), mine);
        }
        return out;
    }

    /** Every camera owned by exactly one living node, and every node within one of the others. */
    boolean balanced() {
        Map<String, List<String>> owned = owned();
        int n = owned.size();
        if (n == 0) {
            return false;
        }
        int floor = cameras / n;
        int ceil = (cameras + n - 1) / n;
        long distinct = owned.values().stream().flatMap(List::stream).distinct().count();
        int total = owned.values().stream().mapToInt(List::size).sum();
        return distinct == cameras && total == cameras
               && owned.values().stream().allMatch(l -> l.size() >= floor && l.size() <= ceil);
    }

    String summary() {
        return owned().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue().size())
                .collect(Collectors.joining(" "));
    }

    /** Requests each living node's session has sent ZooKeeper so far (the server's count, pings included). */
    Map<String, Long> requests() throws Exception {
        Map<Long, Long> bySession = new HashMap<>();
        Matcher m = CONS.matcher(FourLetterWordMain.send4LetterWord("127.0.0.1", zooKeeper.getPort(), "cons"));
        while (m.find()) {
            bySession.put(Long.parseUnsignedLong(m.group(2), 16), Long.parseLong(m.group(1)));
        }
        Map<String, Long> out = new LinkedHashMap<>();
        living.values().forEach(n -> out.put(n.id(), bySession.getOrDefault(n.zk().getSessionId(), -1L)));
        return out;
    }

    /** Heap in use after a full collection, bytes. */
    static long heapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Live threads: all, and those of the simulated readers (Camel names them after the endpoint, timer://...). */
    static int[] threads() {
        var all = Thread.getAllStackTraces().keySet();
        return new int[] {all.size(), (int) all.stream().filter(t -> t.getName().contains("timer://")).count()};
    }

    /** Stops every living node. */
    void stopAll() throws Exception {
        for (Node n : living()) {
            stop(n);
        }
    }

    @Override
    public void close() throws Exception {
        for (Node n : living()) {
            try {
                stop(n);
            } catch (Exception e) {
                // closing down: the next one
            }
        }
        zooKeeper.close();
    }
}
