package org.camelav.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.apache.camel.console.DevConsole;
import org.apache.camel.console.DevConsoleRegistry;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.util.json.JsonArray;
import org.apache.camel.util.json.JsonObject;
import org.camelav.cluster.FleetNode;
import org.camelav.testsupport.Await;
import org.camelav.testsupport.FleetFixture;
import org.junit.jupiter.api.Test;

/**
 * What an operator sees of one fleet node (JMX, the health check and the {@code fleet} dev console) while it owns its cameras and while ZooKeeper is
 * down, and that the node stops promptly while ZooKeeper is still down. One node in this JVM, a real ZooKeeper
 * (Curator's TestingServer) and two GStreamer RTSP cameras on 127.0.0.1.
 */
class FleetOperatorViewTest {

    /** Stated bound on stopping a node that cannot reach ZooKeeper: routes stop, latches close without a server. */
    static final long STOP_BOUND_MILLIS = 10_000;

    @Test
    void jmxAndHealthShowOwnedCamerasThenDownWhileZooKeeperIsGoneAndTheNodeStillStopsPromptly() throws Exception {
        Path dir = Path.of("target", "fleet-view", String.valueOf(System.currentTimeMillis()));
        try (FleetFixture fleet = FleetFixture.start(dir, 2)) {
            Properties p = new Properties();
            p.putAll(fleet.properties());
            p.setProperty("camel.cluster.zookeeper.id", "view-node");
            DefaultCamelContext ctx = new DefaultCamelContext();
            ctx.getPropertiesComponent().setInitialProperties(p);
            FleetNode.install(ctx);
            ctx.start();
            try {
                MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
                ObjectName name = new ObjectName("org.camelav:type=fleet,node=\"view-node\"");
                Await.until("the node owns and reads both cameras", 20,
                        () -> attribute(jmx, name, "Cameras").stream().allMatch(l -> l.contains("reading=true")));
                assertEquals(List.of("cam01", "cam02"), Arrays.asList((String[]) jmx.getAttribute(name, "OwnedCameras")));
                assertEquals("view-node", jmx.getAttribute(name, "NodeId"));
                assertTrue(Arrays.asList((String[]) jmx.getAttribute(name, "Members")).contains("view-node"));
                for (String line : (String[]) jmx.getAttribute(name, "Cameras")) {
                    assertTrue(line.contains("owner=true") && line.contains("route=Started"), line);
                }
                HealthCheck.Result up = fleetHealth(ctx);
                assertEquals(HealthCheck.State.UP, up.getState());
                assertEquals("cam01,cam02", up.getDetails().get("owned"));
                assertEquals("view-node", up.getDetails().get("node"));

                DevConsole console = ctx.getCamelContextExtension().getContextPlugin(DevConsoleRegistry.class)
                        .resolveById("fleet");
                assertNotNull(console, "the fleet dev console, found through META-INF/services");
                JsonObject json = (JsonObject) console.call(DevConsole.MediaType.JSON);
                assertEquals("view-node", json.getString("node"));
                assertEquals(Boolean.TRUE, json.getBoolean("connected"));
                assertEquals(List.of("cam01", "cam02"), json.getCollection("owned"));
                for (Object c : (JsonArray) json.get("cameras")) {
                    JsonObject cam = (JsonObject) c;
                    assertEquals(Boolean.TRUE, cam.getBoolean("owner"), cam.toJson());
                    assertEquals("Started", cam.getString("route"), cam.toJson());
                    assertEquals(Boolean.TRUE, cam.getBoolean("reading"), cam.toJson());
                }
                String text = (String) console.call(DevConsole.MediaType.TEXT);
                assertTrue(text.contains("cam01 owner=true route=Started reading=true"), text);

                fleet.zooKeeper().stop();
                Await.until("health DOWN and no camera owned while ZooKeeper is down", 10, () ->
                        fleetHealth(ctx).getState() == HealthCheck.State.DOWN
                        && attribute(jmx, name, "OwnedCameras").isEmpty());
                HealthCheck.Result down = fleetHealth(ctx);
                assertTrue(down.getMessage().orElse("").contains("not connected to ZooKeeper"), down.toString());
                Await.until("no camera read", 10, () -> attribute(jmx, name, "Cameras").stream()
                        .allMatch(l -> l.contains("owner=false") && l.contains("reading=false")));
                JsonObject cut = (JsonObject) console.call(DevConsole.MediaType.JSON);
                assertEquals(Boolean.FALSE, cut.getBoolean("connected"));
            } finally {
                long t0 = System.nanoTime();
                ctx.stop(); // ZooKeeper is still down
                long stopMillis = (System.nanoTime() - t0) / 1_000_000;
                System.out.println("[fleet-view] node stopped in " + stopMillis + " ms while ZooKeeper was down");
                assertTrue(stopMillis < STOP_BOUND_MILLIS, "stopping took " + stopMillis + " ms");
            }
        }
    }

    private static List<String> attribute(MBeanServer jmx, ObjectName name, String attribute) {
        try {
            return Arrays.asList((String[]) jmx.getAttribute(name, attribute));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static HealthCheck.Result fleetHealth(DefaultCamelContext ctx) {
        HealthCheck.Result r = HealthCheckHelper.invoke(ctx).stream()
                .filter(x -> "fleet".equals(x.getCheck().getId())).findFirst().orElse(null);
        assertNotNull(r, "the camel-av/fleet health check is registered");
        return r;
    }
}
