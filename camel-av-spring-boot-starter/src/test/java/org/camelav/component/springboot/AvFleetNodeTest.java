package org.camelav.component.springboot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.spring.boot.CamelAutoConfiguration;
import org.camelav.cluster.FleetNode;
import org.camelav.cluster.OnCoordinatorLoss;
import org.camelav.testsupport.FleetFixture;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * A Spring Boot application becomes a camera-fleet node from properties alone (the same keys as camel-main's
 * {@code application.properties}): a real ZooKeeper (Curator's TestingServer) and two GStreamer RTSP cameras on
 * 127.0.0.1; the one node owns and reads both, its health check says so, and it leaves ZooKeeper when Spring closes.
 */
class AvFleetNodeTest {

    private final ApplicationContextRunner app = new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(
            CamelAutoConfiguration.class, AvComponentAutoConfiguration.class, AvFleetAutoConfiguration.class));

    @Test
    void propertiesMakeTheApplicationAFleetNodeThatOwnsAndReadsItsCameras() throws Exception {
        Path dir = Path.of("target", "fleet", String.valueOf(System.currentTimeMillis()));
        try (FleetFixture fleet = FleetFixture.start(dir, 2)) {
            Map<String, String> properties = fleet.properties();
            properties.put("camel.cluster.zookeeper.id", "boot-node");
            properties.put("camel.av.fleet.on-coordinator-loss", "stop"); // read as camel-main reads it (default keep)
            app.withPropertyValues(properties.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .toArray(String[]::new))
                    .run(context -> {
                        assertNull(context.getStartupFailure());
                        CamelContext camel = context.getBean(CamelContext.class);
                        FleetNode node = camel.hasService(FleetNode.class);
                        assertNotNull(node, "the fleet node is installed");
                        FleetFixture.awaitOwnsAndReads(node, 2, 20);
                        assertEquals(List.of("cam01", "cam02"), node.status().owned());
                        assertEquals("boot-node", node.status().getNodeId());
                        assertEquals(OnCoordinatorLoss.STOP, node.onCoordinatorLoss());
                        HealthCheck.Result health = HealthCheckHelper.invoke(camel).stream()
                                .filter(r -> "fleet".equals(r.getCheck().getId())).findFirst().orElseThrow();
                        assertEquals(HealthCheck.State.UP, health.getState(), health.toString());
                        assertEquals("cam01,cam02", health.getDetails().get("owned"));
                    });
            // Spring closed the node: its member znode is gone at once (a clean stop, no session wait)
            try (var client = org.apache.curator.framework.CuratorFrameworkFactory.newClient(
                    fleet.zooKeeper().getConnectString(),
                    new org.apache.curator.retry.RetryOneTime(100))) {
                client.start();
                assertTrue(client.blockUntilConnected(10, java.util.concurrent.TimeUnit.SECONDS));
                assertEquals(List.of(), client.getChildren().forPath("/camel-av/fleet/members"));
            }
        }
    }

    @Test
    void withoutACameraListTheApplicationIsNoFleetNode() {
        app.run(context -> {
            assertNull(context.getStartupFailure());
            assertNull(context.getBean(CamelContext.class).hasService(FleetNode.class));
        });
    }
}
