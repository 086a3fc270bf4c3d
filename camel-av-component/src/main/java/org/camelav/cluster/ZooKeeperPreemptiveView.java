package org.camelav.cluster;

import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.apache.camel.cluster.CamelClusterMember;
import org.apache.camel.cluster.CamelPreemptiveClusterView;
import org.apache.camel.support.cluster.AbstractCamelClusterView;
import org.apache.curator.framework.recipes.leader.LeaderLatch;
import org.apache.curator.framework.recipes.leader.LeaderLatchListener;
import org.apache.curator.utils.ZKPaths;
import org.apache.zookeeper.KeeperException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One namespace (one camera) of {@link ZooKeeperPreemptiveClusterService}: a Curator {@link LeaderLatch} under
 * {@code basePath/namespace} while the view is started and enabled. Disabling it leaves the election (closes the latch,
 * deleting its sequential node) and enabling it joins again at the end of the queue.
 * <p>
 * Leadership is this view's own flag, set before the listeners are told, so
 * {@link org.apache.camel.impl.cluster.ClusteredRoutePolicy}, which asks {@code getLocalMember().isLeader()} inside its
 * listener, sees the new state (Camel 4.18.0's {@code ZooKeeperClusterView} asks Curator instead, which still says
 * "leader" at that moment: CAMEL-24457). When leadership goes away voluntarily (disable, stop) the listeners run first
 * and only then is the latch closed: the routes have stopped before another node can win.
 * <p>
 * With {@link OnCoordinatorLoss#KEEP} the flag outlives Curator's leadership: Curator drops it when the connection is
 * suspended, the view keeps it (the camera keeps recording), and {@link #audit(Set)}, once ZooKeeper answers again,
 * decides whether this node still owns the camera.
 */
final class ZooKeeperPreemptiveView extends AbstractCamelClusterView implements CamelPreemptiveClusterView {

    private static final Logger LOG = LoggerFactory.getLogger(ZooKeeperPreemptiveView.class);

    private final ZooKeeperPreemptiveClusterService service;
    private final String path;
    private final CamelClusterMember local = new Member(null, true);
    private final Object lock = new Object();
    private LeaderLatch latch;
    private volatile boolean leader;
    private volatile boolean disabled;
    /** The latch the last audit found out of step with ZooKeeper (acted on when the next audit finds it so again). */
    private LeaderLatch suspect;

    /** Views exist before their service starts (routes are set up first): its connection is looked up when used. */
    ZooKeeperPreemptiveView(ZooKeeperPreemptiveClusterService service, String namespace) {
        super(service, namespace);
        this.service = service;
        this.path = service.getBasePath() + "/views/" + namespace;
    }

    @Override
    public CamelClusterMember getLocalMember() {
        return local;
    }

    @Override
    public Optional<CamelClusterMember> getLeader() {
        if (leader) {
            return Optional.of(local);
        }
        LeaderLatch current;
        synchronized (lock) {
            current = latch;
        }
        try {
            String id = current == null ? null : current.getLeader().getId();
            return id == null || id.isEmpty() ? Optional.empty() : Optional.of(new Member(id, false));
        } catch (Exception e) {
            LOG.debug("No leader known for {}: {}", path, e.toString());
            return Optional.empty();
        }
    }

    /** All live nodes of the fleet, whether or not they take part in this election: what the rebalancer divides by. */
    @Override
    public List<CamelClusterMember> getMembers() {
        String self = getClusterService().getId();
        return service.getMemberIds().stream().map(id -> id.equals(self) ? local : (CamelClusterMember) new Member(id, false))
                .toList();
    }

    @Override
    public boolean isDisabled() {
        return disabled;
    }

    @Override
    public void setDisabled(boolean disabled) {
        synchronized (lock) {
            if (this.disabled == disabled) {
                return;
            }
            this.disabled = disabled;
            LOG.debug("{} {}", disabled ? "Leaving" : "Joining", path);
            if (disabled) {
                leave();
            } else if (isRunAllowed()) {
                join();
            }
        }
    }

    @Override
    protected void doStart() {
        synchronized (lock) {
            if (!disabled) {
                join();
            }
        }
    }

    @Override
    protected void doStop() {
        synchronized (lock) {
            leave();
        }
    }

    private void join() {
        if (latch != null) {
            return;
        }
        LeaderLatch created = new LeaderLatch(service.curator(), path, getClusterService().getId(),
                LeaderLatch.CloseMode.SILENT);
        created.addListener(new Listener(created), service.events());
        latch = created;
        try {
            created.start();
        } catch (Exception e) {
            latch = null;
            throw new IllegalStateException("Cannot join the election at " + path, e);
        }
    }

    /**
     * Checks this node's place in the election against ZooKeeper: a latch whose znode is gone, was never created, or
     * belongs to an earlier session (ZooKeeper deletes it when it reaps that session), or whose znode comes first
     * without Curator granting leadership, is out of step; so is a view that still leads (kept through an outage) while
     * Curator, its znode behind another, does not grant it. Found so by two audits in a row (a latch in the middle of a
     * reset, or just reconnected, is out of step for a moment), the view acts. Called from one thread,
     * {@code ZooKeeperPreemptiveClusterService}'s auditor.
     *
     * @param ephemerals the znodes this node's session holds under the elections (one request for all cameras), or
     *                   null where the server cannot list them (ZooKeeper before 3.6): then the election's znodes are
     *                   read for every camera
     * @return whether it read the election's znodes (a request to ZooKeeper)
     */
    boolean audit(Set<String> ephemerals) throws Exception {
        LeaderLatch current;
        synchronized (lock) {
            current = latch;
        }
        if (current == null || !isRunAllowed() || !service.isConnected()) {
            suspect = null;
            return false;
        }
        String ours = current.getOurPath();
        boolean mine = ours != null && (ephemerals == null || ephemerals.contains(ours));
        if (mine && ephemerals != null && leader && current.hasLeadership()) {
            // the usual case, an owner in step with Curator: its znode is this session's, and Curator granted it
            // because that znode came first; a later znode can never overtake it, so there is no queue to read
            suspect = null;
            return false;
        }
        List<String> queue = queue();
        String node = ours == null ? null : ZKPaths.getNodeFromPath(ours);
        boolean queued = mine && queue.contains(node);
        boolean behind = queued && !queue.get(0).equals(node);
        String problem = node == null ? "no znode in the election"
                : !queued ? "its znode " + node + (queue.contains(node) ? " is an earlier session's" : " is gone")
                : !behind && !current.hasLeadership() ? "its znode is first but it does not lead"
                : leader && !current.hasLeadership() ? "it kept the camera but " + queue.get(0) + " is first"
                : null;
        if (problem == null) {
            suspect = null;
            return true;
        }
        if (suspect != current) {
            suspect = current;
            return true;
        }
        suspect = null;
        synchronized (lock) {
            if (latch == current) {
                repair(problem, behind, queue.stream().allMatch(n -> n.equals(node)));
            }
        }
        return true;
    }

    /**
     * Brings the view in step with the election. Another node is first: this one stops. Its znode is gone or stuck:
     * it joins again at the end of the queue, a leader stopping its routes first; with {@code keep} and no other node
     * in the queue (the usual case after a ZooKeeper restart reaped the old session: nodes at quota leave the other
     * elections), it keeps reading while the new latch wins, so the recording has no gap.
     */
    private void repair(String problem, boolean behindAnother, boolean alone) {
        String id = getClusterService().getId();
        LeaderLatch current = latch;
        if (behindAnother) {
            LOG.warn("{} no longer owns {} ({}): stopping it", id, getNamespace(), problem);
            changeLeadership(false); // still queued: its latch calls isLeader when it comes first again
            return;
        }
        LOG.warn("{} lost its place in the election of {} ({}); joining it again", id, getNamespace(), problem);
        if (leader && alone && service.keepsOnCoordinatorLoss()) {
            latch = null;
            join(); // before closing the old latch: no moment where the view leads with no latch at all
            close(current);
        } else {
            leave();
            if (!disabled && isRunAllowed()) {
                join();
            }
        }
    }

    /**
     * The election's znodes, first in line first. An election nobody is in may have no znode at all (latches create
     * it as a container, which ZooKeeper deletes once empty): that is an empty queue, not an error to skip.
     */
    private List<String> queue() throws Exception {
        try {
            return service.curator().getChildren().forPath(path).stream()
                    .sorted(Comparator.comparing(ZooKeeperPreemptiveView::sequence)).toList();
        } catch (KeeperException.NoNodeException e) {
            return List.of();
        }
    }

    /** The sequence number Curator appends to a latch znode ({@code ...-latch-0000000007}). */
    private static String sequence(String child) {
        return child.substring(child.lastIndexOf('-') + 1);
    }

    /** Stops what this node runs for the namespace, then deletes its place in the election. */
    private void leave() {
        LeaderLatch old = latch;
        latch = null;
        changeLeadership(false);
        if (old != null) {
            close(old);
        }
    }

    private void close(LeaderLatch old) {
        try {
            old.close();
        } catch (IOException | IllegalStateException e) {
            LOG.debug("Closing the latch at {}: {}", path, e.toString());
        }
    }

    /**
     * Sets the flag and tells the route policy, except once the CamelContext is stopping ({@link LeadershipGate}: a
     * policy starting or stopping its route then deadlocks with the context's shutdown of that route).
     */
    private void changeLeadership(boolean now) {
        if (leader != now) {
            leader = now;
            LOG.info("{} {} {}", getClusterService().getId(), now ? "owns" : "released", getNamespace());
            service.gate().pass(getCamelContext(),
                    () -> fireLeadershipChangedEvent(now ? Optional.of(local) : Optional.empty()));
        }
    }

    /** Curator's callbacks for one latch; those of a latch this view has already left are ignored. */
    private final class Listener implements LeaderLatchListener {
        private final LeaderLatch owner;

        Listener(LeaderLatch owner) {
            this.owner = owner;
        }

        @Override
        public void isLeader() {
            synchronized (lock) {
                if (latch == owner && owner.hasLeadership() && isRunAllowed()) {
                    changeLeadership(true);
                }
            }
        }

        @Override
        public void notLeader() {
            synchronized (lock) {
                // connection suspended or lost (or a reset): Curator already counts us out. With keep the camera goes
                // on; the audit decides once ZooKeeper answers (no node can win while it does not)
                if (latch == owner && !service.keepsOnCoordinatorLoss()) {
                    changeLeadership(false);
                }
            }
        }
    }

    private final class Member implements CamelClusterMember {
        private final String id;
        private final boolean isLocal;

        Member(String id, boolean isLocal) {
            this.id = id;
            this.isLocal = isLocal;
        }

        @Override
        public boolean isLeader() {
            return isLocal ? leader : getLeader().map(m -> Objects.equals(m.getId(), id)).orElse(false);
        }

        @Override
        public boolean isLocal() {
            return isLocal;
        }

        @Override
        public String getId() {
            return isLocal ? getClusterService().getId() : id;
        }
    }
}
