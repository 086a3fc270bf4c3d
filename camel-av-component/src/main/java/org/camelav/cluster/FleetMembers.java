package org.camelav.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.cache.CuratorCacheAccessor;
import org.apache.curator.framework.recipes.cache.CuratorCacheListener;
import org.apache.curator.framework.recipes.nodes.PersistentNode;
import org.apache.zookeeper.CreateMode;

/**
 * Who is in the fleet: one ephemeral node per running service under {@code basePath/members}, named
 * {@code id#random} (a restarted node gets a fresh name, so its dead predecessor's node cannot block it), watched with a
 * Curator cache. Membership is separate from the per-camera elections on purpose: a node that left a camera's election
 * (a disabled view) is still a member, and {@code RebalancingCamelClusterService} divides the cameras by members.
 * Each member's znode holds the namespaces it leads, so that when a member dies the others know which cameras lost
 * their owner without reading any election ({@link FleetRebalancer}).
 */
final class FleetMembers implements AutoCloseable {

    private final String path;
    private final String id;
    private final PersistentNode self;
    private final CuratorCache cache;
    private Set<String> published = Set.of();
    /** When a member last left (System.nanoTime()), 0 if none has since this node joined. */
    private volatile long lastLeft;
    /** Between start and close: this node is a member, whether or not its znode is in the cache yet. */
    private volatile boolean started;

    FleetMembers(CuratorFramework client, String basePath, String id) {
        this(client, basePath, id, () -> { });
    }

    /**
     * @param onJoinOrLeave run (on Curator's cache thread: it must not block) when a member joins or leaves, so the
     *                      rebalancer can act at once rather than at its next period
     */
    FleetMembers(CuratorFramework client, String basePath, String id, Runnable onJoinOrLeave) {
        if (id.contains("#") || id.contains("/")) {
            throw new IllegalArgumentException("A node id cannot contain '#' or '/': " + id);
        }
        this.path = basePath + "/members";
        this.id = id;
        String node = path + "/" + id + "#" + UUID.randomUUID().toString().substring(0, 8);
        this.self = new PersistentNode(client, CreateMode.EPHEMERAL, false, node, new byte[0]);
        this.cache = CuratorCache.build(client, path);
        String prefix = path + "/";
        cache.listenable().addListener(CuratorCacheListener.builder()
                .forCreates(created -> {
                    if (created.getPath().startsWith(prefix)) {
                        onJoinOrLeave.run();
                    }
                })
                .forDeletes(deleted -> {
                    if (deleted.getPath().startsWith(prefix)) {
                        lastLeft = System.nanoTime();
                        onJoinOrLeave.run();
                    }
                }).build());
    }

    void start() {
        started = true;
        cache.start();
        self.start();
    }

    /**
     * Publishes the namespaces this node leads in its member znode, for {@link #claims()}; a request only when the set
     * changed since the last call.
     */
    void publish(Set<String> owned) throws Exception {
        Set<String> now = new TreeSet<>(owned);
        if (!now.equals(published)) {
            self.setData(String.join("\n", now).getBytes(StandardCharsets.UTF_8));
            published = now;
        }
    }

    /** The namespaces the live members said they lead, as last seen (a member's claims vanish with its znode). */
    Set<String> claims() {
        Set<String> claimed = new HashSet<>();
        cache.stream().filter(CuratorCacheAccessor.parentPathFilter(path)).forEach(child -> {
            byte[] data = child.getData();
            if (data != null && data.length > 0) {
                claimed.addAll(List.of(new String(data, StandardCharsets.UTF_8).split("\n")));
            }
        });
        return claimed;
    }

    /**
     * Per live member id, the namespaces it said it leads, as last seen (every member, with an empty set for one that
     * leads nothing or has not published yet).
     */
    Map<String, Set<String>> claimsByMember() {
        Map<String, Set<String>> out = new java.util.TreeMap<>();
        cache.stream().filter(CuratorCacheAccessor.parentPathFilter(path)).forEach(child -> {
            String name = child.getPath().substring(path.length() + 1);
            Set<String> mine = out.computeIfAbsent(name.substring(0, Math.max(0, name.lastIndexOf('#'))),
                    k -> new HashSet<>());
            byte[] data = child.getData();
            if (data != null && data.length > 0) {
                mine.addAll(List.of(new String(data, StandardCharsets.UTF_8).split("\n")));
            }
        });
        return out;
    }

    /** How long ago a member last left, ms; Long.MAX_VALUE if none has since this node joined. */
    long sinceLastLeftMillis() {
        long left = lastLeft;
        return left == 0 ? Long.MAX_VALUE : (System.nanoTime() - left) / 1_000_000;
    }

    /** Ids of the live members as last seen (kept while ZooKeeper is unreachable). */
    Set<String> ids() {
        Set<String> ids = new TreeSet<>();
        if (started) {
            // its own znode is created in the background and reaches the cache later, sometimes after its first
            // cameras were won and read (FleetOperatorViewTest saw Members without the node itself)
            ids.add(id);
        }
        cache.stream().filter(CuratorCacheAccessor.parentPathFilter(path)).forEach(child -> {
            String name = child.getPath().substring(path.length() + 1);
            ids.add(name.substring(0, Math.max(0, name.lastIndexOf('#'))));
        });
        return ids;
    }

    @Override
    public void close() throws IOException {
        close(true, 2_000);
    }

    /**
     * Leaves the member list; with {@code reachable} false only local state is dropped (nothing sent). Deleting the
     * member znode retries for the whole retry policy (about a minute) when ZooKeeper is gone, and "reachable" can be
     * stale: a node whose link was cut a moment before it stops is still connected as far as its client knows
     * (FleetScaleSimulationTest: 60.3 s to stop, in the delete). So the delete gets {@code waitMillis} and then runs
     * on alone; the znode is ephemeral and goes with the session anyway.
     */
    void close(boolean reachable, long waitMillis) throws IOException {
        started = false;
        try {
            if (reachable) {
                Thread leave = new Thread(() -> {
                    try {
                        self.close();
                    } catch (IOException | RuntimeException e) {
                        // the session's end removes it
                    }
                }, "AvFleetMemberLeave");
                leave.setDaemon(true);
                leave.start();
                leave.join(waitMillis);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            cache.close();
        }
    }
}
