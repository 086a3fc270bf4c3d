package org.camelav.fleet;

import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.camelav.cluster.FleetNode;

/**
 * One node of a camera fleet: camel-main with {@code application.properties} (the {@code camel.cluster.*} and
 * {@code camel.av.fleet.*} keys, any of them overridable with {@code -Dkey=value} or environment variables). Start the
 * same program N times against one ZooKeeper and the cameras spread over the nodes; kill one and the others take its
 * cameras.
 */
public final class FleetMain {

    private FleetMain() {
    }

    public static void main(String[] args) throws Exception {
        Main main = new Main(FleetMain.class);
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void afterConfigure(BaseMainSupport m) {
                try {
                    FleetNode.install(m.getCamelContext());
                } catch (Exception e) {
                    throw new IllegalStateException("Cannot set up the fleet node", e);
                }
            }
        });
        main.run(args);
    }
}
