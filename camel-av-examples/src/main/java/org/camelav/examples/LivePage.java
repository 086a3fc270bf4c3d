package org.camelav.examples;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/**
 * The operator page of {@link LiveViewApp}: {@code /live} shows every camera live in a grid (live-player.js: MSE fed
 * over {@link LiveSocket}'s WebSocket {@code /live/ID}), and {@code /live/ID.mp4} is the same stream as chunked HTTP
 * for clients without WebSockets (platform-http streams the {@code operation=live} body as it comes). Each camera's
 * stream is muxed once from its camera route's packets, whatever the number of viewers.
 */
final class LivePage extends RouteBuilder {

    private final Map<String, String> cameras;
    private final boolean chunked;

    /** @param chunked whether to serve {@code /live/ID.mp4} (not where the camera's own routes do) */
    LivePage(Map<String, String> cameras, boolean chunked) {
        this.cameras = cameras;
        this.chunked = chunked;
    }

    /** Each camera's {@code operation=live} endpoint, by camera id. */
    static Map<String, String> liveUris(Map<String, String> cameras) {
        Map<String, String> uris = new LinkedHashMap<>();
        cameras.forEach((id, url) -> uris.put(id, "av:" + url + (url.contains("?") ? "&" : "?") + "operation=live"));
        return uris;
    }

    @Override
    public void configure() throws IOException {
        String page = resource("liveview/live.html");
        String player = resource("liveview/live-player.js");
        String timeline = resource("liveview/timeline.js");
        from("platform-http:/live?httpMethodRestrict=GET").routeId("live-page")
                .setHeader(Exchange.CONTENT_TYPE, constant("text/html; charset=utf-8"))
                .setBody(constant(page));
        from("platform-http:/live/player.js?httpMethodRestrict=GET").routeId("live-player")
                .setHeader(Exchange.CONTENT_TYPE, constant("text/javascript; charset=utf-8"))
                .setBody(constant(player));
        from("platform-http:/live/timeline.js?httpMethodRestrict=GET").routeId("live-timeline")
                .setHeader(Exchange.CONTENT_TYPE, constant("text/javascript; charset=utf-8"))
                .setBody(constant(timeline));
        if (!chunked) {
            return;
        }
        liveUris(cameras).forEach((id, uri) -> from("platform-http:/live/" + id + ".mp4?httpMethodRestrict=GET")
                .routeId("live-mp4-" + id)
                .setHeader("Cache-Control", constant("no-store"))
                .to(uri));
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = LivePage.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
