package org.camelav.springboot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.apache.camel.CamelContext;
import org.camelav.component.AvComponent;
import org.camelav.component.springboot.AvComponentAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Why camel-av-spring-boot-starter's {@link AvComponentAutoConfiguration} exists: without it, camel-spring-boot
 * 4.18.0 ignores {@code camel.component.av.*} from application.yaml. Should a later camel-spring-boot bind third-party
 * components itself, this test fails and the starter's binding can go.
 */
@SpringBootTest(properties = {
        "spring.autoconfigure.exclude=org.camelav.component.springboot.AvComponentAutoConfiguration",
        "camel.main.duration-max-idle-seconds=0", "camel.main.run-controller=false", "app.seconds=0.5",
        "app.output=target/spring-boot-thumbs-without" })
class WithoutAvAutoConfigurationTest {

    @Autowired
    CamelContext camel;

    @Test
    void camelSpringBootAloneLeavesTheAvOptionsUnset() {
        AvComponent av = camel.getComponent("av", AvComponent.class);
        assertNull(av.getLogLevel(), "application.yaml says ERROR, but nothing bound it (unset: FFmpeg stays at WARNING)");
        assertFalse(av.isBridgeErrorHandler());
    }
}
