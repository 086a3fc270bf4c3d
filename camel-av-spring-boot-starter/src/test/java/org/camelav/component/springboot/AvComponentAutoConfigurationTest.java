package org.camelav.component.springboot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.spring.boot.CamelAutoConfiguration;
import org.camelav.component.AvComponent;
import org.camelav.component.AvMode;
import org.camelav.media.FfmpegLog;
import org.camelav.media.video.Interpolation;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The starter as an application sees it: Camel's auto-configuration plus this one, from properties. */
class AvComponentAutoConfigurationTest {

    private final ApplicationContextRunner app = new ApplicationContextRunner().withConfiguration(
            AutoConfigurations.of(CamelAutoConfiguration.class, AvComponentAutoConfiguration.class));

    @Test
    void validOptionsReachTheComponentAndFfmpeg() {
        app.withPropertyValues("camel.component.av.log-level=error", "camel.component.av.timeout=12345",
                "camel.component.av.reconnectDelay=750", "camel.component.av.mode=packets",
                "camel.component.av.interpolation=lanczos", "camel.component.av.bridge-error-handler=true",
                "camel.component.av.format-options.rtsp_transport=tcp", "camel.component.av.width=320")
                .run(context -> {
                    assertNull(context.getStartupFailure());
                    AvComponent av = context.getBean(CamelContext.class).getComponent("av", AvComponent.class);
                    assertEquals("error", av.getLogLevel());
                    assertEquals(FfmpegLog.Level.ERROR, FfmpegLog.getLevel(), "FFmpeg's own level");
                    assertTrue(av.isBridgeErrorHandler());
                    assertEquals(12345, av.getConfiguration().getTimeout());
                    assertEquals(750, av.getConfiguration().getReconnectDelay(), "camelCase name, relaxed binding");
                    assertEquals(AvMode.PACKETS, av.getConfiguration().getMode());
                    assertEquals(Interpolation.LANCZOS, av.getConfiguration().getInterpolation());
                    assertEquals(320, av.getConfiguration().getWidth());
                    assertEquals("tcp", av.getConfiguration().getFormatOptions().get("rtsp_transport"));
                });
    }

    @Test
    void anInvalidValueFailsStartUpNamingTheOptionAndTheAllowedValues() {
        app.withPropertyValues("camel.component.av.log-level=NOISY").run(context -> {
            String message = messages(context.getStartupFailure());
            assertTrue(message.contains("Failed to bind properties under 'camel.component.av'"), message);
            assertTrue(message.contains("camel.component.av.log-level=NOISY is not one of quiet, panic, fatal, error,"
                                        + " warning, info, verbose, debug, trace"), message);
        });
        app.withPropertyValues("camel.component.av.mode=pictures").run(context -> {
            String message = messages(context.getStartupFailure());
            assertTrue(message.contains("Failed to bind properties under 'camel.component.av.mode'"), message);
        });
        app.withPropertyValues("camel.component.av.timeout=abc").run(context -> {
            String message = messages(context.getStartupFailure());
            assertTrue(message.contains("Failed to bind properties under 'camel.component.av.timeout'"), message);
        });
    }

    @Test
    void anUnknownOptionFailsStartUpNamingIt() {
        app.withPropertyValues("camel.component.av.no-such-option=1").run(context -> {
            String message = messages(context.getStartupFailure());
            assertTrue(message.contains("camel.component.av.no-such-option"), message);
            assertTrue(message.contains("were left unbound"), message);
        });
    }

    /**
     * A typo or a bad value is one failure, as with Camel's own starters: no "Related cause: ... Requested bean is
     * currently in creation" for every bean that was being created around the binding (issue 32 counted 23), in an
     * application with an av route, as users start it.
     */
    @Test
    void aBadOptionIsReportedOnceWithoutRelatedCauses() {
        for (String bad : new String[] {"camel.component.av.timeot=5000", "camel.component.av.log-level=NOISY"}) {
            String named = bad.contains("NOISY") ? "log-level=NOISY is not one of" : "camel.component.av.timeot";
            app.withPropertyValues(bad).withBean("frames", RouteBuilder.class, () -> new RouteBuilder() {
                @Override
                public void configure() {
                    from("av:testsrc2=size=64x48:rate=5?format=lavfi&maxFrames=1").to("log:frames");
                }
            }).run(context -> {
                Throwable failure = context.getStartupFailure();
                String message = messages(failure);
                assertTrue(message.contains(named), message);
                int related = 0;
                for (Throwable t = failure; t != null; t = t.getCause()) {
                    if (t instanceof BeanCreationException b && b.getRelatedCauses() != null) {
                        related += b.getRelatedCauses().length;
                    }
                }
                assertEquals(0, related, bad + ": " + message);
                assertFalse(message.contains("Related cause"), message);
            });
        }
    }

    @Test
    void camelSpringBootsOwnSwitchesAreNotUnknownOptions() {
        app.withPropertyValues("camel.component.av.customizer.enabled=false", "camel.component.av.timeout=4321")
                .run(context -> {
                    assertNull(context.getStartupFailure());
                    AvComponent av = context.getBean(CamelContext.class).getComponent("av", AvComponent.class);
                    assertEquals(30000, av.getConfiguration().getTimeout(), "customizer switched off: default");
                });
    }

    @Test
    void everyCatalogOptionIsInTheIdeMetadataWithItsDefaultsAndValues() throws Exception {
        String metadata = resource("META-INF/spring-configuration-metadata.json");
        String catalog = resource("META-INF/org/camelav/component/av.json");
        var options = ((org.apache.camel.util.json.JsonObject) org.apache.camel.util.json.Jsoner.deserialize(catalog))
                .getMap("componentProperties").keySet();
        for (Object option : options) {
            String kebab = option.toString().replaceAll("([A-Z])", "-$1").toLowerCase(java.util.Locale.ROOT);
            assertTrue(metadata.contains("\"camel.component.av." + kebab + "\""), kebab);
        }
        assertTrue(metadata.replaceAll("\\s", "").contains("\"defaultValue\":30000"), "timeout's default");
        assertTrue(metadata.replaceAll("\\s", "").contains("{\"value\":\"WARNING\"}"), "log-level's values");
    }

    private static String resource(String name) throws Exception {
        try (InputStream in = AvComponentAutoConfigurationTest.class.getClassLoader().getResourceAsStream(name)) {
            assertNotNull(in, name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String messages(Throwable failure) {
        assertNotNull(failure, "start-up must fail");
        StringBuilder all = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        return all.toString();
    }
}
