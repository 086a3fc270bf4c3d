package org.camelav.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.cluster.CamelClusterService;
import org.apache.camel.impl.cluster.ClusteredRoutePolicy;
import org.apache.camel.support.cluster.RebalancingCamelClusterService;
import org.apache.camel.support.service.ServiceSupport;
import org.camelav.component.AvConstants;
import org.camelav.media.UrlMasker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cameras as configuration: a properties file {@code name=url} (e.g. {@code cam01=rtsp://10.0.0.5:554/stream1}), each
 * camera becoming a route {@code av:URL?OPTIONS} with id {@code camera-NAME}, guarded by a
 * {@link ClusteredRoutePolicy} on namespace {@code camera-NAME} of the given cluster service. The file is read again
 * every {@code reloadMillis}: added cameras get routes, removed ones lose them and leave their election.
 * <p>
 * Every node runs the same list; the cluster service decides which node's route actually runs. On the same schedule
 * {@link #reconcile()} keeps each route's state in step with this node's leadership.
 */
public final class CameraFleet extends ServiceSupport {

    private static final Logger LOG = LoggerFactory.getLogger(CameraFleet.class);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+");
    /** How often routes are checked against leadership when the list is not reloaded. */
    private static final long RECONCILE_MILLIS = 2_000;

    private final CamelContext context;
    private final CamelClusterService cluster;
    private final Path file;
    private final String options;
    private final String stepUri;
    private final long reloadMillis;
    private final String source;
    private final Map<String, CameraState> cameras = new ConcurrentHashMap<>();
    /** Routes whose state disagreed with this node's leadership at the last {@link #reconcile()}. */
    private final Set<String> diverged = new HashSet<>();
    private ScheduledExecutorService reloader;
    private long loadedModified = Long.MIN_VALUE;

    /**
     * @param options URI options appended to every camera URL (e.g. {@code mode=packets&timeout=5000}), may be empty
     * @param stepUri where each camera's items go (a recording endpoint), {@code {camera}} replaced by the camera's
     *                name, e.g. {@code av:/rec/{camera}/%F/%H%M%S.ts?record=true}; empty or null for none
     */
    public CameraFleet(CamelContext context, CamelClusterService cluster, Path file, String options, String stepUri,
                       long reloadMillis) {
        this(context, cluster, file, options, stepUri, reloadMillis, DEFAULT_SOURCE);
    }

    /** What each camera's route reads by default: {@code {url}} is the camera's URL with the options appended. */
    public static final String DEFAULT_SOURCE = "av:{url}";

    /**
     * @param source each camera route's consumer endpoint, {@code {url}} replaced by the camera's URL with
     *               {@code options} appended and {@code {camera}} by its name; {@link #DEFAULT_SOURCE} reads it with
     *               camel-av. Anything else is for simulating a fleet without reading cameras (a 500-camera election
     *               test with {@code timer:{camera}?period=500})
     */
    public CameraFleet(CamelContext context, CamelClusterService cluster, Path file, String options, String stepUri,
                       long reloadMillis, String source) {
        this.source = source == null || source.isBlank() ? DEFAULT_SOURCE : source.trim();
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
        String uri = source.replace("{url}", url + (options.isEmpty() ? "" : (url.contains("?") ? "&" : "?") + options))
                .replace("{camera}", name);
        String step = stepUri.replace("{camera}", name);
        ClusteredRoutePolicy policy = ClusteredRoutePolicy.forNamespace(cluster, state.namespace());
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                var route = from(uri).routeId(routeId(name)).routePolicy(policy)
                        .process(exchange -> state.onItem(System.currentTimeMillis()))
                        .setHeader(AvConstants.NODE_ID, constant(cluster.getId())); // which node wrote a segment
                if (!step.isEmpty()) {
                    route.to(step); // its producer lives with the route: a new owner starts a new segment
                }
            }
        });
        cameras.put(name, state);
        LOG.info("Camera {} added: {}", name, UrlMasker.mask(url));
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

    /**
     * Starts the route of a camera this node leads that is not running, and stops one that runs while another node
     * leads, when the previous check found the same. {@link ClusteredRoutePolicy} alone can leave an owned camera
     * unread for good: leadership won while {@link #addCamera} is still adding the route (a camera added at run time
     * whose election this node wins at once) makes the policy start a route that is not registered yet and then count
     * it as started; and a route whose start failed stays stopped. The rebalancer counts such a camera as owned, so
     * no other node takes it.
     */
    public synchronized void reconcile() {
        if (!isRunAllowed() || !context.isStarted()) {
            diverged.clear(); // the context stops its routes before its services: not a mismatch to repair
            return;
        }
        for (CameraState cam : cameras.values()) {
            String id = routeId(cam.name());
            ServiceStatus status = context.getRouteController().getRouteStatus(id);
            if (status == null) {
                continue;
            }
            boolean leader = cluster.isLeader(cam.namespace());
            boolean wrong = leader ? !status.isStarted() && !status.isStarting() : status.isStarted();
            if (!wrong) {
                diverged.remove(id);
                continue;
            }
            if (diverged.add(id)) { // out of step for the first time: a hand-over may be under way, look again
                continue;
            }
            diverged.remove(id);
            try {
                if (leader) {
                    LOG.warn("Camera {} is owned by this node but its route is {}: starting it", cam.name(), status);
                    context.getRouteController().startRoute(id);
                } else {
                    LOG.warn("Camera {} is read by this node without owning it: stopping its route", cam.name());
                    context.getRouteController().stopRoute(id);
                }
            } catch (Exception e) {
                LOG.warn("Cannot bring camera {}'s route in step with its ownership: {}", cam.name(), e.toString());
            }
        }
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
        long period = reloadMillis > 0 ? reloadMillis : RECONCILE_MILLIS;
        reloader = context.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "AvCameraList");
        reloader.scheduleWithFixedDelay(() -> {
            if (reloadMillis > 0) {
                try {
                    reload();
                } catch (Exception e) {
                    LOG.warn("Cannot reload the camera list {}: {}", file, e.toString());
                }
            }
            reconcile();
        }, period, period, TimeUnit.MILLISECONDS);
    }

    @Override
    protected void doStop() {
        if (reloader != null) {
            context.getExecutorServiceManager().shutdownNow(reloader);
            reloader = null;
        }
    }
}
