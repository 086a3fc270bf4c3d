package org.camelav.cluster;

import java.util.Locale;

/**
 * What a fleet node does with the cameras it owns while ZooKeeper is unreachable
 * ({@code camel.av.fleet.on-coordinator-loss}).
 * <p>
 * A node cannot tell a ZooKeeper outage (no node can win an election: keeping is safe) from its own isolation (the
 * others win its cameras once its session expires: keeping means two recorders). For a recorder a duplicate is
 * harmless and a gap is not, so {@link #KEEP} is the default.
 */
public enum OnCoordinatorLoss {

    /**
     * Keep reading the owned cameras; when ZooKeeper is back, the election audit re-validates ownership and a node that
     * lost a camera stops it (two audits, under a session timeout). Isolated alone, the node records next to the new
     * owner until it reconnects.
     */
    KEEP,

    /** Stop every camera as soon as the connection is suspended: never two readers, a gap as long as the outage. */
    STOP;

    /** {@code keep} or {@code stop}, in any case. */
    public static OnCoordinatorLoss of(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("camel.av.fleet.on-coordinator-loss is keep or stop, not '" + value
                                               + "'");
        }
    }
}
