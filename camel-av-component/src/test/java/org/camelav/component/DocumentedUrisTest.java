package org.camelav.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.camel.CamelContext;
import org.apache.camel.ConsumerTemplate;
import org.apache.camel.catalog.DefaultCamelCatalog;
import org.apache.camel.catalog.EndpointValidationResult;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.PropertyConfigurerGetter;
import org.camelav.testsupport.HttpFileServer;
import org.camelav.testsupport.TestMedia;
import org.junit.jupiter.api.Test;

/**
 * Every av: URI the README and the component page show is what catalog tools (IDE plugins, Camel JBang, Karavan) see:
 * it validates in Camel's catalog with our av.json added, and survives their round trip (the catalog's parse, then
 * the generated URI factory) into a URI that configures the same endpoint.
 */
class DocumentedUrisTest {

    private static final Pattern QUOTED = Pattern.compile("[\"'`](av:[^\"'`\\s]+)");
    private static final Pattern LISTED = Pattern.compile("(?m)^(av:\\S+)$");

    static Set<String> documentedUris() throws Exception {
        Set<String> uris = new LinkedHashSet<>();
        for (Path doc : List.of(Path.of("../README.md"), Path.of("src/main/docs/av-component.adoc"))) {
            String text = Files.readString(doc);
            for (Pattern p : List.of(QUOTED, LISTED)) { // syntax templates and placeholders aside
                Matcher m = p.matcher(text);
                while (m.find()) {
                    String uri = m.group(1);
                    // a whole URL in url=RAW(...) is the documented form catalog tools cannot rebuild (UriTyposTest)
                    if (!uri.contains("<") && !uri.contains("[") && !uri.contains("...") && !uri.contains("{{")
                        && !uri.contains("?url=RAW(")) {
                        uris.add(uri);
                    }
                }
            }
        }
        return uris;
    }

    private static DefaultCamelCatalog catalog() throws Exception {
        DefaultCamelCatalog catalog = new DefaultCamelCatalog();
        catalog.addComponent("av", AvComponent.class.getName(),
                Files.readString(Path.of("src/generated/resources/META-INF/org/camelav/component/av.json")));
        return catalog;
    }

    @Test
    void everyDocumentedUriValidatesAndRoundTrips() throws Exception {
        Set<String> uris = documentedUris();
        assertTrue(uris.size() >= 25, "URIs found in the docs: " + uris);
        assertTrue(uris.stream().anyMatch(u -> u.contains("channel=1&subtype=0")), "the camera URL with a query");
        DefaultCamelCatalog catalog = catalog();
        List<String> failures = new ArrayList<>();
        try (CamelContext ctx = new DefaultCamelContext()) {
            ctx.start();
            for (String uri : uris) {
                EndpointValidationResult r = catalog.validateEndpointProperties(uri);
                if (!r.isSuccess()) {
                    failures.add(uri + " invalid in the catalog: " + r.summaryErrorMessage(false));
                    continue;
                }
                Map<String, Object> props = new LinkedHashMap<>(catalog.endpointProperties(uri));
                String rebuilt = ctx.getCamelContextExtension().getEndpointUriFactory("av").buildUri("av", props, false);
                EndpointValidationResult r2 = catalog.validateEndpointProperties(rebuilt);
                if (!r2.isSuccess()) {
                    failures.add(uri + " round-trips into " + rebuilt + ", invalid: " + r2.summaryErrorMessage(false));
                    continue;
                }
                Map<String, Object> before = effective(ctx, uri);
                Map<String, Object> after = effective(ctx, rebuilt);
                if (!before.equals(after)) {
                    failures.add(uri + " round-trips into " + rebuilt + ": " + before + " became " + after);
                }
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    /** The URL FFmpeg gets and every option value, as the runtime configures the endpoint. */
    private static Map<String, Object> effective(CamelContext ctx, String uri) {
        AvEndpoint ep = ctx.getEndpoint(uri, AvEndpoint.class);
        PropertyConfigurerGetter getter = new AvEndpointConfigurer();
        Map<String, Object> values = new TreeMap<>();
        values.put("url", ep.getUrl());
        for (String option : new AvEndpointUriFactory().propertyNames()) {
            Object v = getter.getOptionValue(ep, option, false);
            values.put(option, v == null ? null : v.toString());
        }
        return values;
    }

    @Test
    void theCameraUrlKeepsItsOwnQueryInTheOrderWritten() throws Exception {
        String uri = "av:rtsp://10.0.0.5/live?channel=1&formatOptions.rtsp_transport=tcp&subtype=0&maxFrames=3";
        assertTrue(catalog().validateEndpointProperties(uri).isSuccess());
        try (CamelContext ctx = new DefaultCamelContext()) {
            ctx.start();
            AvEndpoint ep = ctx.getEndpoint(uri, AvEndpoint.class);
            assertEquals("rtsp://10.0.0.5/live?channel=1&subtype=0", ep.getUrl());
            assertEquals("tcp", ep.getConfiguration().getFormatOptions().get("rtsp_transport"));
            assertEquals(3, ep.getConfiguration().getMaxFrames());
        }
    }

    /** The server sees the query as written, and the av options in between still apply. */
    @Test
    void anHttpServerGetsTheUrlsOwnQuery() throws Exception {
        Path clip = TestMedia.clip("query.mp4", 10, 5, false);
        try (HttpFileServer http = HttpFileServer.serve(clip.getParent());
             CamelContext ctx = new DefaultCamelContext()) {
            ctx.start();
            ConsumerTemplate consumer = ctx.createConsumerTemplate();
            String uri = "av:" + http.url(clip.getFileName().toString()) + "?token=a1&maxFrames=3&channel=2";
            for (int i = 0; i < 3; i++) {
                assertTrue(consumer.receiveBody(uri, 20_000) != null, "frame " + i);
            }
            assertTrue(http.log().contains("GET /" + clip.getFileName() + "?token=a1&channel=2 "), http.log());
        }
    }
}
