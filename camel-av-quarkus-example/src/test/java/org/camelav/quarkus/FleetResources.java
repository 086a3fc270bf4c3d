package org.camelav.quarkus;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingServer;
import org.camelav.testsupport.RtspCameraServer;

/** A real ZooKeeper (Curator's TestingServer) and two GStreamer RTSP cameras on 127.0.0.1, as fleet properties. */
public class FleetResources implements QuarkusTestResourceLifecycleManager {

    private RtspCameraServer cameras;
    private TestingServer zooKeeper;

    @Override
    public Map<String, String> start() {
        try {
            Path dir = Files.createDirectories(Path.of("target", "fleet", String.valueOf(System.currentTimeMillis())));
            cameras = RtspCameraServer.startCameras(2);
            zooKeeper = new TestingServer(new InstanceSpec(dir.resolve("zk").toFile(), -1, -1, -1, true, 1, 500, 50), true);
            Path list = dir.resolve("cameras.properties");
            Files.writeString(list, "cam01=" + cameras.url("/cam01") + "\ncam02=" + cameras.url("/cam02") + "\n");
            return Map.of("camel.cluster.zookeeper.nodes", zooKeeper.getConnectString(),
                    "camel.cluster.zookeeper.id", "quarkus-node",
                    "camel.cluster.zookeeper.session-timeout", "3000",
                    "camel.cluster.rebalancing.period", "500",
                    "camel.av.fleet.cameras", list.toString(),
                    "camel.av.fleet.reload", "0",
                    "camel.av.fleet.camera-options", "mode=packets&formatOptions.rtsp_transport=tcp&timeout=5000",
                    "app.output", "target/quarkus-fleet-frames.mp4");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
        try {
            if (zooKeeper != null) {
                zooKeeper.close();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            if (cameras != null) {
                cameras.close();
            }
        }
    }
}
