package org.camelav.cluster;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

import org.apache.camel.cluster.CamelPreemptiveClusterService;
import org.apache.camel.component.zookeeper.ZooKeeperCuratorConfiguration;
import org.apache.camel.component.zookeeper.ZooKeeperCuratorHelper;
import org.apache.camel.support.cluster.AbstractCamelClusterService;
import org.apache.camel.util.ObjectHelper;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.zookeeper.KeeperException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link CamelPreemptiveClusterService} on ZooKeeper, so that
 * {@link org.apache.camel.support.cluster.RebalancingCamelClusterService} can spread many namespaces (cameras) evenly
 * over the nodes: each namespace is a Curator leader latch that a node can leave (view disabled) and join again.
 * <p>
 * Camel 4.18's {@code ZooKeeperClusterService} is not preemptive and its view is final and package-private, so this is
 * a sibling of it rather than a subclass: the same Curator connection settings (built with camel-zookeeper's
 * {@link ZooKeeperCuratorHelper}), its own views ({@link ZooKeeperPreemptiveView}) and a membership list
 * ({@link FleetMembers}). ZooKeeper alone decides who leads a namespace; nothing here coordinates.
 */
public class ZooKeeperPreemptiveClusterService extends AbstractCamelClusterService<ZooKeeperPreemptiveView>
        implements CamelPreemptiveClusterService {

    /** Elections read for waiting latches per audit round, at most. */
    static final int WAITING_READS = 64;

    private static final Logger LOG = LoggerFactory.getLogger(ZooKeeperPreemptiveClusterService.class);

    private String nodes;
    private String basePath = "/camel-av/fleet";
    private long sessionTimeout = 10_000;
    private long connectionTimeout = 5_000;
    private long auditPeriod;
    private OnCoordinatorLoss onCoordinatorLoss = OnCoordinatorLoss.KEEP;
    private CoordinatorOutage outage;
    private final Set<String> retired = ConcurrentHashMap.newKeySet();
    private CuratorFramework curator;
    private FleetMembers members;
    private ExecutorService events;
    private ScheduledExecutorService auditor;
    private volatile boolean ephemeralsSupported = true;
    /** Where the next round's reads of waiting latches start (the auditor thread's own). */
    private int waitingTurn;
    private final LongAdder auditReads = new LongAdder();
    private Runnable onJoinOrLeave = () -> { };
    private final LeadershipGate gate = new LeadershipGate();

    public String getNodes() {
        return nodes;
    }

    /** ZooKeeper servers, {@code host:port[,host:port...]}. */
    public void setNodes(String nodes) {
        this.nodes = nodes;
    }

    public String getBasePath() {
        return basePath;
    }

    /** The znode under which the fleet keeps its members and one election per namespace. */
    public void setBasePath(String basePath) {
        this.basePath = basePath;
    }

    public long getSessionTimeout() {
        return sessionTimeout;
    }

    /**
     * ZooKeeper session timeout in ms: how long a dead node's cameras stay owned by it (the failover time). With
     * {@link OnCoordinatorLoss#STOP} a node cut off from ZooKeeper drops its cameras at once when the connection is
     * suspended, so before the others can win.
     */
    public void setSessionTimeout(long sessionTimeout) {
        this.sessionTimeout = sessionTimeout;
    }

    public long getConnectionTimeout() {
        return connectionTimeout;
    }

    public void setConnectionTimeout(long connectionTimeout) {
        this.connectionTimeout = connectionTimeout;
    }

    public long getAuditPeriod() {
        return auditPeriod > 0 ? auditPeriod : Math.max(250, sessionTimeout / 4);
    }

    /**
     * How often (ms) each view checks its place in the election against ZooKeeper (see
     * {@link ZooKeeperPreemptiveView#audit(Set)}); default a quarter of the session timeout, so a node that leads without
     * its znode steps down within about half a session timeout. One request per round for the cameras this node owns,
     * plus one {@code getChildren} per election it waits in.
     */
    public void setAuditPeriod(long auditPeriod) {
        this.auditPeriod = auditPeriod;
    }

    public OnCoordinatorLoss getOnCoordinatorLoss() {
        return onCoordinatorLoss;
    }

    /**
     * What the node does with its cameras while ZooKeeper is unreachable: {@link OnCoordinatorLoss#KEEP} (default)
     * keeps reading them, {@link OnCoordinatorLoss#STOP} stops them. Set before the service starts.
     */
    public void setOnCoordinatorLoss(OnCoordinatorLoss onCoordinatorLoss) {
        this.onCoordinatorLoss = onCoordinatorLoss;
    }

    boolean keepsOnCoordinatorLoss() {
        return onCoordinatorLoss == OnCoordinatorLoss.KEEP;
    }

    /** Since when (epoch ms) ZooKeeper is unreachable, 0 while connected (or not started). */
    public long getDisconnectedSince() {
        return outage == null ? 0 : outage.since();
    }

    @Override
    public ZooKeeperPreemptiveView getView(String namespace) throws Exception {
        ZooKeeperPreemptiveView view = (ZooKeeperPreemptiveView) super.getView(namespace);
        if (retired.remove(namespace) && isRunAllowed()) {
            view.start(); // a camera added again after its removal
        }
        return view;
    }

    /**
     * Takes a namespace out of the fleet: this node leaves its election and the rebalancer stops counting it. For a
     * camera that was removed from the configuration (views are reference counted, and the rebalancer's own lookups keep
     * them from ever reaching zero).
     */
    public void retire(String namespace) throws Exception {
        if (super.getNamespaces().contains(namespace)) {
            retired.add(namespace);
            ZooKeeperPreemptiveView view = (ZooKeeperPreemptiveView) super.getView(namespace);
            releaseView(view);
            view.stop();
        }
    }

    @Override
    public Collection<String> getNamespaces() {
        Collection<String> all = super.getNamespaces();
        all.removeAll(retired);
        return all;
    }

    /** Ids of the fleet's live members as last seen in ZooKeeper. */
    public Set<String> getMemberIds() {
        return members == null ? Set.of() : members.ids();
    }

    /** This node's ZooKeeper session id (as the server's {@code cons} command lists it, {@code sid=0x...}), 0 if none. */
    public long getSessionId() {
        try {
            return curator == null ? 0 : curator.getZookeeperClient().getZooKeeper().getSessionId();
        } catch (Exception e) {
            return 0;
        }
    }

    /** True while the ZooKeeper session is connected. */
    public boolean isConnected() {
        return curator != null && curator.getZookeeperClient().isConnected();
    }

    @Override
    protected ZooKeeperPreemptiveView createView(String namespace) {
        if (namespace.contains("/")) {
            throw new IllegalArgumentException("A namespace cannot contain '/': " + namespace);
        }
        return new ZooKeeperPreemptiveView(this, namespace);
    }

    @Override
    protected void doStart() throws Exception {
        ObjectHelper.notNull(nodes, "nodes", this);
        ObjectHelper.notNull(getId(), "id", this);
        gate.open();
        gate.start(); // Camel tells started notifiers only
        getCamelContext().getManagementStrategy().addEventNotifier(gate);
        events();
        curator();
        members = new FleetMembers(curator, basePath, getId(), onJoinOrLeave);
        members.start();
        super.doStart();
        auditor = getCamelContext().getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "AvFleetAudit");
        auditor.scheduleWithFixedDelay(this::audit, getAuditPeriod(), getAuditPeriod(), TimeUnit.MILLISECONDS);
    }

    /**
     * One audit round: the znodes this session holds under the elections in one request ({@code getEphemerals},
     * ZooKeeper 3.6+), then each view's check, which reads its election's znodes only when it is not a leader in step
     * with Curator (a waiting latch, or one out of step). A balanced node leads all the elections it is in, so a round
     * costs one request however many cameras it owns (it was one {@code getChildren} per election). Leaders are checked
     * first, so that one that kept a camera another node has won stops without waiting for the queues; waiting latches
     * (hundreds while a node under quota has joined every election) read at most {@link #WAITING_READS} elections a
     * round, taking turns.
     */
    private void audit() {
        Set<String> ephemerals = ephemerals();
        List<String> namespaces = new ArrayList<>(getNamespaces());
        int reads = (ephemerals == null ? 0 : 1) + auditViews(namespaces, ephemerals, true);
        if (!namespaces.isEmpty()) {
            Collections.rotate(namespaces, -Math.floorMod(waitingTurn, namespaces.size()));
            reads += auditViews(namespaces, ephemerals, false);
        }
        auditReads.add(reads);
        publishClaims();
    }

    /** Audits the views that lead ({@code leaders}) or the others; returns the elections read. */
    private int auditViews(List<String> namespaces, Set<String> ephemerals, boolean leaders) {
        int reads = 0;
        int seen = 0;
        for (String namespace : namespaces) {
            if (!leaders && reads >= WAITING_READS) {
                break;
            }
            seen++;
            try {
                ZooKeeperPreemptiveView view = (ZooKeeperPreemptiveView) super.getView(namespace);
                try {
                    if (view.getLocalMember().isLeader() == leaders) {
                        reads += view.audit(ephemerals) ? 1 : 0;
                    }
                } finally {
                    releaseView(view); // getView counts a reference: give it back
                }
            } catch (Exception e) {
                LOG.debug("Cannot audit the election of {}: {}", namespace, e.toString());
            }
        }
        if (!leaders) {
            waitingTurn += seen;
        }
        return reads;
    }

    /** Run (without blocking) when a member joins or leaves the fleet: the rebalancer's cue. Set before start. */
    void setOnJoinOrLeave(Runnable onJoinOrLeave) {
        this.onJoinOrLeave = onJoinOrLeave;
    }

    /** This node's owned namespaces into its member znode, when they changed (one request then, none otherwise). */
    private void publishClaims() {
        Set<String> owned = new java.util.TreeSet<>();
        for (String namespace : getNamespaces()) {
            if (isLeader(namespace)) {
                owned.add(namespace);
            }
        }
        try {
            if (members != null && isConnected()) {
                members.publish(owned);
            }
        } catch (Exception e) {
            LOG.debug("Cannot publish the cameras this node owns: {}", e.toString());
        }
    }

    /**
     * The namespaces some live member says it leads (published at each audit round): a namespace outside this set
     * lost its owner, or has none yet. Empty before the member list is known.
     */
    public Set<String> getClaimed() {
        return members == null ? Set.of() : members.claims();
    }

    /** How long ago (ms) a member last left the fleet; Long.MAX_VALUE if none has since this node joined. */
    long sinceMemberLeftMillis() {
        return members == null ? Long.MAX_VALUE : members.sinceLastLeftMillis();
    }

    /** Per live member id, the namespaces it says it leads (see {@link #getClaimed()}). */
    Map<String, Set<String>> getClaimsByMember() {
        return members == null ? Map.of() : members.claimsByMember();
    }

    /** This session's ephemeral znodes under the elections, null when they cannot be listed. */
    private Set<String> ephemerals() {
        if (!ephemeralsSupported || !isConnected()) {
            return null;
        }
        String views = basePath + "/views";
        try {
            return curator.getZookeeperClient().getZooKeeper().getEphemerals(views).stream()
                    .filter(p -> p.startsWith(views + "/")).collect(Collectors.toSet());
        } catch (KeeperException.UnimplementedException e) {
            ephemeralsSupported = false; // a server before 3.6: one getChildren per election, as before
            LOG.info("ZooKeeper cannot list a session's ephemeral znodes (before 3.6): the election audit reads each"
                     + " election's znodes");
            return null;
        } catch (Exception e) {
            LOG.debug("Cannot list this session's znodes: {}", e.toString());
            return null;
        }
    }

    /** Requests the election audits have sent to ZooKeeper since this service started (for tests and benches). */
    public long getAuditReads() {
        return auditReads.sum();
    }

    /** Namespaces this node leads. */
    private int ownedCount() {
        int n = 0;
        for (String namespace : getNamespaces()) {
            try {
                ZooKeeperPreemptiveView view = (ZooKeeperPreemptiveView) super.getView(namespace);
                n += view.getLocalMember().isLeader() ? 1 : 0;
                releaseView(view);
            } catch (Exception e) {
                // counted for a log line only
            }
        }
        return n;
    }

    @Override
    protected void doStop() throws Exception {
        if (auditor != null) {
            getCamelContext().getExecutorServiceManager().shutdownNow(auditor);
            auditor = null;
        }
        super.doStop(); // views first: routes stop before this node's latches and membership go
        if (members != null) {
            // cut off, deleting our member node would retry for the whole retry policy (about a minute, measured
            // 61.5 s) and block shutdown, and a link cut just before the stop still reads as connected: bounded
            members.close(isConnected(), Math.min(2_000, connectionTimeout));
            members = null;
        }
        if (curator != null) {
            curator.close();
            curator = null;
            outage = null;
        }
        if (events != null) {
            getCamelContext().getExecutorServiceManager().shutdown(events);
            events = null;
        }
        getCamelContext().getManagementStrategy().removeEventNotifier(gate);
    }

    LeadershipGate gate() {
        return gate;
    }

    /** The one thread that runs leadership changes (route starts and stops) in order. */
    synchronized ExecutorService events() {
        if (events == null) {
            events = getCamelContext().getExecutorServiceManager().newSingleThreadExecutor(this, "AvFleetLeadership");
        }
        return events;
    }

    synchronized CuratorFramework curator() {
        if (curator == null) {
            ZooKeeperCuratorConfiguration conf = new ZooKeeperCuratorConfiguration();
            conf.setNodes(nodes);
            conf.setBasePath(basePath);
            conf.setSessionTimeout(sessionTimeout);
            conf.setConnectionTimeout(connectionTimeout);
            // keep retrying a background create for about a minute: a ZooKeeper restart is a normal event here
            conf.setRetryPolicy(new ExponentialBackoffRetry(250, 29, 2_000));
            curator = ZooKeeperCuratorHelper.createCurator(conf);
            // before any latch: its log line comes first, and it counts the cameras before a latch drops one
            outage = new CoordinatorOutage(getId(), onCoordinatorLoss, this::ownedCount);
            curator.getConnectionStateListenable().addListener(outage);
            curator.start();
        }
        return curator;
    }
}
