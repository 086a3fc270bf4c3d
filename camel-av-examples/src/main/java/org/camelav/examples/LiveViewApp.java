package org.camelav.examples;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.camel.Exchange;
import org.apache.camel.Route;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckAware;
import org.apache.camel.main.Main;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A live view in the browser, served by camel-main's embedded HTTP server (platform-http on Vert.x): the cameras with
 * their consumer's health (state, frames, reconnects), each camera's live picture (an {@code <img>} reloaded from
 * {@code operation=snapshot}, which takes the newest picture from the camera's running consumer: no second RTSP
 * session), and the recordings folder's videos to play in a {@code <video>}.
 * <p>
 * Paths: {@code /} the page, {@code /api/cameras} and {@code /api/recordings} (JSON), {@code /snapshot/ID} (JPEG),
 * {@code /recordings/NAME} (a video of the folder); the operator page {@code /live} ({@link LivePage}, {@link LiveSocket})
 * and, with a record URI, each camera's timeline ({@link TimelineApi}). Each camera is a route {@code camera-ID} reading packets (unless
 * its URL sets {@code mode}) with reconnect; with a record URI it writes them there (e.g.
 * {@code record=true&segmentDuration=60} into the recordings folder), else it only keeps the snapshot source warm.
 * <p>
 * Arguments: port (default 8080), recordings folder (default {@code output/recordings}), then {@code ID=URL} per
 * camera (default: {@code cam1=} a lavfi testsrc2 in real time), {@code ID.main=URL} for a camera's main stream
 * (recorded, and a tile can switch to it; {@code ID=} is then its sub stream), and {@code record=true} to record each
 * camera into the folder in 60 s segments ({@code ID/ID-%Y%m%d-%H%M%S.mp4}), which gives the page its timeline
 * (cameras that send packets: RTSP, files; not the default lavfi source, read as frames). Open
 * http://127.0.0.1:8080/ or http://127.0.0.1:8080/live.
 */
public final class LiveViewApp {

    private static final Logger LOG = LoggerFactory.getLogger(LiveViewApp.class);
    private static final Map<String, String> VIDEO_TYPES = Map.of(".mp4", "video/mp4", ".webm", "video/webm",
            ".mkv", "video/x-matroska", ".ts", "video/mp2t");

