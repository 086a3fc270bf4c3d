package org.camelav.cluster;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** A fleet node's default id is unique and readable without the HOSTNAME variable (systemd exports none). */
class FleetNodeIdTest {

    @Test
    void withoutHostnameTheOsHostNameAndARandomSuffix() throws Exception {
        String os = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
        String a = FleetNode.defaultId(Map.of());
        String b = FleetNode.defaultId(Map.of());
        assertTrue(a.startsWith(os + "-" + ProcessHandle.current().pid() + "-"), a);
        assertTrue(a.matches("[A-Za-z0-9._-]+-\\d+-[0-9a-z]{4}"), a);
        assertNotEquals(a, b, "two nodes of the same name on the same pid (cloned hosts) get different ids");
    }

    @Test
    void hostnameWhenSetAsOnKubernetes() {
        assertTrue(FleetNode.defaultId(Map.of("HOSTNAME", "fleet-7d9f-abc")).startsWith("fleet-7d9f-abc-"));
    }
}
