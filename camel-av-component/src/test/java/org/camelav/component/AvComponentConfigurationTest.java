package org.camelav.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.PropertyConfigurer;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.PropertyBindingSupport;
import org.camelav.media.container.ReaderOptions;
import org.camelav.testsupport.Await;
import org.junit.jupiter.api.Test;

/**
 * Options set once on the component ({@code camel.component.av.*}) reach every endpoint, which gets a copy of its own
 * and overrides it with its URI parameters: a fleet of cameras configured in one place.
 */
class AvComponentConfigurationTest {

    /** What camel-main does with {@code camel.component.av.*}: bind through the generated component configurer. */
    private static void bindComponentOptions(CamelContext ctx, AvComponent av, Map<String, Object> options) {
        PropertyConfigurer configurer = PluginHelper.getConfigurerResolver(ctx)
                .resolvePropertyConfigurer("av-component", ctx);
        Map<String, Object> left = new LinkedHashMap<>(options);
        PropertyBindingSupport.build().withCamelContext(ctx).withTarget(av).withConfigurer(configurer)
                .withIgnoreCase(true).withRemoveParameters(true).withProperties(left).bind();
        assertTrue(left.isEmpty(), "options the component configurer did not bind: " + left);
    }

    @Test
    void flatComponentOptionsReachEveryEndpointAndTheEndpointsOwnValuesWin() throws Exception {
        try (CamelContext ctx = new DefaultCamelContext()) {
            AvComponent av = new AvComponent();
            ctx.addComponent("av", av);
            Map<String, Object> options = new LinkedHashMap<>();
            options.put("timeout", "12000");
            options.put("reconnectDelay", "250");
            options.put("threadCount", "1");
            options.put("formatOptions.rtsp_transport", "tcp");
            options.put("configuration.reconnectAttempts", "7"); // camel.component.av.configuration.*
            bindComponentOptions(ctx, av, options);
            ctx.start();
            assertEquals(12_000, av.getConfiguration().getTimeout());

            AvEndpoint cam1 = ctx.getEndpoint("av:rtsp://cam1.local/live", AvEndpoint.class);
            AvEndpoint cam2 = ctx.getEndpoint("av:rtsp://cam2.local/live?timeout=5000&formatOptions.fflags=nobuffer"
                                              + "&formatOptions.rtsp_transport=udp", AvEndpoint.class);
            for (AvEndpoint cam : List.of(cam1, cam2)) {
                assertEquals(250, cam.getConfiguration().getReconnectDelay(), cam.getUrl());
                assertEquals(1, cam.getConfiguration().getThreadCount(), cam.getUrl());
                assertEquals(7, cam.getConfiguration().getReconnectAttempts(), cam.getUrl());
                assertEquals(30_000, cam.getConfiguration().getReconnectMaxDelay(), "unset: the option's default");
            }
            assertEquals(12_000, cam1.getConfiguration().getTimeout());
            assertEquals(Map.of("rtsp_transport", "tcp"), cam1.getConfiguration().getFormatOptions());
            // the endpoint's own values win; its formatOptions.x add to the component's, not replace them
            assertEquals(5_000, cam2.getConfiguration().getTimeout());
            assertEquals(Map.of("rtsp_transport", "udp", "fflags", "nobuffer"),
                    cam2.getConfiguration().getFormatOptions());

            // and that is what the media layer is given, in key order
            ReaderOptions read2 = cam2.options().reader();
            assertEquals(List.of("fflags", "rtsp_transport"), List.copyOf(read2.input().formatOptions().keySet()));
            assertEquals(5_000, read2.input().timeoutMillis());
            assertEquals(1, read2.decoding().threadCount());
            assertEquals(12_000, cam1.options().writer().output().timeoutMillis());
            assertThrows(UnsupportedOperationException.class, () -> read2.input().formatOptions().put("x", "y"));

            // each endpoint's maps are its own
            cam1.getConfiguration().getFormatOptions().put("stimeout", "1");
            cam1.getConfiguration().getCodecOptions().put("threads", "2");
            assertFalse(cam2.getConfiguration().getFormatOptions().containsKey("stimeout"));
            assertFalse(av.getConfiguration().getFormatOptions().containsKey("stimeout"));
            assertTrue(cam2.getConfiguration().getCodecOptions().isEmpty());
            assertTrue(av.getConfiguration().getCodecOptions().isEmpty());
            assertEquals(Map.of("rtsp_transport", "tcp"), av.getConfiguration().getFormatOptions());
        }
    }

