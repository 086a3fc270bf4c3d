package org.camelav.natives;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * This build's camel-av jars as a user's tools see them: a file repository in the remote layout, and Maven run on a
 * project of the test's own. A resolver never looks for a newer snapshot of what it already holds, so
 * {@link #publish} first removes camel-av's snapshots from the local repository (afterwards it holds this build's,
 * as after {@code mvn install}).
 */
final class ThisBuild {

    static final String VERSION = System.getProperty("camelav.version");
    static final Path ROOT = Path.of(System.getProperty("camelav.root"));
    static final Path LOCAL = Path.of(System.getProperty("maven.repo.local",
            System.getProperty("user.home") + "/.m2/repository"));

    private ThisBuild() {
    }

    /** The parent, component, natives and camel-av-jbang poms and jars of this build in {@code repo}. */
    static Path publish(Path repo) throws IOException {
        for (String artifactId : List.of("camel-av-parent", "camel-av-component", "camel-av-natives-parent",
                "camel-av-natives-linux-x86_64", "camel-av-jbang")) {
            delete(LOCAL.resolve("org/camelav/" + artifactId + "/" + VERSION));
        }
        Path component = ROOT.resolve("camel-av-component/target/camel-av-component-" + VERSION + ".jar");
        publish(repo, "camel-av-parent", ROOT.resolve("pom.xml"), null);
        publish(repo, "camel-av-component", ROOT.resolve("camel-av-component/pom.xml"), component);
        publish(repo, "camel-av-natives-parent", ROOT.resolve("camel-av-natives/pom.xml"), null);
        publish(repo, "camel-av-natives-linux-x86_64", ROOT.resolve("camel-av-natives/linux-x86_64/pom.xml"),
                ROOT.resolve("camel-av-natives/linux-x86_64/target/camel-av-natives-linux-x86_64-" + VERSION + ".jar"));
        publish(repo, "camel-av-jbang", Path.of("pom.xml"), Path.of(System.getProperty("jbang.jar")));
        return repo;
    }

    /**
     * Maven on {@code pom}, offline first (everything is in the local repository once resolved), then online;
     * null when it succeeded, else its output. The project's folder gets its own {@code .mvn} so that this
     * repository's {@code .mvn/maven.config} (-Djavacpp.platform.host) does not apply to it.
     */
    static String maven(Path pom, String... args) throws Exception {
        Files.createDirectories(pom.resolveSibling(".mvn"));
        List<String> cmd = new ArrayList<>(List.of(mvn(), "-B", "-q", "-ntp", "-f", pom.toString()));
        cmd.addAll(List.of(args));
        cmd.add("-Dmaven.repo.local=" + LOCAL);
        cmd.add("-o");
        if (run(cmd) == null) {
            return null;
        }
        cmd.remove(cmd.size() - 1);
        return run(cmd);
    }

    private static String run(List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return p.waitFor() == 0 ? null : String.join(" ", cmd) + "\n" + output;
    }

    private static String mvn() {
        String home = System.getProperty("maven.home");
        return home == null || home.isBlank() ? "mvn" : Path.of(home, "bin", "mvn").toString();
    }

    private static void publish(Path repo, String artifactId, Path pom, Path jar) throws IOException {
        Path dir = repo.resolve("org/camelav/" + artifactId + "/" + VERSION);
        Files.createDirectories(dir);
        copyWithSha1(pom, dir.resolve(artifactId + "-" + VERSION + ".pom"));
        if (jar != null) {
            assertTrue(Files.isRegularFile(jar), jar + " was built");
            copyWithSha1(jar, dir.resolve(artifactId + "-" + VERSION + ".jar"));
        }
    }

    /** Resolvers check checksums of what they download; without them they log a warning per file. */
    private static void copyWithSha1(Path from, Path to) throws IOException {
        byte[] bytes = Files.readAllBytes(from);
        Files.write(to, bytes);
        try {
            String sha1 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes));
            Files.writeString(to.resolveSibling(to.getFileName() + ".sha1"), sha1);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static void delete(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            try (var files = Files.walk(dir)) {
                for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(f);
                }
            }
        }
    }
}
