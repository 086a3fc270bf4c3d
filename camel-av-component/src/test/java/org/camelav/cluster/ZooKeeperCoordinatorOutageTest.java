package org.camelav.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.apache.camel.impl.DefaultCamelContext;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.TestingServer;
import org.camelav.testsupport.Await;
import org.camelav.testsupport.CuttableLink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One camera's election between two nodes on a real ZooKeeper while ZooKeeper is unreachable:
 * {@code on-coordinator-loss=stop} steps down at once, {@code keep} goes on leading through the outage (past the
 * session timeout) and leaves one leader afterwards; a node cut off alone (through a relay this test cuts) while the
 * other wins its camera steps down when it reconnects.
 */
class ZooKeeperCoordinatorOutageTest {

    static final String ELECTION = "/camel-av/fleet/views/cam";
    static final long SESSION = 3_000;
    /** Stated bound: after reconnecting, two nodes lead one camera at most this long (the session timeout). */
    static final long OVERLAP_BOUND = SESSION;

    TestingServer zk;
    CuratorFramework admin;
    final List<AutoCloseable> closing = new ArrayList<>();

    @BeforeEach
    void zooKeeper() throws Exception {
        zk = new TestingServer(true);
        admin = CuratorFrameworkFactory.newClient(zk.getConnectString(), new RetryOneTime(100));
        admin.start();
    }

    @AfterEach
    void stop() throws Exception {
        for (int i = closing.size() - 1; i >= 0; i--) {
            closing.get(i).close();
        }
        admin.close();
        zk.close();
    }

    @Test
    void stopStepsDownAsSoonAsZooKeeperIsUnreachable() throws Exception {
        ZooKeeperPreemptiveView a = leaderAndFollower(OnCoordinatorLoss.STOP, zk.getConnectString())[0];
        zk.stop();
        long t0 = System.nanoTime();
        Await.until("a steps down", 5, () -> !a.getLocalMember().isLeader());
        System.out.printf("[outage] stop: a stepped down %d ms after ZooKeeper stopped%n", ms(t0));
    }

    @Test
    void keepGoesOnLeadingWhileZooKeeperIsDownAndLeavesOneLeaderAfterwards() throws Exception {
        ZooKeeperPreemptiveView[] views = leaderAndFollower(OnCoordinatorLoss.KEEP, zk.getConnectString());
        ZooKeeperPreemptiveView a = views[0];
        ZooKeeperPreemptiveView b = views[1];
        zk.stop();
        long until = System.nanoTime() + SESSION * 1_000_000L + 2_000_000_000L; // SUSPENDED, then LOST
        while (System.nanoTime() < until) {
            assertTrue(a.getLocalMember().isLeader(), "a stopped leading while ZooKeeper was down");
            assertTrue(!b.getLocalMember().isLeader(), "b leads while ZooKeeper is down");
            Thread.sleep(50);
        }
        zk.restart();
        // past the server's reaping of the old sessions and the audits that follow: a leader at every moment, and
        // two only for a bounded time
        long both = watch(a, b, 10_000);
        System.out.printf("[outage] keep: both led for %d ms after ZooKeeper came back%n", both);
        assertTrue(both <= OVERLAP_BOUND, "both led for " + both + " ms");
        Await.until("one leader, both queued", 10, () -> (a.getLocalMember().isLeader() ^ b.getLocalMember().isLeader())
                                                          && queue().size() == 2);
    }

    @Test
    void aLeaderCutOffAloneStepsDownWhenItReconnectsToAnElectionItLost() throws Exception {
        try (CuttableLink link = new CuttableLink(zk.getPort())) {
            ZooKeeperPreemptiveView[] views = leaderAndFollower(OnCoordinatorLoss.KEEP, link.connectString());
            ZooKeeperPreemptiveView a = views[0];
            ZooKeeperPreemptiveView b = views[1];
            link.cut();
            long t0 = System.nanoTime();
            // a's session expires on the server, its znode goes, b wins; a, cut off, cannot know: both record
            Await.until("b leads once a's session expired", 15, () -> b.getLocalMember().isLeader());
            System.out.printf("[outage] isolated a: b took the camera %d ms after the cut%n", ms(t0));
            assertTrue(a.getLocalMember().isLeader(), "a, cut off, kept the camera");
            link.restore();
            t0 = System.nanoTime();
            Await.until("a steps down once it reaches ZooKeeper again", 15, () -> !a.getLocalMember().isLeader());
            long stale = ms(t0);
            System.out.printf("[outage] isolated a: stepped down %d ms after the link came back%n", stale);
            assertTrue(b.getLocalMember().isLeader());
            Await.until("a queued again behind b", 10, () -> queue().size() == 2);
            Thread.sleep(3 * SESSION / 4); // and stays so
            assertTrue(b.getLocalMember().isLeader() && !a.getLocalMember().isLeader(), "one leader: " + queue());
        }
    }

