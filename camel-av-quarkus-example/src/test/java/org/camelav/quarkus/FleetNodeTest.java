package org.camelav.quarkus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.List;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.camel.CamelContext;
import org.camelav.cluster.FleetNode;
import org.camelav.cluster.OnCoordinatorLoss;
import org.camelav.testsupport.FleetFixture;
import org.junit.jupiter.api.Test;

/**
 * The Quarkus application becomes a camera-fleet node from configuration alone (the extension's hook, the same
 * {@code camel.cluster.*} / {@code camel.av.fleet.*} keys as camel-main and Spring Boot): one node owns and reads both
 * cameras of a real ZooKeeper fleet.
 */
@QuarkusTest
@WithTestResource(FleetResources.class)
class FleetNodeTest {

    @Inject
    CamelContext camel;

    @Test
    void configurationMakesTheApplicationAFleetNodeThatOwnsAndReadsItsCameras() throws Exception {
        FleetNode node = camel.hasService(FleetNode.class);
        assertNotNull(node, "the extension installed the fleet node");
        FleetFixture.awaitOwnsAndReads(node, 2, 20);
        assertEquals(List.of("cam01", "cam02"), node.status().owned());
        assertEquals("quarkus-node", node.status().getNodeId());
        assertEquals(OnCoordinatorLoss.STOP, node.onCoordinatorLoss());
    }
}
