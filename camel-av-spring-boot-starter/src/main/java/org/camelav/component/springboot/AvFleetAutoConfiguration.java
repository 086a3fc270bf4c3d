package org.camelav.component.springboot;

import org.apache.camel.CamelContext;
import org.apache.camel.spring.boot.CamelAutoConfiguration;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.camelav.cluster.FleetNode;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * Makes the application a camera-fleet node when {@code camel.av.fleet.cameras} names the camera list: the same
 * {@link FleetNode} as camel-main, from the same {@code camel.cluster.*} and {@code camel.av.fleet.*} properties
 * (Camel resolves them from Spring's environment), installed before the CamelContext starts. Needs camel-cluster,
 * and camel-zookeeper for ZooKeeper (or a {@code CamelPreemptiveClusterService} bean, e.g. Kubernetes).
 */
@AutoConfiguration(after = CamelAutoConfiguration.class)
@ConditionalOnClass(name = "org.apache.camel.impl.cluster.ClusteredRoutePolicy")
@ConditionalOnProperty(prefix = "camel.av.fleet", name = "cameras")
public class AvFleetAutoConfiguration {

    @Bean
    public CamelContextConfiguration avFleetNode() {
        return new CamelContextConfiguration() {
            @Override
            public void beforeApplicationStart(CamelContext context) {
                try {
                    FleetNode.install(context);
                } catch (Exception e) {
                    throw new IllegalStateException("Cannot make this application a camera-fleet node: " + e.getMessage(), e);
                }
            }

            @Override
            public void afterApplicationStart(CamelContext context) {
                // the fleet node starts with the context
            }
        };
    }
}
