package org.camelav.quarkus;

import java.nio.file.Path;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.camelav.testsupport.FleetFixture;

/** A real ZooKeeper and two RTSP cameras on 127.0.0.1 ({@link FleetFixture}), as the node's configuration. */
public class FleetResources implements QuarkusTestResourceLifecycleManager {

    private FleetFixture fleet;

    @Override
    public Map<String, String> start() {
        try {
            fleet = FleetFixture.start(Path.of("target", "fleet", String.valueOf(System.currentTimeMillis())), 2);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        Map<String, String> properties = fleet.properties();
        properties.put("camel.cluster.zookeeper.id", "quarkus-node");
        properties.put("camel.av.fleet.on-coordinator-loss", "stop"); // read as camel-main reads it (default keep)
        properties.put("app.output", "target/quarkus-fleet-frames.mp4");
        return properties;
    }

    @Override
    public void stop() {
        try {
            fleet.close();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
