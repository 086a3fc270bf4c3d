package org.camelav.cluster;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import javax.management.ObjectName;

import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.apache.camel.cluster.CamelClusterMember;
import org.apache.camel.cluster.CamelClusterService;
import org.apache.camel.support.cluster.RebalancingCamelClusterService;

/**
 * Where each camera runs, as seen by this node: the members of the fleet, the cameras this node owns, and per camera
 * its route state and read intervals. Registered as a JMX MBean by {@link #register()}, shown by
 * {@link FleetHealthCheck}, and written to a text file by {@link #writeTo(Path)} (one {@code key=value} line per fact,
 * easy to grep or to collect from many nodes).
 */
public final class FleetStatus implements FleetStatusMBean {

    private final CamelContext context;
    private final CameraFleet fleet;

    public FleetStatus(CamelContext context, CameraFleet fleet) {
        this.context = context;
        this.fleet = fleet;
    }

    @Override
    public String getNodeId() {
        return fleet.cluster().getId();
    }

    @Override
    public String[] getMembers() {
        return members().toArray(String[]::new);
    }

    /** Fleet members as this node last saw them. */
    public Set<String> members() {
        CamelClusterService c = fleet.cluster();
        CamelClusterService delegate = c instanceof RebalancingCamelClusterService r ? r.getDelegate() : c;
        if (delegate instanceof ZooKeeperPreemptiveClusterService zk) {
            return zk.getMemberIds();
        }
        for (CameraState cam : fleet.cameras()) { // any view knows the members (e.g. the Kubernetes pods)
            try {
                return c.getView(cam.namespace()).getMembers().stream().map(CamelClusterMember::getId)
                        .collect(Collectors.toCollection(java.util.TreeSet::new));
            } catch (Exception e) {
                return Set.of();
            }
        }
        return Set.of();
    }

    @Override
    public String[] getOwnedCameras() {
        return owned().toArray(String[]::new);
    }

    /** Cameras whose election this node has won. */
    public List<String> owned() {
        List<String> owned = new ArrayList<>();
        for (CameraState cam : fleet.cameras()) {
            if (fleet.cluster().isLeader(cam.namespace())) {
                owned.add(cam.name());
            }
        }
        return owned;
    }

    @Override
    public String[] getCameras() {
        long now = System.currentTimeMillis();
        return fleet.cameras().stream().map(cam -> cam.name() + " owner=" + fleet.cluster().isLeader(cam.namespace())
                                                   + " route=" + routeStatus(cam) + " reading=" + cam.isReading(now)
                                                   + " items=" + cam.items())
                .toArray(String[]::new);
    }

    String routeStatus(CameraState cam) {
        ServiceStatus s = context.getRouteController().getRouteStatus(CameraFleet.routeId(cam.name()));
        return s == null ? "Removed" : s.name();
    }

    /** Registers this status with the platform MBean server as {@code org.camelav:type=fleet,node=ID}. */
    public ObjectName register() throws Exception {
        ObjectName name = objectName();
        ManagementFactory.getPlatformMBeanServer().registerMBean(this, name);
        return name;
    }

    /** Removes this status from the platform MBean server, if it is registered there. */
    public void unregister() throws Exception {
        ObjectName name = objectName();
        if (ManagementFactory.getPlatformMBeanServer().isRegistered(name)) {
            ManagementFactory.getPlatformMBeanServer().unregisterMBean(name);
        }
    }

    private ObjectName objectName() throws Exception {
        ObjectName name = new ObjectName("org.camelav", "type", "fleet");
        return new ObjectName(name.getCanonicalName() + ",node=" + ObjectName.quote(getNodeId()));
    }

    /**
     * Writes the status atomically: {@code node=}, {@code members=}, {@code owned=}, then per camera
     * {@code camera=NAME owner=.. route=.. items=.. intervals=START-END,...} (epoch ms).
     */
    public void writeTo(Path file) throws IOException {
        StringBuilder b = new StringBuilder();
        b.append("node=").append(getNodeId()).append('\n');
        b.append("time=").append(System.currentTimeMillis()).append('\n');
        b.append("members=").append(String.join(",", members())).append('\n');
        b.append("owned=").append(String.join(",", owned())).append('\n');
        for (CameraState cam : fleet.cameras()) {
            b.append("camera=").append(cam.name()).append(" owner=").append(fleet.cluster().isLeader(cam.namespace()))
                    .append(" route=").append(routeStatus(cam)).append(" items=").append(cam.items())
                    .append(" intervals=").append(cam.intervals().stream().map(i -> i[0] + "-" + i[1])
                            .collect(Collectors.joining(",")))
                    .append('\n');
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, b);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
