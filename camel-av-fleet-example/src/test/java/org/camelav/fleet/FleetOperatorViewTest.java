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
import org.apache.logging.log4j.Level;
import org.camelav.cluster.FleetNode;
import org.camelav.testsupport.Await;
import org.camelav.testsupport.FleetFixture;
import org.camelav.testsupport.LogCapture;
import org.junit.jupiter.api.Test;

/**
 * What an operator sees of one fleet node (JMX, the health check, the {@code fleet} dev console and the log) while it
 * owns its cameras and while ZooKeeper is down (with {@code on-coordinator-loss=keep}, the default, it goes on reading
 * them), and that the node stops promptly while ZooKeeper is still down. One node in this JVM, a real ZooKeeper
 * (Curator's TestingServer) and two GStreamer RTSP cameras on 127.0.0.1.
 */
class FleetOperatorViewTest {

    /** Stated bound on stopping a node that cannot reach ZooKeeper: routes stop, latches close without a server. */
    static final long STOP_BOUND_MILLIS = 10_000;

    @Test
    void jmxAndHealthShowOwnedCamerasThenDownWhileZooKeeperIsGoneAndTheNodeStillStopsPromptly() throws Exception {
        Path dir = Path.of("target", "fleet-view", String.valueOf(System.currentTimeMillis()));
        try (FleetFixture fleet = FleetFixture.start(dir, 2);
             LogCapture log = new LogCapture("org.camelav.cluster.CoordinatorOutage")) {
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
                Await.until("health DOWN while ZooKeeper is down", 10, () ->
                        fleetHealth(ctx).getState() == HealthCheck.State.DOWN);
                // past the session timeout (Curator declares the session lost): the node still records both
                Thread.sleep(FleetFixture.SESSION_TIMEOUT + 1_000);
                HealthCheck.Result down = fleetHealth(ctx);
                String message = down.getMessage().orElse("");
                assertTrue(message.contains("not connected to ZooKeeper for ") && message.contains(
                        "this node keeps reading the cameras it owned (2), on-coordinator-loss=keep"), down.toString());
                assertEquals(List.of("cam01", "cam02"), attribute(jmx, name, "OwnedCameras"));
                for (String line : attribute(jmx, name, "Cameras")) {
                    assertTrue(line.contains("owner=true") && line.contains("reading=true"), line);
                }
                assertEquals(1, log.count(Level.WARN, "ZooKeeper unreachable (SUSPENDED): node view-node keeps"
                                                      + " reading the cameras it owns (2)"), log.events().toString());
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