    private LiveViewApp() {
    }

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8080;
        Path recordings = Path.of(args.length > 1 ? args[1] : "output/recordings").toAbsolutePath();
        Map<String, String> cameras = new LinkedHashMap<>();
        Map<String, String> mains = new LinkedHashMap<>();
        String recordUri = null;
        for (int i = 2; i < args.length; i++) {
            String key = args[i].substring(0, args[i].indexOf('='));
            String value = args[i].substring(args[i].indexOf('=') + 1);
            if (key.equals("record")) {
                recordUri = Boolean.parseBoolean(value)
                        ? "av:" + recordings + "/{id}/{id}-%Y%m%d-%H%M%S.mp4?record=true&segmentDuration=60" : null;
            } else if (key.endsWith(".main")) {
                mains.put(key.substring(0, key.length() - ".main".length()), value);
            } else {
                cameras.put(key, value);
            }
        }
        if (cameras.isEmpty()) {
            // frames: lavfi's packets are wrapped frames, which a snapshot cannot decode (a camera's are H.264)
            cameras.put("cam1", "testsrc2=size=640x360:rate=25?format=lavfi&realtime=true&mode=frames");
        }
        Main main = start(port, recordings, cameras, mains, recordUri, Map.of());
        LOG.info("Live view on http://127.0.0.1:{}/ (Ctrl-C stops)", port);
        main.run(); // blocks until the JVM is asked to stop
    }

    /**
     * Starts the app on 127.0.0.1:{@code port}; {@code recordUri}, when not null, is where each camera's packets go
     * ({@code {id}} replaced by the camera's id). The caller stops the returned Main.
     */
    public static Main start(int port, Path recordings, Map<String, String> cameras, String recordUri)
            throws Exception {
        return start(port, recordings, cameras, recordUri, Map.of());
    }

    /**
     * As above, with camel-main properties on top, e.g. basic authentication in front of every path:
     * {@code camel.server.authenticationEnabled=true} and {@code camel.server.basicPropertiesFile=users.properties}
     * (Vert.x's format: {@code user.alice=PASSWORD,viewer}). The app has no authentication of its own.
     */
    public static Main start(int port, Path recordings, Map<String, String> cameras, String recordUri,
            Map<String, String> properties) throws Exception {
        return start(port, recordings, cameras, Map.of(), recordUri, properties);
    }

    /**
     * Cameras with a main and a sub stream (the roles Frigate gives them): {@code cameras} maps each camera to the
     * stream watched live and used for snapshots (its sub stream), {@code mains} maps some of them to their main
     * stream. Such a camera has a second route, {@code camera-ID-main}, that reads the main stream and records it into
     * {@code recordUri}; its route {@code camera-ID} only feeds the live view and snapshots. A tile of the page can
     * switch to the main stream: one more viewer of the main route's packets, not one more RTSP session.
     */
    public static Main start(int port, Path recordings, Map<String, String> cameras, Map<String, String> mains,
            String recordUri, Map<String, String> properties) throws Exception {
        return launch(port, recordings, cameras, mains, recordUri, properties, null);
    }

    /**
     * The page over camera routes defined elsewhere, e.g. {@code routes/camera-main-sub.camel.yaml}
     * ({@code routesInclude}, camel-main's routes include pattern; its placeholders from {@code properties}). Those
     * routes read the cameras ({@code camera-ID}: the watched stream's packets; {@code camera-ID-main}: the main
     * stream's) and serve their own chunked {@code /live/ID.mp4}; this adds the page, the cameras' health, snapshots,
     * the WebSocket (sub, or main with {@code ?stream=main}) and the timeline of {@code recordUri}.
     */
    public static Main startPage(int port, Path recordings, Map<String, String> cameras, Map<String, String> mains,
            String recordUri, Map<String, String> properties, String routesInclude) throws Exception {
        return launch(port, recordings, cameras, mains, recordUri, properties, routesInclude);
    }

    private static Main launch(int port, Path recordings, Map<String, String> cameras, Map<String, String> mains,
            String recordUri, Map<String, String> properties, String routesInclude) throws Exception {
        Files.createDirectories(recordings);
        Main main = new Main();
        properties.forEach(main::addInitialProperty);
        main.addInitialProperty("camel.server.enabled", "true");
        main.addInitialProperty("camel.server.host", "127.0.0.1");
        main.addInitialProperty("camel.server.port", String.valueOf(port));
        if (routesInclude != null) {
            main.addInitialProperty("camel.main.routesIncludePattern", routesInclude);
        }
        main.configure().addRoutesBuilder(routes(recordings, cameras, mains, recordUri, routesInclude == null));
        if (recordUri != null) { // each camera's timeline, export and time-lapse: /api/recordings/ID, /api/export/ID
            Map<String, String> recorded = new LinkedHashMap<>();
            cameras.keySet().forEach(id -> recorded.put(id, recordUri.replace("{id}", id)));
            main.configure().addRoutesBuilder(new TimelineApi(recorded));
        }
        main.configure().addRoutesBuilder(new LivePage(cameras, routesInclude == null));
        main.start();
        try {
            LiveSocket.mount(main.getCamelContext(), LivePage.liveUris(cameras), LivePage.liveUris(mains));
        } catch (RuntimeException e) {
            main.stop();
            throw e;
        }
        return main;
    }

    /** The camera's packets (audio too), reconnecting, as the camera routes read them. */
    private static String packets(String url) {
        String sep = url.contains("?") ? "&" : "?";
        String mode = url.contains("mode=") ? "" : "mode=packets&"; // a camera's packets, as recorded
        mode += url.contains("streams=") ? "" : "streams=best&"; // its audio too: recorded, heard live
        return "av:" + url + sep + mode + "reconnect=true";
    }

    private static RouteBuilder routes(Path recordings, Map<String, String> cameras, Map<String, String> mains,
            String recordUri, boolean cameraRoutes) {
        return new RouteBuilder() {
            @Override
            public void configure() throws IOException {
                String page = resource("liveview/index.html");
                cameras.forEach((id, url) -> {
                    String main = mains.get(id);
                    if (cameraRoutes) {
                        var camera = from(packets(url)).routeId("camera-" + id);
                        if (recordUri != null && main == null) {
                            camera.to(recordUri.replace("{id}", id));
                        } else {
                            camera.stop();
                        }
                        if (main != null) { // the main stream: recorded; watched only when a tile switches to it
                            var mainRoute = from(packets(main)).routeId("camera-" + id + "-main");
                            if (recordUri != null) {
                                mainRoute.to(recordUri.replace("{id}", id));
                            } else {
                                mainRoute.stop();
                            }
                        }
                    }
                    from("platform-http:/snapshot/" + id + "?httpMethodRestrict=GET").routeId("snapshot-" + id)
                            .setHeader("Cache-Control", constant("no-store"))
                            .to("av:" + url + (url.contains("?") ? "&" : "?")
                                + "operation=snapshot&imageFormat=jpeg&quality=80");
                });
                from("platform-http:/?httpMethodRestrict=GET").routeId("page")
                        .setHeader(Exchange.CONTENT_TYPE, constant("text/html; charset=utf-8"))
                        .setBody(constant(page));
                from("platform-http:/api/cameras?httpMethodRestrict=GET").routeId("api-cameras")
                        .setHeader(Exchange.CONTENT_TYPE, constant("application/json"))
                        .process(e -> e.getMessage().setBody(camerasJson(e, cameras, mains, recordUri != null)));
                from("platform-http:/api/recordings?httpMethodRestrict=GET").routeId("api-recordings")
                        .setHeader(Exchange.CONTENT_TYPE, constant("application/json"))
                        .process(e -> e.getMessage().setBody(recordingsJson(recordings)));
                from("platform-http:/recordings/{name}?httpMethodRestrict=GET").routeId("recording")
                        .process(e -> recording(e, recordings));
            }
        };
    }

    /** How old the camera's newest picture is, for people: "0.2 s", "5 min"; "-" before the first. */
    static String age(Object millis) {
        if (!(millis instanceof Number n) || n.longValue() < 0) {
            return "-";
        }
        long ms = n.longValue();
        return ms < 60_000 ? String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0) : ms / 60_000 + " min";
    }

    /**
     * Each camera's consumer health: what Camel's health-check registry reports for it; {@code main}: it has a main
     * stream to switch to, {@code recorded}: it has a timeline.
     */
    static String camerasJson(Exchange e, Map<String, String> cameras, Map<String, String> mains, boolean recorded) {
        return cameras.keySet().stream().map(id -> {
            Route route = e.getContext().getRoute("camera-" + id);
            HealthCheck.Result r = ((HealthCheckAware) route.getConsumer()).getHealthCheck().call();
            Map<String, Object> d = r.getDetails();
            return "{\"id\":" + json(id) + ",\"health\":" + json(r.getState().name()) + ",\"state\":"
                   + json(String.valueOf(d.get("state"))) + ",\"frames\":" + d.get("frames") + ",\"reconnects\":"
                   + d.get("reconnects") + ",\"age\":" + json(age(d.get("lastItemAgeMillis"))) + ",\"message\":"
                   + json(r.getMessage().orElse("")) + ",\"main\":" + mains.containsKey(id) + ",\"recorded\":" + recorded
                   + "}";
        }).collect(Collectors.joining(",", "[", "]"));
    }

    static String recordingsJson(Path dir) throws IOException {
        RecordingFiles served = new RecordingFiles(dir);
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> type(p) != null && servable(served, p)).sorted()
                    .map(p -> json(p.getFileName().toString())).collect(Collectors.joining(",", "[", "]"));
        }
    }

    /**
     * One video of the folder, by its plain file name (nothing outside the folder is ever served, through a link
     * neither); a {@code Range} request gets that part (206), so the player can seek into what it has not loaded.
     * The bytes are streamed from disk, whatever the file's size.
     */
    static void recording(Exchange e, Path dir) throws IOException {
        String name = e.getMessage().getHeader("name", String.class);
        Path file = new RecordingFiles(dir).resolve(name);
        if (file == null || type(file) == null) {
            e.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 404);
            e.getMessage().setBody("no such recording");
            return;
        }
        RecordingFiles.serve(e, file, type(file));
    }

    /** Listed only when served: a link out of the folder is neither. */
    private static boolean servable(RecordingFiles served, Path p) {
        try {
            return served.resolve(p.getFileName().toString()) != null;
        } catch (IOException e) {
            return false;
        }
    }

    private static String type(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot < 0 ? null : VIDEO_TYPES.get(n.substring(dot));
    }

    private static String json(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = LiveViewApp.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("missing resource " + name);
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
