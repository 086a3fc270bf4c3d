package org.camelav.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.console.DevConsole;
import org.apache.camel.console.DevConsoleRegistry;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.main.Main;
import org.camelav.testsupport.LogCapture;
import org.junit.jupiter.api.Test;

/**
 * camel-main with {@code dump-routes} on a route whose URL has user info and one with {@code password=RAW({{..}})}:
 * every output camel-av controls or influences (endpoint URIs and the endpoint console, JMX attributes, health
 * details, Micrometer tags, toString, camel-av's log) is masked; Camel's model dumps print the route as written, so the
 * safe form (options plus {@code dump-routes-resolve-placeholders=false}) is checked to keep the secret out, and the
 * unsafe forms are checked to leak, as the reproducer in docs/camel-jira-dump-routes.md describes.
 */
class SecretsInCamelOutputsTest {

    /** With an '@': FFmpeg's split (at the last one) is the one that must be masked. */
    private static final String USERINFO_PW = "Us3r@InfoPw";
    private static final String RAW_PW = "s3cretPW";
    private static final String USERINFO = "av:rtsp://admin:" + USERINFO_PW
                                           + "@127.0.0.1:1/x?timeout=500&reconnectDelay=60000";
    private static final String RAW = "av:rtsp://127.0.0.1:1/y?username=admin&password=RAW({{cam.password}})"
                                      + "&timeout=500&reconnectDelay=60000";

    private record Run(List<String> dump, List<String> outputs, List<String> routeDumpConsole) {
    }

    /** Starts camel-main with the routes and collects what it dumped and what each output shows. */
    private static Run run(String format, boolean resolvePlaceholders, String... uris) throws Exception {
        Main main = new Main();
        main.addInitialProperty("camel.main.dumpRoutes", format);
        main.addInitialProperty("camel.main.dumpRoutesResolvePlaceholders", String.valueOf(resolvePlaceholders));
        main.addInitialProperty("camel.main.jmxEnabled", "true");
        main.addInitialProperty("cam.password", RAW_PW);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        main.bind("metricsRegistry", meters);
        main.configure().addRoutesBuilder(new RouteBuilder() {
            @Override
            public void configure() {
                for (int i = 0; i < uris.length; i++) {
                    from(uris[i]).routeId("cam" + i).to("log:cam" + i + "?level=OFF");
                }
            }
        });
        List<String> dump = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        List<String> routeDump = new ArrayList<>();
        try (LogCapture dumper = new LogCapture("org.apache.camel.impl.DefaultDumpRoutesStrategy");
             LogCapture av = new LogCapture("org.camelav")) {
            main.start();
            CamelContext ctx = main.getCamelContext();
            dumper.events().forEach(e -> dump.add(e.message()));
            ctx.getEndpoints().forEach(ep -> outputs.add("endpoint " + ep.getEndpointUri() + " " + ep));
            DevConsoleRegistry consoles = ctx.getCamelContextExtension().getContextPlugin(DevConsoleRegistry.class);
            for (String id : new String[] { "endpoint", "route", "av", "health" }) {
                DevConsole c = consoles.resolveById(id);
                outputs.add("console " + id + " " + c.call(DevConsole.MediaType.TEXT) + " "
                            + c.call(DevConsole.MediaType.JSON, Map.of()));
            }
            DevConsole c = consoles.resolveById("route-dump");
            routeDump.add(String.valueOf(c.call(DevConsole.MediaType.TEXT)));
            for (HealthCheck.Result r : HealthCheckHelper.invoke(ctx)) {
                outputs.add("health " + r.getCheck().getId() + " " + r.getDetails() + " " + r.getMessage()
                            + r.getError().map(Throwable::getMessage));
            }
            for (Meter m : meters.getMeters()) {
                outputs.add("meter " + m.getId());
            }
            MBeanServer mbs = ManagementFactory.getPlatformMBeanServer();
            for (ObjectName n : mbs.queryNames(new ObjectName("org.apache.camel:context=" + ctx.getName() + ",*"), null)) {
                outputs.add("mbean " + n);
                if (List.of("routes", "endpoints", "consumers").contains(n.getKeyProperty("type"))) {
                    outputs.add("jmx " + n + " " + mbs.getAttribute(n, "EndpointUri"));
                }
            }
            av.events().forEach(e -> outputs.add("log " + e.message()));
        } finally {
            main.stop();
        }
        return new Run(dump, outputs, routeDump);
    }

    private static void assertNoSecret(List<String> lines) {
        for (String line : lines) {
            assertFalse(line.contains(USERINFO_PW) || line.contains("InfoPw") || line.contains(RAW_PW), line);
        }
    }

    @Test
    void everyOutputCamelAvControlsIsMasked() throws Exception {
        Run run = run("yaml", true, USERINFO, RAW);
        assertNoSecret(run.outputs());
        assertTrue(run.outputs().stream().anyMatch(l -> l.startsWith("console endpoint ")
                                                        && l.contains("av:rtsp://admin:xxxxxx@127.0.0.1:1/x")),
                String.join("\n", run.outputs()));
        assertTrue(run.outputs().stream().anyMatch(l -> l.startsWith("jmx ")), "JMX MBeans were read");
        assertTrue(run.outputs().stream().anyMatch(l -> l.startsWith("health consumer:cam0")), "health checks ran");
        assertTrue(run.outputs().stream().anyMatch(l -> l.startsWith("meter ")), "meters were registered");
        assertTrue(run.outputs().stream().anyMatch(l -> l.startsWith("log ") && l.contains("user info")),
                "camel-av warns about the password in the user info");
    }

    /** README's safe form: options with a placeholder, and the dump leaves placeholders unresolved. */
    @Test
    void theDocumentedSafeFormKeepsTheSecretOutOfYamlAndXmlDumps() throws Exception {
        for (String format : new String[] { "yaml", "xml" }) {
            Run run = run(format, false, RAW);
            String dump = String.join("\n", run.dump());
            assertTrue(dump.contains("{{cam.password}}"), dump);
            assertNoSecret(run.dump());
            assertNoSecret(run.outputs());
        }
    }

    /** What only Camel can fix (docs/camel-jira-dump-routes.md): if this fails, Camel masks now; update the README. */
    @Test
    void camelsModelDumpsPrintUserInfoAndResolvedRawSecrets() throws Exception {
        Run run = run("yaml", true, USERINFO, RAW);
        String dump = String.join("\n", run.dump());
        assertTrue(dump.contains("uri: av:rtsp://admin:" + USERINFO_PW + "@127.0.0.1:1/x"), dump);
        assertTrue(dump.contains("password=RAW(" + RAW_PW + ")"), dump);
        assertTrue(run.routeDumpConsole().get(0).contains(RAW_PW), "the route-dump console resolves placeholders");
        assertEquals(1, run.routeDumpConsole().size());
        // the same without camel-av: the reproducer of docs/camel-jira-dump-routes.md
        Run stub = run("yaml", true, "stub:http://admin:" + USERINFO_PW + "@127.0.0.1:1/x",
                "stub:http://127.0.0.1:1/y?password=RAW({{cam.password}})");
        String stubDump = String.join("\n", stub.dump());
        assertTrue(stubDump.contains("uri: stub:http://admin:" + USERINFO_PW + "@127.0.0.1:1/x"), stubDump);
        assertTrue(stubDump.contains("password=RAW(" + RAW_PW + ")"), stubDump);
    }
}
