package org.camelav.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.cluster.CamelClusterService;
import org.apache.camel.impl.cluster.ClusteredRoutePolicy;
import org.apache.camel.support.cluster.RebalancingCamelClusterService;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cameras as configuration: a properties file {@code name=url} (e.g. {@code cam01=rtsp://10.0.0.5:554/stream1}), each
 * camera becoming a route {@code av:URL?OPTIONS} with id {@code camera-NAME}, guarded by a
 * {@link ClusteredRoutePolicy} on namespace {@code camera-NAME} of the given cluster service. The file is read again
 * every {@code reloadMillis}: added cameras get routes, removed ones lose them and leave their election.
 * <p>
 * Every node runs the same list; the cluster service decides which node's route actually runs.
 */
public final class CameraFleet extends ServiceSupport {

    private static final Logger LOG = LoggerFactory.getLogger(CameraFleet.class);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+");

    private final CamelContext context;
    private final CamelClusterService cluster;
    private final Path file;
    private final String options;
    private final String stepUri;
    private final long reloadMillis;
    private final Map<String, CameraState> cameras = new ConcurrentHashMap<>();
    private ScheduledExecutorService reloader;
    private long loadedModified = Long.MIN_VALUE;

    /**
     * @param options URI options appended to every camera URL (e.g. {@code mode=packets&timeout=5000}), may be empty
     * @param stepUri where each camera's items go (a recording endpoint), {@code {camera}} replaced by the camera's
     *                name, e.g. {@code av:/rec/{camera}/%F/%H%M%S.ts?record=true}; empty or null for none
     */
    public CameraFleet(CamelContext context, CamelClusterService cluster, Path file, String options, String stepUri,
                       long reloadMillis) {
        this.context = context;
        this.cluster = cluster;
        this.file = file;
        this.options = options == null ? "" : options;
        this.stepUri = stepUri == null ? "" : stepUri.trim();
        this.reloadMillis = reloadMillis;
    }

    /** The cameras configured on this node (whether or not it owns them). */
    public Collection<CameraState> cameras() {
        return new TreeMap<>(cameras).values();
    }

    public CamelClusterService cluster() {
        return cluster;
    }

    /** Reads the camera file and adds or removes routes so they match it. */
    public synchronized void reload() throws Exception {
        long modified = Files.getLastModifiedTime(file).toMillis();
        if (modified == loadedModified) {
            return;
        }
        Map<String, String> wanted = read(file);
        for (String name : cameras.keySet()) {
            if (!wanted.containsKey(name) || !wanted.get(name).equals(cameras.get(name).url())) {
                removeCamera(name);
            }
        }
        for (Map.Entry<String, String> e : wanted.entrySet()) {
            if (!cameras.containsKey(e.getKey())) {
                addCamera(e.getKey(), e.getValue());
            }
        }
        loadedModified = modified;
    }

    /** Adds a camera route (stopped until this node wins the camera's election). */
    public synchronized void addCamera(String name, String url) throws Exception {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Camera names are letters, digits, '_' and '-': " + name);
        }
        CameraState state = new CameraState(name, url, 1_000);
        String uri = "av:" + url + (options.isEmpty() ? "" : (url.contains("?") ? "&" : "?") + options);
        String step = stepUri.replace("{camera}", name);
        ClusteredRoutePolicy policy = ClusteredRoutePolicy.forNamespace(cluster, state.namespace());
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                var route = from(uri).routeId(routeId(name)).routePolicy(policy)
                        .process(exchange -> state.onItem(System.currentTimeMillis()));
                if (!step.isEmpty()) {
                    route.to(step); // its producer lives with the route: a new owner starts a new segment
                }
            }
        });
        cameras.put(name, state);
        LOG.info("Camera {} added: {}", name, url.replaceAll("//[^/@]*@", "//***@"));
    }

    /** Stops and removes a camera's route; this node leaves its election. */
    public synchronized void removeCamera(String name) throws Exception {
        CameraState state = cameras.remove(name);
        if (state == null) {
            return;
        }
        String id = routeId(name);
        context.getRouteController().stopRoute(id);
        context.removeRoute(id);
        CamelClusterService delegate = cluster instanceof RebalancingCamelClusterService r ? r.getDelegate() : cluster;
        if (delegate instanceof ZooKeeperPreemptiveClusterService zk) {
            zk.retire(state.namespace());
        }
        LOG.info("Camera {} removed", name);
    }

    static String routeId(String camera) {
        return "camera-" + camera;
    }

    static Map<String, String> read(Path file) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        }
        Map<String, String> cams = new TreeMap<>();
        p.stringPropertyNames().forEach(k -> cams.put(k.trim(), p.getProperty(k).trim()));
        return cams;
    }

    @Override
    protected void doStart() throws Exception {
        reload();
        if (reloadMillis > 0) {
            reloader = context.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "AvCameraList");
            reloader.scheduleWithFixedDelay(() -> {
                try {
                    reload();
                } catch (Exception e) {
                    LOG.warn("Cannot reload the camera list {}: {}", file, e.toString());
                }
            }, reloadMillis, reloadMillis, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    protected void doStop() {
        if (reloader != null) {
            context.getExecutorServiceManager().shutdownNow(reloader);
            reloader = null;
        }
    }
}
