package org.camelav.component.springboot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.spring.boot.CamelAutoConfiguration;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingServer;
import org.camelav.cluster.FleetNode;
import org.camelav.testsupport.Await;
import org.camelav.testsupport.RtspCameraServer;
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
        Path dir = Files.createDirectories(Path.of("target", "fleet", String.valueOf(System.currentTimeMillis())));
        InstanceSpec spec = new InstanceSpec(dir.resolve("zk").toFile(), -1, -1, -1, true, 1, 500, 50);
        try (RtspCameraServer cams = RtspCameraServer.startCameras(2);
             TestingServer zk = new TestingServer(spec, true)) {
            Path list = dir.resolve("cameras.properties");
            Files.writeString(list, "cam01=" + cams.url("/cam01") + "\ncam02=" + cams.url("/cam02") + "\n");
            app.withPropertyValues("camel.cluster.zookeeper.nodes=" + zk.getConnectString(),
                    "camel.cluster.zookeeper.id=boot-node", "camel.cluster.zookeeper.session-timeout=3000",
                    "camel.cluster.rebalancing.period=500", "camel.av.fleet.cameras=" + list,
                    "camel.av.fleet.reload=0",
                    "camel.av.fleet.camera-options=mode=packets&formatOptions.rtsp_transport=tcp&timeout=5000")
                    .run(context -> {
                        assertNull(context.getStartupFailure());
                        CamelContext camel = context.getBean(CamelContext.class);
                        FleetNode node = camel.hasService(FleetNode.class);
                        assertNotNull(node, "the fleet node is installed");
                        Await.until("the node owns and reads both cameras", 20, () -> node.status().owned().size() == 2
                                && node.fleet().cameras().stream().allMatch(c -> c.isReading(System.currentTimeMillis())));
                        assertEquals(List.of("cam01", "cam02"), node.status().owned());
                        assertEquals("boot-node", node.status().getNodeId());
                        HealthCheck.Result health = HealthCheckHelper.invoke(camel).stream()
                                .filter(r -> "fleet".equals(r.getCheck().getId())).findFirst().orElseThrow();
                        assertEquals(HealthCheck.State.UP, health.getState(), health.toString());
                        assertEquals("cam01,cam02", health.getDetails().get("owned"));
                        assertTrue(zk.getConnectString().length() > 0);
                    });
            // Spring closed the node: its member znode is gone at once (a clean stop, no session wait)
            try (var client = org.apache.curator.framework.CuratorFrameworkFactory.newClient(zk.getConnectString(),
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
