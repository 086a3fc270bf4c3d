package org.camelav.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Comparator;
import java.util.List;

import org.apache.camel.impl.DefaultCamelContext;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.TestingServer;
import org.camelav.testsupport.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One camera's election between two nodes on a real ZooKeeper, when a latch's znode disappears without its session
 * ending: what ZooKeeper does when it reaps a session Curator had already replaced (the latch re-adopted its old node
 * on reconnecting). Here a third client deletes the znode. Without the audit, a leader kept leading next to the new
 * leader for good (measured: both leaders 5 s later).
 */
class ZooKeeperPreemptiveViewTest {

    static final String ELECTION = "/camel-av/fleet/views/cam";

    TestingServer zk;
    CuratorFramework admin;
    DefaultCamelContext contextA;
    DefaultCamelContext contextB;
    ZooKeeperPreemptiveClusterService a;
    ZooKeeperPreemptiveClusterService b;
    ZooKeeperPreemptiveView viewA;
    ZooKeeperPreemptiveView viewB;

    @BeforeEach
    void twoNodesOneElection() throws Exception {
        zk = new TestingServer(true);
        admin = CuratorFrameworkFactory.newClient(zk.getConnectString(), new RetryOneTime(100));
        admin.start();
        contextA = new DefaultCamelContext();
        contextB = new DefaultCamelContext();
        a = start(contextA, "a");
        viewA = a.getView("cam");
        Await.until("a leads", 10, () -> viewA.getLocalMember().isLeader());
        b = start(contextB, "b");
        viewB = b.getView("cam");
        Await.until("b queued behind a", 10, () -> queue().size() == 2);
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {b, a, contextB, contextA, admin, zk}) {
            if (c != null) {
                c.close();
            }
        }
    }

    @Test
    void aLeaderWhoseZnodeVanishedStepsDownAndQueuesAgain() throws Exception {
        admin.delete().forPath(ELECTION + "/" + queue().get(0)); // a's znode: b wins at once
        Await.until("b leads", 5, () -> viewB.getLocalMember().isLeader());
        long t0 = System.nanoTime();
        Await.until("a steps down (two audits: 1.5 s)", 5, () -> !viewA.getLocalMember().isLeader());
        System.out.printf("a led next to b for %d ms%n", (System.nanoTime() - t0) / 1_000_000);
        Await.until("a queued again behind b", 5, () -> queue().size() == 2);
        Thread.sleep(2 * a.getAuditPeriod()); // and it stays so: one leader, both queued
        assertTrue(viewB.getLocalMember().isLeader());
        assertFalse(viewA.getLocalMember().isLeader());
        assertEquals(2, queue().size());
    }

    @Test
    void aWaitingNodeWhoseZnodeVanishedQueuesAgainAndWinsWhenTheLeaderLeaves() throws Exception {
        String bNode = queue().get(1);
        admin.delete().forPath(ELECTION + "/" + bNode);
        Await.until("b queued again", 5, () -> queue().size() == 2 && !queue().contains(bNode));
        assertTrue(viewA.getLocalMember().isLeader());
        assertFalse(viewB.getLocalMember().isLeader());
        viewA.setDisabled(true);
        Await.until("b leads once a left", 5, () -> viewB.getLocalMember().isLeader());
        assertEquals(1, queue().size());
    }

    @Test
    void oneLeaderAfterZooKeeperWasDownLongerThanTheSession() throws Exception {
        zk.stop();
        Await.until("both drop the camera", 5, () -> !viewA.getLocalMember().isLeader()
                                                     && !viewB.getLocalMember().isLeader());
        Thread.sleep(4_000); // past the 3 s session: both sessions expire, the server reaps them after its restart
        zk.restart();
        Await.until("one leader again", 15, () -> viewA.getLocalMember().isLeader() ^ viewB.getLocalMember().isLeader());
        // past the server's reaping of the old sessions and two audits; both may lead at most for the fleet's stated
        // overlap bound, the session timeout
        long until = System.nanoTime() + 8_000_000_000L;
        long bothSince = 0;
        while (System.nanoTime() < until) {
            long now = System.nanoTime();
            boolean both = viewA.getLocalMember().isLeader() && viewB.getLocalMember().isLeader();
            bothSince = both ? (bothSince == 0 ? now : bothSince) : 0;
            assertTrue(bothSince == 0 || now - bothSince < 3_000_000_000L, "both lead for 3 s; the election holds "
                                                                           + queue());
            Thread.sleep(50);
        }
        assertTrue(viewA.getLocalMember().isLeader() ^ viewB.getLocalMember().isLeader(), "no leader: " + queue());
        assertEquals(2, queue().size(), "both queued");
    }

    @Test
    void aSteadyElectionIsLeftAlone() throws Exception {
        List<String> before = queue();
        Thread.sleep(3 * a.getAuditPeriod());
        assertEquals(before, queue(), "the audit rejoined a latch that was in step");
        assertTrue(viewA.getLocalMember().isLeader());
        assertFalse(viewB.getLocalMember().isLeader());
    }

    /** The election's znodes, first in line first. */
    List<String> queue() {
        try {
            return admin.getChildren().forPath(ELECTION).stream()
                    .sorted(Comparator.comparing(c -> c.substring(c.lastIndexOf('-') + 1))).toList();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    ZooKeeperPreemptiveClusterService start(DefaultCamelContext context, String id) throws Exception {
        context.start();
        ZooKeeperPreemptiveClusterService s = new ZooKeeperPreemptiveClusterService();
        s.setNodes(zk.getConnectString());
        s.setId(id);
        s.setSessionTimeout(3_000); // audit every 750 ms
        s.setOnCoordinatorLoss(OnCoordinatorLoss.STOP); // keep: ZooKeeperCoordinatorOutageTest
        s.setCamelContext(context);
        s.start();
        return s;
    }
}
