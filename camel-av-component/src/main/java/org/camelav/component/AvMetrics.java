package org.camelav.component;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Micrometer meters of the av consumers and producers, when Micrometer is on the classpath (camel-micrometer brings
 * it; it is an optional dependency of camel-av). Without it this class never touches a Micrometer type, so users
 * without metrics need nothing more. The meters read the stats objects; the frame path does not know they exist.
 */
final class AvMetrics {

    private static final Logger LOG = LoggerFactory.getLogger(AvMetrics.class);
    private static final boolean MICROMETER = present("io.micrometer.core.instrument.MeterRegistry");

    private AvMetrics() {
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, AvMetrics.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** The consumer's meters, or null without Micrometer or a registry; close to remove them. */
    static AutoCloseable bindConsumer(AvConsumer consumer) {
        return MICROMETER ? AvMicrometer.bindConsumer(consumer) : null;
    }

    static AutoCloseable bindProducer(AvProducer producer) {
        return MICROMETER ? AvMicrometer.bindProducer(producer) : null;
    }

    /** A record/clip endpoint's meters, or null without Micrometer or a registry; close to remove them. */
    static AutoCloseable bindRecording(AvEndpoint endpoint) {
        return MICROMETER ? AvMicrometer.bindRecording(endpoint) : null;
    }

    static void unbind(AutoCloseable meters) {
        if (meters != null) {
            try {
                meters.close();
            } catch (Exception e) {
                LOG.debug("Removing av meters: {}", e.getMessage());
            }
        }
    }
}