    @Test
    void aConfigurationObjectSetOnTheComponentIsCopiedPerEndpoint() throws Exception {
        try (CamelContext ctx = new DefaultCamelContext()) {
            AvConfiguration shared = new AvConfiguration();
            shared.setTimeout(7_000);
            shared.setReconnectDelay(100);
            shared.setThreadCount(2);
            shared.getFormatOptions().put("rtsp_transport", "tcp");
            AvComponent av = new AvComponent();
            av.setConfiguration(shared);
            ctx.addComponent("av", av);
            ctx.start();

            AvEndpoint a = ctx.getEndpoint("av:rtsp://a/live", AvEndpoint.class);
            AvEndpoint b = ctx.getEndpoint("av:rtsp://b/live?threadCount=4", AvEndpoint.class);
            assertNotSame(shared, a.getConfiguration());
            assertNotSame(a.getConfiguration(), b.getConfiguration());
            assertNotSame(shared.getFormatOptions(), a.getConfiguration().getFormatOptions());
            assertEquals(7_000, a.getConfiguration().getTimeout());
            assertEquals(7_000, b.getConfiguration().getTimeout());
            assertEquals(100, b.getConfiguration().getReconnectDelay());
            assertEquals(2, a.getConfiguration().getThreadCount());
            assertEquals(4, b.getConfiguration().getThreadCount());
            assertEquals("tcp", b.getConfiguration().getFormatOptions().get("rtsp_transport"));

            b.getConfiguration().getFormatOptions().put("fflags", "nobuffer");
            assertEquals(Map.of("rtsp_transport", "tcp"), shared.getFormatOptions());
            assertEquals(Map.of("rtsp_transport", "tcp"), a.getConfiguration().getFormatOptions());
        }
    }

    @Test
    void aComponentLevelMaxFramesEndsEveryRouteThatDoesNotSetItsOwn() throws Exception {
        try (CamelContext ctx = new DefaultCamelContext()) {
            AvComponent av = new AvComponent();
            av.getConfiguration().setMaxFrames(5);
            ctx.addComponent("av", av);
            ctx.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("av:testsrc2=size=160x120:rate=25?format=lavfi").routeId("component").to("mock:component");
                    from("av:testsrc2=size=160x120:rate=25?format=lavfi&maxFrames=3").routeId("own")
                            .to("mock:own");
                }
            });
            MockEndpoint component = ctx.getEndpoint("mock:component", MockEndpoint.class);
            MockEndpoint own = ctx.getEndpoint("mock:own", MockEndpoint.class);
            component.expectedMessageCount(5); // before the start: five lavfi frames take milliseconds
            own.expectedMessageCount(3);
            ctx.start();
            MockEndpoint.assertIsSatisfied(20, java.util.concurrent.TimeUnit.SECONDS, component, own);
            for (String route : List.of("component", "own")) {
                // ENDED comes from the read after the bound, once the last exchange was routed: nothing can follow
                AvConsumer consumer = (AvConsumer) ctx.getRoute(route).getConsumer();
                Await.until(route + " to end at its bound", 20, () -> "ENDED".equals(consumer.getState()));
            }
            component.assertIsSatisfied();
            own.assertIsSatisfied();
            List<Exchange> five = component.getReceivedExchanges();
            assertEquals(Boolean.TRUE, five.get(4).getMessage().getHeader(AvConstants.END_OF_STREAM, Boolean.class));
        }
    }
}
