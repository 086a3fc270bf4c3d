package org.camelav.springboot.autoconfigure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.camelav.component.AvComponent;
import org.junit.jupiter.api.Test;

class AvComponentAutoConfigurationTest {

    @Test
    void bindsThroughTheGeneratedConfigurerAndRejectsUnknownOptions() throws Exception {
        try (CamelContext camel = new DefaultCamelContext()) {
            AvComponent av = new AvComponent();
            av.setCamelContext(camel);
            AvComponentAutoConfiguration.bind(av, Map.of("logLevel", "DEBUG", "lazyStartProducer", "true"));
            assertEquals("DEBUG", av.getLogLevel());
            assertTrue(av.isLazyStartProducer());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> AvComponentAutoConfiguration.bind(av, Map.of("logLevell", "ERROR")));
            assertEquals("Unknown option(s) [logLevell] under camel.component.av: see the av component's options",
                    e.getMessage());
        }
    }
}
