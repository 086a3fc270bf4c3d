package org.camelav.examples;

import java.util.Map;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.camelav.live.LiveViewer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live video over a WebSocket, {@code ws://HOST:PORT/live/ID} ({@code ?audio=0}: video only), on the HTTP server camel-main already runs for
 * platform-http (the Vert.x router camel-platform-http-vertx registers): no second port, and the same binding and
 * authentication as every other path. Each connection takes a viewer from {@code operation=live} (one muxer per
 * camera however many connect), sends one JSON text message {@code {"type":"mse","codecs":"avc1...,mp4a.40.2"}} and
 * then every chunk as one binary message: the init segment, then one fragment per picture.
 * <p>
 * Sending is Vert.x's own asynchronous writing, one message in flight per viewer: the next is taken from the viewer's
 * bounded queue only when the last one has been written to the socket, so a slow browser leaves fragments in that
 * queue (which drops to the newest key frame) rather than in an unbounded socket buffer, and no thread waits per
 * viewer. camel-vertx-websocket would give the same on Camel's terms, but it is not served by the Maven repository
 * this project builds from, and camel-platform-http-vertx 4.18 has no WebSocket consumer of its own.
 */
final class LiveSocket {

    private static final Logger LOG = LoggerFactory.getLogger(LiveSocket.class);

    private LiveSocket() {
    }

    /**
     * Serves {@code /live/ID} for each camera ({@code ID -> av: URI of operation=live}), and {@code /live/ID?stream=main}
     * for those of {@code mainUris} (their main stream). Call after the server started.
     */
    static void mount(CamelContext camel, Map<String, String> liveUris, Map<String, String> mainUris) {
        // camel-main names its router after the port ("platform-http-router-8080"): the main server's, by type
        VertxPlatformHttpRouter router = camel.getRegistry().findByType(VertxPlatformHttpRouter.class).stream()
                .filter(VertxPlatformHttpRouter::isMainServer).findFirst()
                .orElseThrow(() -> new IllegalStateException("no platform-http server: camel.server.enabled=true"));
        ProducerTemplate template = camel.createProducerTemplate();
        router.route("/live/:id").handler(ctx -> {
            String id = ctx.pathParam("id");
            String live = "main".equals(ctx.request().getParam("stream")) ? mainUris.get(id) : liveUris.get(id);
            if (live == null || !"websocket".equalsIgnoreCase(ctx.request().getHeader("Upgrade"))) {
                ctx.next(); // not ours: a platform-http route (e.g. the chunked MP4 fallback) or 404
                return;
            }
            // ?audio=0: video only, the muted grid's choice (plays closer to live); its own muxer of the camera
            // ?transcode=1: the player's browser cannot play the camera's codec (H.265 without HEVC): H.264 from the
            // camera's one transcoder (liveTranscode=always)
            String uri = ("0".equals(ctx.request().getParam("audio")) ? live + "&liveAudio=false" : live)
                         + ("1".equals(ctx.request().getParam("transcode")) ? "&liveTranscode=always" : "");
            Vertx vertx = router.vertx();
            ctx.request().toWebSocket().onSuccess(ws -> {
                Context context = vertx.getOrCreateContext();
                // waits for the camera's next key frame at most (operation=live's timeout): off the event loop
                vertx.<LiveViewer>executeBlocking(() -> template.requestBody(uri, null, LiveViewer.class), false)
                        .onComplete(r -> {
                            if (r.failed()) {
                                LOG.info("No live video for {}: {}", ctx.pathParam("id"), r.cause().getMessage());
                                ws.close((short) 1011, "no live video").onComplete(x -> { });
                            } else {
                                new Sender(ws, r.result(), context).start();
                            }
                        });
            });
        });
    }

    /** Drains one viewer into one socket, on the socket's Vert.x context: one write in flight at a time. */
    private static final class Sender {
        private final ServerWebSocket ws;
        private final LiveViewer viewer;
        private final Context context;
        private boolean writing;

        Sender(ServerWebSocket ws, LiveViewer viewer, Context context) {
            this.ws = ws;
            this.viewer = viewer;
            this.context = context;
        }

        void start() {
            ws.closeHandler(v -> viewer.close());
            ws.exceptionHandler(e -> viewer.close());
            String codecs;
            try {
                codecs = viewer.awaitCodecs(0);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            ws.writeTextMessage("{\"type\":\"mse\",\"codecs\":\"" + codecs + "\"}");
            viewer.onData(() -> context.runOnContext(v -> drain()));
        }

        private void drain() {
            if (writing) {
                return;
            }
            byte[] chunk = viewer.poll();
            if (chunk == null) {
                if (viewer.isClosed() && !ws.isClosed()) {
                    ws.close((short) 1001, "camera stopped").onComplete(x -> { });
                }
                return;
            }
            writing = true;
            ws.writeBinaryMessage(Buffer.buffer(chunk)).onComplete(r -> {
                writing = false;
                if (r.failed()) {
                    viewer.close();
                } else {
                    drain();
                }
            });
        }
    }
}
