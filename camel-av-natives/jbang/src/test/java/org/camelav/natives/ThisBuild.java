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
 * This build's camel-av jars as a user's tools see them: a file repository in the remote layout, and Maven or Camel
 * JBang run on a project of the test's own. Every resolution goes to a local repository of this module's own
 * ({@code target/m2}), never the user's: a resolver never looks for a newer snapshot of what it already holds, and one
 * that records camel-av as fetched from a test repository hides the user's installed camel-av from their own builds
 * (issue 32). The user's local repository is only read, as a remote file repository of releases (so nothing is
 * downloaded twice and the tests run offline); Maven Central comes after it.
 */
final class ThisBuild {

    static final String VERSION = System.getProperty("camelav.version");
    static final Path ROOT = Path.of(System.getProperty("camelav.root"));
    /** The user's local repository: read, never written. */
    static final Path USER_REPOSITORY = Path.of(System.getProperty("maven.repo.local",
            System.getProperty("user.home") + "/.m2/repository"));
    /** This module's own local repository, where every resolution of these tests goes. */
    static final Path LOCAL = Path.of("target", "m2").toAbsolutePath();

    private ThisBuild() {
    }

    /**
     * The parent, component, natives, camel-av-jbang, host natives and Spring Boot starter poms and jars of this build in {@code repo}, and a settings
     * file beside it that resolves from {@code repo}, then the user's local repository (see the class comment).
     */
    static Path publish(Path repo) throws IOException {
        delete(LOCAL.resolve("org/camelav")); // ours: a previous run's copies would hide this build's
        Path component = ROOT.resolve("camel-av-component/target/camel-av-component-" + VERSION + ".jar");
        publish(repo, "camel-av-parent", ROOT.resolve("pom.xml"), null);
        publish(repo, "camel-av-component", ROOT.resolve("camel-av-component/pom.xml"), component);
        publish(repo, "camel-av-natives-parent", ROOT.resolve("camel-av-natives/pom.xml"), null);
        publish(repo, "camel-av-natives-linux-x86_64", ROOT.resolve("camel-av-natives/linux-x86_64/pom.xml"),
                ROOT.resolve("camel-av-natives/linux-x86_64/target/camel-av-natives-linux-x86_64-" + VERSION + ".jar"));
        publish(repo, "camel-av-jbang", Path.of("pom.xml"), Path.of(System.getProperty("jbang.jar")));
        publish(repo, "camel-av-host-natives", ROOT.resolve("camel-av-natives/host/pom.xml"), null);
        publish(repo, "camel-av-spring-boot-starter", ROOT.resolve("camel-av-spring-boot-starter/pom.xml"),
                ROOT.resolve("camel-av-spring-boot-starter/target/camel-av-spring-boot-starter-" + VERSION + ".jar"));
        Files.writeString(settings(repo), """
                <settings>
                  <localRepository>%1$s</localRepository>
                  <profiles><profile><id>camel-av-test</id>
                    <repositories>
                      <repository><id>this-build</id><url>%2$s</url>
                        <releases><enabled>false</enabled></releases></repository>
                      <repository><id>user-local</id><url>%3$s</url>
                        <snapshots><enabled>false</enabled></snapshots></repository>
                    </repositories>
                    <pluginRepositories>
                      <pluginRepository><id>user-local</id><url>%3$s</url>
                        <snapshots><enabled>false</enabled></snapshots></pluginRepository>
                    </pluginRepositories>
                  </profile></profiles>
                  <activeProfiles><activeProfile>camel-av-test</activeProfile></activeProfiles>
                </settings>
                """.formatted(LOCAL, repo.toUri(), USER_REPOSITORY.toUri()));
        return repo;
    }

    /** The settings file {@link #publish} writes beside {@code repo}. */
    static Path settings(Path repo) {
        return repo.resolveSibling(repo.getFileName() + "-settings.xml");
    }

    /**
     * Maven on {@code pom} with the settings of {@code repo} (as global settings, so that the user's own mirrors and
     * proxies still apply) and this module's local repository: offline first (file repositories stay readable),
     * then online; null when it succeeded, else its output. The project's folder gets its own {@code .mvn} so that
     * this repository's {@code .mvn/maven.config} (-Djavacpp.platform.host) does not apply to it.
     */
    static String maven(Path repo, Path pom, String... args) throws Exception {
        Files.createDirectories(pom.resolveSibling(".mvn"));
        List<String> cmd = new ArrayList<>(List.of(mvn(), "-B", "-q", "-ntp", "-f", pom.toString(), "-gs",
                settings(repo).toString(), "-Dmaven.repo.local=" + LOCAL));
        cmd.addAll(List.of(args));
        cmd.add("-Daether.offline.protocols=file");
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
