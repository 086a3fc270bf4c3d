package org.camelav.fleet;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;

/**
 * An API-compatible stand-in for a Kubernetes API server, not a cluster: fabric8's {@code KubernetesMockServer} in CRUD
 * mode (kubernetes-server-mock, the version of the fabric8 client camel-kubernetes is built on) in a child JVM on
 * 127.0.0.1. It stores objects, answers lists and watches, and refuses an update whose {@code resourceVersion} is stale
 * with 409, the compare-and-swap Camel's Lease election relies on. It has no kubelet, scheduler, controllers, RBAC or
 * etcd: the test plays the kubelet by writing each node's Pod (Running and Ready while its JVM lives, not Ready once it
 * is killed), since Camel counts as members the Running and Ready pods that carry the cluster labels.
 * <p>
 * {@link #main} is the server process; the rest is the test's handle on it.
 */
final class KubernetesStandIn implements AutoCloseable {

    static final String URL_LINE = "KUBERNETES_MASTER=";

    private final Process process;
    private final java.util.concurrent.atomic.AtomicLong requests;
    private final String url;
    private final String namespace;
    private final KubernetesClient client;

    private KubernetesStandIn(Process process, java.util.concurrent.atomic.AtomicLong requests, String url,
                              String namespace) {
        this.process = process;
        this.requests = requests;
        this.url = url;
        this.namespace = namespace;
        Config config = new ConfigBuilder(Config.empty()).withMasterUrl(url).withNamespace(namespace)
                .withRequestRetryBackoffLimit(0).build();
        this.client = new KubernetesClientBuilder().withConfig(config).build();
    }

    /**
     * The server: CRUD mode on 127.0.0.1 and a free port; prints its URL and serves until it is killed or its standard
     * input closes (the test JVM that started it is gone, so no server outlives a crashed test run).
     */
    public static void main(String[] args) throws Exception {
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), false);
        server.init(InetAddress.getByName("127.0.0.1"), 0);
        System.out.println(URL_LINE + "http://127.0.0.1:" + server.getPort());
        System.out.flush();
        while (System.in.read() != -1) {
            // nothing is sent; read only to see the end of the stream
        }
        server.destroy();
        System.exit(0);
    }

    /** Starts the server process (its output in {@code log}) and waits for its URL. */
    static KubernetesStandIn start(Path log, String namespace) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                KubernetesStandIn.class.getName()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        CompletableFuture<String> url = new CompletableFuture<>();
        var requests = new java.util.concurrent.atomic.AtomicLong();
        Thread pump = new Thread(() -> { // the URL line, then everything into the log file
            try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                 var out = java.nio.file.Files.newBufferedWriter(log)) {
                for (String line; (line = in.readLine()) != null;) {
                    if (line.startsWith(URL_LINE)) {
                        url.complete(line.substring(URL_LINE.length()));
                    } else if (line.contains("received request:")) { // the mock server logs every request it answers
                        requests.incrementAndGet();
                    }
                    out.write(line);
                    out.newLine();
                    out.flush();
                }
            } catch (IOException e) {
                url.completeExceptionally(e);
            }
            url.completeExceptionally(new IllegalStateException("the stand-in API server exited: see " + log));
        }, "k8s-stand-in-log");
        pump.setDaemon(true);
        pump.start();
        try {
            return new KubernetesStandIn(p, requests, url.get(60, TimeUnit.SECONDS), namespace);
        } catch (Exception e) {
            p.destroyForcibly();
            throw e;
        }
    }

    String url() {
        return url;
    }

    /** How many requests the server has answered so far (all clients, the test's own included). */
    long requests() {
        return requests.get();
    }

    /** A client of this server, as the test's kubelet and for reading Leases. */
    KubernetesClient client() {
        return client;
    }

    /**
     * What the kubelet writes for a pod whose container runs and passes its readiness probe (or has none): phase
     * Running, container running and ready, condition Ready=True. {@code ready=false}: its container was killed.
     */
    void pod(String name, Map<String, String> labels, boolean ready) {
        Pod pod = new PodBuilder().withNewMetadata().withName(name).withNamespace(namespace).withLabels(labels)
                .endMetadata()
                .withNewStatus().withPhase("Running")
                .addNewCondition().withType("Ready").withStatus(ready ? "True" : "False").endCondition()
                .addNewContainerStatus().withName("node").withReady(ready).withRestartCount(0)
                .withNewState().withNewRunning().withStartedAt(java.time.Instant.now().toString()).endRunning()
                .endState().endContainerStatus()
                .endStatus().build();
        if (!ready) { // a killed container: terminated, waiting for its restart
            pod.getStatus().getContainerStatuses().get(0).getState().setRunning(null);
            pod.getStatus().getContainerStatuses().get(0).getState().setTerminated(
                    new io.fabric8.kubernetes.api.model.ContainerStateTerminatedBuilder().withExitCode(137)
                            .withReason("Error").build());
        }
        var pods = client.pods().inNamespace(namespace);
        if (pods.withName(name).get() == null) {
            pods.resource(new PodBuilder(pod).withStatus(null).build()).create();
        }
        pods.withName(name).editStatus(old -> pod); // PUT .../status, as the kubelet does
    }

    /** The Lease objects of this namespace: name -> holder identity (null: released). */
    Map<String, String> leaseHolders() {
        Map<String, String> out = new java.util.TreeMap<>();
        for (Lease l : client.leases().inNamespace(namespace).list().getItems()) {
            out.put(l.getMetadata().getName(), l.getSpec() == null ? null : l.getSpec().getHolderIdentity());
        }
        return out;
    }

    @Override
    public void close() {
        client.close();
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
