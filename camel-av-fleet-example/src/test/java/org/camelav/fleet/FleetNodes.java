package org.camelav.fleet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The fleet's node JVMs for a test: each a {@link FleetMain} child process started with this module's test classpath,
 * its log and status file under {@code dir}. Collects every status file it ever read, so the read intervals of a killed
 * node are kept.
 */
final class FleetNodes implements AutoCloseable {

    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly)));
    }

    /** One life of one node: its id and status file. */
    record Life(String id, Path status, Process process) {
        boolean alive() {
            return process.isAlive();
        }
    }

    /** A node's last status: the cameras it owns and reads, and its read intervals per camera. */
    record Status(String id, long time, Set<String> owned, Map<String, List<long[]>> intervals,
                  Map<String, String> lines) {
    }

    private final Path dir;
    private final Map<String, String> props;
    private final List<Life> lives = new ArrayList<>();
    private final Map<Path, Status> lastSeen = new HashMap<>();

    FleetNodes(Path dir, Map<String, String> props) {
        this.dir = dir;
        this.props = props;
    }

    Life start(String id) {
        return start(id, Map.of());
    }

    /** Starts a node whose properties are the shared ones with {@code own} added or replaced. */
    Life start(String id, Map<String, String> own) {
        return start(id, own, Map.of());
    }

    /** The same with environment variables added to this JVM's (HOSTNAME: the pod name on Kubernetes). */
    Life start(String id, Map<String, String> own, Map<String, String> env) {
        Map<String, String> props = new LinkedHashMap<>(this.props);
        props.putAll(own);
        Path status = dir.resolve(id + "-" + lives.size() + ".status");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"))));
        props.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        cmd.add("-Dcamel.cluster.zookeeper.id=" + id);
        cmd.add("-Dcamel.av.fleet.status-file=" + status);
        cmd.add(FleetMain.class.getName());
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(dir.resolve(id + "-" + lives.size() + ".log").toFile());
            pb.environment().putAll(env);
            Process p = pb.start();
            LIVE.add(p);
            Life life = new Life(id, status, p);
            lives.add(life);
            return life;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** kill -9. */
    void kill(Life life) throws InterruptedException {
        life.process().destroyForcibly();
        life.process().waitFor();
    }

    /** The latest status of every living node that has written one (id -> status). */
    synchronized Map<String, Status> living() {
        Map<String, Status> out = new LinkedHashMap<>();
        for (Life life : lives) {
            Status s = read(life.status());
            if (s != null && life.alive()) {
                out.put(life.id(), s);
            }
        }
        return out;
    }

    /** Every status ever seen, one per node life (read again now for the living). */
    synchronized List<Status> history() {
        living();
        return new ArrayList<>(lastSeen.values());
    }

    private Status read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (NoSuchFileException e) {
            return lastSeen.get(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String id = null;
        long time = 0;
        Set<String> owned = new TreeSet<>();
        Map<String, List<long[]>> intervals = new LinkedHashMap<>();
        Map<String, String> raw = new LinkedHashMap<>();
        for (String line : lines) {
            if (line.startsWith("node=")) {
                id = line.substring(5);
            } else if (line.startsWith("time=")) {
                time = Long.parseLong(line.substring(5));
            } else if (line.startsWith("camera=")) {
                Map<String, String> kv = new HashMap<>();
                for (String part : line.split(" ")) {
                    int eq = part.indexOf('=');
                    kv.put(part.substring(0, eq), part.substring(eq + 1));
                }
                String cam = kv.get("camera");
                List<long[]> list = new ArrayList<>();
                for (String iv : kv.getOrDefault("intervals", "").split(",")) {
                    if (!iv.isEmpty()) {
                        String[] se = iv.split("-");
                        list.add(new long[] {Long.parseLong(se[0]), Long.parseLong(se[1])});
                    }
                }
                intervals.put(cam, list);
                raw.put(cam, line.replaceAll(" intervals=.*", "") + (list.isEmpty() ? ""
                        : " lastItem=" + (time - list.get(list.size() - 1)[1]) + "ms-ago"));
                // owned, as a user sees it: elected, its route started, and packets arrived in the last 1.5 s
                if ("true".equals(kv.get("owner")) && "Started".equals(kv.get("route")) && !list.isEmpty()
                    && list.get(list.size() - 1)[1] >= time - 1_500) {
                    owned.add(cam);
                }
            }
        }
        Status s = new Status(id, time, owned, intervals, raw);
        lastSeen.put(file, s);
        return s;
    }

    /** Per camera, how many of these nodes own (and read) it. */
    static Map<String, Integer> ownerCounts(Map<String, Status> living) {
        Map<String, Integer> owners = new HashMap<>();
        living.values().forEach(s -> s.owned().forEach(c -> owners.merge(c, 1, Integer::sum)));
        return owners;
    }

    /**
     * What went wrong, for a failure message (CI shows only that): per camera not owned and read by exactly one node,
     * each living node's status line for it, then each living node's last log lines that name one of those cameras or
     * warn (ZooKeeper's reconnect noise left out).
     */
    synchronized String explain(int cameras) {
        Map<String, Status> living = living();
        Map<String, Integer> owners = ownerCounts(living);
        Set<String> odd = new TreeSet<>();
        for (int i = 1; i <= cameras; i++) {
            String cam = String.format("cam%02d", i);
            if (owners.getOrDefault(cam, 0) != 1) {
                odd.add(cam);
            }
        }
        StringBuilder b = new StringBuilder();
        for (String cam : odd) {
            living.forEach((id, s) -> b.append("\n  ").append(id).append(": ").append(s.lines().getOrDefault(cam,
                    "camera=" + cam + " (not configured)")));
        }
        for (Life life : lives) {
            if (!life.alive()) {
                continue;
            }
            Path log = dir.resolve(life.status().getFileName().toString().replace(".status", ".log"));
            try {
                List<String> hits = Files.readAllLines(log).stream().filter(l -> l.matches("^\\d\\d:.*")
                        && !l.contains("ClientCnxn") && (l.contains(" WARN ") || l.contains(" ERROR ")
                                || odd.stream().anyMatch(l::contains))).toList();
                b.append("\n  -- ").append(log.getFileName()).append(" (last of ").append(hits.size()).append(')');
                hits.subList(Math.max(0, hits.size() - 12), hits.size()).forEach(l -> b.append("\n  ").append(l));
            } catch (IOException e) {
                b.append("\n  -- ").append(log.getFileName()).append(": ").append(e);
            }
        }
        return b.toString();
    }

    @Override
    public void close() {
        for (Life life : lives) {
            life.process().destroy();
        }
        for (Life life : lives) {
            try {
                if (!life.process().waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                    life.process().destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
