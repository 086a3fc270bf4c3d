package org.camelav.quarkus;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.apache.camel.CamelContext;
import org.apache.camel.quarkus.main.events.BeforeStart;
import org.camelav.cluster.FleetNode;

/**
 * Makes the application a camera-fleet node when {@code camel.av.fleet.cameras} names the camera list: the same
 * {@link FleetNode} as camel-main and Spring Boot, from the same {@code camel.cluster.*} and {@code camel.av.fleet.*}
 * properties, installed before the CamelContext starts. The extension adds this bean only where camel-cluster is on
 * the class path.
 */
@Singleton
public class AvFleetObserver {

    void beforeStart(@Observes BeforeStart event) throws Exception {
        CamelContext context = event.getCamelContext();
        if (context.getPropertiesComponent().resolveProperty("camel.av.fleet.cameras").isPresent()) {
            FleetNode.install(context);
        }
    }
}
