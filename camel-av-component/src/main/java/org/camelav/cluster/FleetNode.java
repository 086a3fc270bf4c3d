package org.camelav.cluster;

import java.nio.file.Path;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.cluster.CamelPreemptiveClusterService;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.support.cluster.RebalancingCamelClusterService;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires one node of a camera fleet into a CamelContext from its properties, so every node runs the same code and only
 * configuration differs:
 * <ul>
 * <li>the cluster service: a {@link CamelPreemptiveClusterService} bean from the registry if there is one (e.g. Camel's
 * {@code KubernetesClusterService} declared with {@code camel.beans.*}), else {@link ZooKeeperPreemptiveClusterService}
 * from {@code camel.cluster.zookeeper.nodes|base-path|session-timeout|connection-timeout|id} and
 * {@code camel.av.fleet.on-coordinator-loss} ({@code keep}, the default, or {@code stop}: see
 * {@link OnCoordinatorLoss}); either way wrapped in
 * {@link RebalancingCamelClusterService} ({@code camel.cluster.rebalancing.period}, ms, default 2000; on ZooKeeper its
 * {@link FleetRebalancer} variant);</li>
 * <li>{@link CameraFleet} from {@code camel.av.fleet.cameras} (file), {@code camel.av.fleet.camera-options},
 * {@code camel.av.fleet.camera-to} (each camera's recording endpoint, {@code {camera}} replaced by its name) and
 * {@code camel.av.fleet.reload} (ms, default 2000) and {@code camel.av.fleet.camera-from} (each camera route's
 * consumer, default {@code av:{url}}; only a simulation without cameras sets it, see {@link CameraFleet});</li>
 * <li>{@link FleetStatus} as an MBean, {@link FleetHealthCheck}, and with {@code camel.av.fleet.status-file} the status
 * written there every {@code camel.av.fleet.status-period} ms (default 500).</li>
 * </ul>
 * Call {@link #install(CamelContext)} before the context starts (camel-main: in {@code beforeStart} or a
 * {@code configure} hook).
 */
public final class FleetNode extends ServiceSupport {

    private static final Logger LOG = LoggerFactory.getLogger(FleetNode.class);

    private final CamelContext context;
    private final RebalancingCamelClusterService cluster;
    private final CameraFleet fleet;
    private final FleetStatus status;
    private final Path statusFile;
    private final long statusPeriod;
    private ScheduledExecutorService writer;

    private FleetNode(CamelContext context) {
        this.context = context;
        PropertiesComponent p = context.getPropertiesComponent();
        CamelPreemptiveClusterService delegate = context.getRegistry().findSingleByType(CamelPreemptiveClusterService.class);
        if (delegate == null) {
            ZooKeeperPreemptiveClusterService zk = new ZooKeeperPreemptiveClusterService();
            zk.setNodes(p.resolveProperty("camel.cluster.zookeeper.nodes").orElseThrow(
                    () -> new IllegalArgumentException("camel.cluster.zookeeper.nodes is not set")));
            p.resolveProperty("camel.cluster.zookeeper.base-path").ifPresent(zk::setBasePath);
            p.resolveProperty("camel.cluster.zookeeper.session-timeout").map(Long::parseLong)
                    .ifPresent(zk::setSessionTimeout);
            p.resolveProperty("camel.cluster.zookeeper.connection-timeout").map(Long::parseLong)
                    .ifPresent(zk::setConnectionTimeout);
            zk.setId(p.resolveProperty("camel.cluster.zookeeper.id").orElseGet(FleetNode::defaultId));
            p.resolveProperty("camel.av.fleet.on-coordinator-loss").map(OnCoordinatorLoss::of)
                    .ifPresent(zk::setOnCoordinatorLoss);
            delegate = zk;
        }
        long period = p.resolveProperty("camel.cluster.rebalancing.period").map(Long::parseLong).orElse(2_000L);
        this.cluster = delegate instanceof ZooKeeperPreemptiveClusterService zk
                ? new FleetRebalancer(context, zk, period) : new RebalancingCamelClusterService(context, delegate, period);
        this.fleet = new CameraFleet(context, cluster,
                Path.of(p.resolveProperty("camel.av.fleet.cameras").orElseThrow(
                        () -> new IllegalArgumentException("camel.av.fleet.cameras (the camera list file) is not set"))),
                p.resolveProperty("camel.av.fleet.camera-options").orElse(""),
                p.resolveProperty("camel.av.fleet.camera-to").orElse(""),
                p.resolveProperty("camel.av.fleet.reload").map(Long::parseLong).orElse(2_000L),
                p.resolveProperty("camel.av.fleet.camera-from").orElse(CameraFleet.DEFAULT_SOURCE));
        this.status = new FleetStatus(context, fleet);
        this.statusFile = p.resolveProperty("camel.av.fleet.status-file").map(Path::of).orElse(null);
        this.statusPeriod = p.resolveProperty("camel.av.fleet.status-period").map(Long::parseLong).orElse(500L);
    }

    /** Adds the cluster service, the camera routes and the status to {@code context}. */
    public static FleetNode install(CamelContext context) throws Exception {
        FleetNode node = new FleetNode(context);
        node.fleet.reload(); // the routes exist before the context starts, like any other route
        context.addService(node.cluster);
        context.addService(node, true, true);
        return node;
    }

    static String defaultId() {
        return defaultId(System.getenv());
    }

    /**
     * HOST-PID-XXXX: the pod name on Kubernetes (HOSTNAME), else the host name from the OS (systemd exports no
     * HOSTNAME, and two hosts both called "node" would count as one member), the pid, and a random suffix so that two
     * hosts with the same name (cloned VMs) or a restarted process never share an id.
     */
    static String defaultId(java.util.Map<String, String> env) {
        String host = env.get("HOSTNAME");
        if (host == null || host.isBlank()) {
            host = osHostName();
        }
        String suffix = Integer.toString(java.util.concurrent.ThreadLocalRandom.current().nextInt(36 * 36 * 36 * 36),
                36);
        return host.replaceAll("[^A-Za-z0-9._-]", "_") + "-" + ProcessHandle.current().pid() + "-"
               + "0".repeat(4 - suffix.length()) + suffix;
    }

    private static String osHostName() {
        try { // the kernel's name: no DNS lookup, which can hang on a host with a broken resolver
            String name = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/sys/kernel/hostname")).strip();
            if (!name.isEmpty()) {
                return name;
            }
        } catch (java.io.IOException | RuntimeException notLinux) {
            // fall back to Java's view below
        }
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "node";
        }
    }

    public CameraFleet fleet() {
        return fleet;
    }

    public FleetStatus status() {
        return status;
    }

    public RebalancingCamelClusterService cluster() {
        return cluster;
    }

    /** Whether this node reaches its cluster (ZooKeeper: the client is connected; other services: assumed). */
    public boolean isConnected() {
        return !(cluster.getDelegate() instanceof ZooKeeperPreemptiveClusterService zk) || zk.isConnected();
    }

    /** ZooKeeper: what the node does with its cameras while cut off; other cluster services: null (their own rules). */
    public OnCoordinatorLoss onCoordinatorLoss() {
        return cluster.getDelegate() instanceof ZooKeeperPreemptiveClusterService zk ? zk.getOnCoordinatorLoss() : null;
    }

    /** ZooKeeper: since when (epoch ms) it is unreachable, 0 while connected; other cluster services: 0. */
    public long disconnectedSince() {
        return cluster.getDelegate() instanceof ZooKeeperPreemptiveClusterService zk ? zk.getDisconnectedSince() : 0;
    }

    @Override
    protected void doStart() throws Exception {
        fleet.start();
        status.register();
        HealthCheckRegistry health = HealthCheckRegistry.get(context);
        if (health != null) {
            health.register(new FleetHealthCheck(this));
        }
        if (statusFile != null) {
            writer = context.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "AvFleetStatus");
            writer.scheduleWithFixedDelay(() -> {
                try {
                    status.writeTo(statusFile);
                } catch (Exception e) {
                    LOG.warn("Cannot write the fleet status to {}: {}", statusFile, e.toString());
                }
            }, 0, statusPeriod, TimeUnit.MILLISECONDS);
        }
        LOG.info("Fleet node {} started with {} cameras", cluster.getId(), fleet.cameras().size());
    }

    @Override
    protected void doStop() throws Exception {
        if (writer != null) {
            context.getExecutorServiceManager().shutdownNow(writer);
            writer = null;
        }
        fleet.stop();
        status.unregister(); // a node restarted in the same JVM registers its MBean again
    }
}
