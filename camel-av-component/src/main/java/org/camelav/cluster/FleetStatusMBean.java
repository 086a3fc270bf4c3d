package org.camelav.cluster;

/** JMX view of {@link FleetStatus} ({@code org.camelav:type=fleet,node=ID}). */
public interface FleetStatusMBean {

    String getNodeId();

    String[] getMembers();

    String[] getOwnedCameras();

    /** One line per configured camera: {@code name owner=true|false route=Started reading=true items=N}. */
    String[] getCameras();
}
