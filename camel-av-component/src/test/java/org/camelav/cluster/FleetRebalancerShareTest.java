package org.camelav.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/**
 * How survivors split a dead node's cameras ({@link FleetRebalancer#share}): every node computes the same split from the
 * same published claims, so each orphan falls to exactly one member, and each member gets no more than its room below
 * the quota (the fleet ends balanced without anyone winning a camera only to give it back).
 */
class FleetRebalancerShareTest {

    @Test
    void nineSurvivorsSplitFiftyOrphansByTheirRoom() {
        List<String> cameras = IntStream.rangeClosed(1, 495).mapToObj(i -> String.format("camera-cam%03d", i)).toList();
        // ten nodes led 49 or 50 each; sim-01 died: its cameras are claimed by nobody
        Map<String, Set<String>> claims = new TreeMap<>();
        List<String> orphans = new ArrayList<>();
        for (int i = 0; i < cameras.size(); i++) {
            int node = i % 10 + 1;
            if (node == 1) {
                orphans.add(cameras.get(i));
            } else {
                claims.computeIfAbsent(String.format("sim-%02d", node), k -> new HashSet<>()).add(cameras.get(i));
            }
        }
        int quota = 55; // 495 cameras over 9 members
        Set<String> all = new HashSet<>();
        for (String self : claims.keySet()) {
            List<String> mine = FleetRebalancer.share(orphans, cameras, quota, claims, self);
            int room = quota - claims.get(self).size();
            assertTrue(mine.size() <= room, self + " gets " + mine.size() + " with room for " + room);
            for (String camera : mine) {
                assertTrue(all.add(camera), camera + " falls to two members");
            }
        }
        assertEquals(new HashSet<>(orphans), all, "every orphan falls to one member");
    }

    @Test
    void aNodeNotListedYetGoesForAll() {
        List<String> orphans = List.of("camera-a", "camera-b");
        assertEquals(orphans, FleetRebalancer.share(orphans, orphans, 1, Map.of("other", Set.of()), "me"));
    }
}
