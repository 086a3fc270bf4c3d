package org.camelav.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.readiness.Readiness;
import io.fabric8.kubernetes.client.utils.PodStatusUtil;
import org.junit.jupiter.api.Test;

/**
 * What {@link FleetKubernetesLeaseTest} relies on in the stand-in API server: a Lease update with a stale
 * resourceVersion is refused with 409 (the compare-and-swap of Camel's Lease election), and a pod's status as the test
 * writes it reads back as Camel's member filter reads it (fabric8's PodStatusUtil.isRunning and Readiness.isPodReady).
 */
class KubernetesStandInTest {

    @Test
    void staleLeaseUpdateIsRefusedAndPodReadinessReadsBack() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "k8s-stand-in-test"));
        try (KubernetesStandIn api = KubernetesStandIn.start(dir.resolve("api.log"), "camel-av")) {
            var client = api.client();
            Lease created = client.leases().inNamespace("camel-av").resource(new LeaseBuilder().withNewMetadata()
                    .withName("camel-av-fleet-camera-cam01").endMetadata().withNewSpec().withHolderIdentity("node-1")
                    .endSpec().build()).create();
            Lease taken = client.leases().inNamespace("camel-av").resource(new LeaseBuilder(created).editSpec()
                    .withHolderIdentity("node-2").endSpec().build())
                    .lockResourceVersion(created.getMetadata().getResourceVersion()).update();
            KubernetesClientException stale = assertThrows(KubernetesClientException.class, () -> client.leases()
                    .inNamespace("camel-av").resource(new LeaseBuilder(created).editSpec().withHolderIdentity("node-3")
                            .endSpec().build())
                    .lockResourceVersion(created.getMetadata().getResourceVersion()).update());
            assertEquals(409, stale.getCode());
            assertEquals(Map.of("camel-av-fleet-camera-cam01", "node-2"), api.leaseHolders());
            assertEquals("node-2", taken.getSpec().getHolderIdentity());

            api.pod("node-1", Map.of("app", "camel-av-fleet"), true);
            var pod = client.pods().inNamespace("camel-av").withName("node-1").get();
            assertEquals(true, PodStatusUtil.isRunning(pod) && Readiness.isPodReady(pod), "running and ready: " + pod);
            api.pod("node-1", Map.of("app", "camel-av-fleet"), false);
            pod = client.pods().inNamespace("camel-av").withName("node-1").get();
            assertEquals(false, PodStatusUtil.isRunning(pod) && Readiness.isPodReady(pod), "killed: " + pod);
        }
    }
}