    @Test
    void keepReplacesAZnodeReapedAfterTheOutageWithoutSteppingDown() throws Exception {
        // the server reaps the session a latch had re-adopted its znode from (here: a third client deletes it); alone
        // in the election, the leader joins again while it goes on recording
        aloneLeaderKeepsLeadingWhenDeleted(false);
    }

    @Test
    void keepReplacesAZnodeWhoseElectionWasRemovedToo() throws Exception {
        // ZooKeeper deletes an empty election (a container znode): the audit reads that as an empty queue
        aloneLeaderKeepsLeadingWhenDeleted(true);
    }

    void aloneLeaderKeepsLeadingWhenDeleted(boolean election) throws Exception {
        ZooKeeperPreemptiveView a = start("a", zk.getConnectString(), OnCoordinatorLoss.KEEP).getView("cam");
        Await.until("a leads", 10, () -> a.getLocalMember().isLeader());
        String reaped = queue().get(0);
        admin.delete().deletingChildrenIfNeeded().forPath(election ? ELECTION : ELECTION + "/" + reaped);
        long end = System.nanoTime() + SESSION * 1_000_000L; // past the two audits that see it gone
        while (System.nanoTime() < end) {
            assertTrue(a.getLocalMember().isLeader(), "a stepped down: a gap in the recording");
            Thread.sleep(20);
        }
        Await.until("a in the election again", 5, () -> queue().size() == 1 && !queue().contains(reaped));
        assertTrue(a.getLocalMember().isLeader());
    }

    /** Node a (leading) and node b (queued behind it) in one election; a reaches ZooKeeper at {@code aConnect}. */
    ZooKeeperPreemptiveView[] leaderAndFollower(OnCoordinatorLoss policy, String aConnect) throws Exception {
        ZooKeeperPreemptiveView a = start("a", aConnect, policy).getView("cam");
        Await.until("a leads", 10, () -> a.getLocalMember().isLeader());
        ZooKeeperPreemptiveView b = start("b", zk.getConnectString(), policy).getView("cam");
        Await.until("b queued behind a", 10, () -> queue().size() == 2);
        return new ZooKeeperPreemptiveView[] {a, b};
    }

    /** Samples both views for {@code millis}: fails if neither leads; returns the longest time both led. */
    static long watch(ZooKeeperPreemptiveView a, ZooKeeperPreemptiveView b, long millis) throws InterruptedException {
        long end = System.nanoTime() + millis * 1_000_000L;
        long bothSince = 0;
        long longest = 0;
        while (System.nanoTime() < end) {
            long now = System.nanoTime();
            boolean la = a.getLocalMember().isLeader();
            boolean lb = b.getLocalMember().isLeader();
            assertTrue(la || lb, "no node leads the camera: a gap in its recording");
            bothSince = la && lb ? (bothSince == 0 ? now : bothSince) : 0;
            longest = Math.max(longest, bothSince == 0 ? 0 : (now - bothSince) / 1_000_000);
            Thread.sleep(20);
        }
        return longest;
    }

    List<String> queue() {
        try {
            return admin.getChildren().forPath(ELECTION).stream()
                    .sorted(Comparator.comparing(c -> c.substring(c.lastIndexOf('-') + 1))).toList();
        } catch (org.apache.zookeeper.KeeperException.NoNodeException e) {
            return List.of();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    ZooKeeperPreemptiveClusterService start(String id, String connect, OnCoordinatorLoss policy) throws Exception {
        DefaultCamelContext context = new DefaultCamelContext();
        closing.add(context);
        context.start();
        ZooKeeperPreemptiveClusterService s = new ZooKeeperPreemptiveClusterService();
        s.setNodes(connect);
        s.setId(id);
        s.setSessionTimeout(SESSION); // audit every 750 ms
        s.setOnCoordinatorLoss(policy);
        s.setCamelContext(context);
        s.start();
        closing.add(s);
        return s;
    }

    static long ms(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
