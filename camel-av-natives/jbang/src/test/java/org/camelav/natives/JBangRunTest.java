package org.camelav.natives;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Camel JBang as a user runs it: the launcher JBang's {@code camel} app runs ({@code org.apache.camel:camel-jbang-core}
 * with {@code org.apache.camel.kamelets:camel-kamelets}, the two {@code //DEPS} of apache/camel's
 * {@code dsl/camel-jbang/camel-jbang-main/dist/CamelJBang.java}), resolved by Maven, runs the README's command: a YAML
 * route with {@code --dep=org.camelav:camel-av-jbang} alone, resolved from a file repository holding this build's
 * jars. 4.17.0 because camel-jbang-core 4.18.0 is not on Maven Central (its metadata lists 4.17.0 as the latest,
 * checked 2026-12-07); the launcher runs the route on Camel 4.17.0.
 */
@ExtendWith(UserRepositoryUntouched.class)
class JBangRunTest {

    private static final String LAUNCHER = "org.apache.camel:camel-jbang-core:4.17.0";
    /** The kamelets catalog camel-jbang-core 4.17.0 downloads by default; camel doc and camel catalog read it. */
    private static final String KAMELETS = "org.apache.camel.kamelets:camel-kamelets:4.16.0";
    private static final long RUN_LIMIT_SECONDS = 180;

    private static final Path WORK = Path.of("target", "jbang").toAbsolutePath();
    private static String classpath;

    @BeforeAll
    static void fileRepositoryAndLauncher() throws Exception {
        ThisBuild.publish(WORK.resolve("repo"));
        classpath = launcherClasspath() + File.pathSeparator + Path.of("target", "test-classes").toAbsolutePath();
        Files.writeString(WORK.resolve("frames.camel.yaml"), """
                - route:
                    from:
                      uri: "av:testsrc2=size=160x120:rate=25?format=lavfi&maxFrames=3"
                      steps:
                        - log: "jbang frame ${header.CamelAvFrameIndex} pts ${header.CamelAvPts}"
                """);
    }

    /** The README's command: the finite input ends, the route goes idle and camel run exits by itself. */
    @Test
    void aYamlRouteRunsWithCamelAvJBangAsItsOneDependency() throws Exception {
        Run run = jbang("--dep=org.camelav:camel-av-jbang:" + ThisBuild.VERSION, "--max-idle-seconds=2");
        assertEquals(0, run.exit, run.output);
        for (int i = 0; i < 3; i++) {
            assertTrue(run.output.contains("jbang frame " + i + " pts "), "frame " + i + " logged:\n" + run.output);
        }
        assertFalse(run.output.contains("native libraries"), run.output);
        System.out.println("[jbang] route with --dep=camel-av-jbang ran and exited in " + run.millis + " ms");
    }

    @Test
    void theComponentAloneFailsFastNamingTheDependencyToUse() throws Exception {
        // ffmpeg-platform's classifier jars would bring the natives, and JBang drops them
        Run run = jbang("--dep=org.camelav:camel-av-component:" + ThisBuild.VERSION);
        assertNotEquals(0, run.exit, run.output);
        assertTrue(run.output.contains("FFmpeg's native libraries for linux-x86_64 are not on the class path"),
                run.output);
        assertTrue(run.output.contains("Camel JBang: --dep=org.camelav:camel-av-jbang:" + ThisBuild.VERSION),
                run.output);
        System.out.println("[jbang] run without natives failed and exited in " + run.millis + " ms");
    }

    /**
     * {@code camel doc} reads Camel's own catalog, which has no av: it says so. Camel JBang 4.17.0 looks the name up
     * among the kamelets first, in camel-kamelets-catalog of its default kamelets version, 4.16.0, which Maven Central
     * lacks (4.15.0, then 4.18.0): hence the ClassNotFoundException (KameletsCatalog) without --kamelets-version.
     */
    @Test
    void camelDocSaysAvIsNotInCamelsCatalog() throws Exception {
        Run run = command("doc", "av", "--kamelets-version=4.18.0");
        assertFalse(run.output.contains("ClassNotFoundException"), run.output);
        assertTrue(run.output.contains("Camel component: av not found."), run.output);
    }

    private record Run(int exit, String output, long millis) {
    }

    /** {@code camel run frames.camel.yaml} with this build's repository and the options. */
    private static Run jbang(String... options) throws Exception {
        // Camel JBang takes its repositories from --repos only (a settings profile's are not used for --dep), this
        // build's first, so that it wins over any camel-av snapshot the user installed
        List<String> args = new ArrayList<>(List.of("run", "frames.camel.yaml",
                "--repos=" + WORK.resolve("repo").toUri() + "," + ThisBuild.USER_REPOSITORY.toUri()));
        args.addAll(List.of(options));
        return command(args.toArray(String[]::new));
    }

    /** A camel command in a child JVM, resolving into this module's local repository. */
    private static Run command(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        // Camel JBang's resolver reads maven.repo.local before any settings
        cmd.addAll(List.of("-Dmaven.repo.local=" + ThisBuild.LOCAL, "-cp", classpath, JBangLauncher.class.getName()));
        cmd.addAll(List.of(args));
        Path log = Files.createTempFile(WORK, "run", ".log");
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).directory(WORK.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!p.waitFor(RUN_LIMIT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            fail("camel run did not exit within " + RUN_LIMIT_SECONDS + " s:\n" + Files.readString(log));
        }
        return new Run(p.exitValue(), Files.readString(log), (System.nanoTime() - t0) / 1_000_000);
    }

    /** The launcher's class path, resolved by Maven from a one-dependency project (not this module's managed one). */
    private static String launcherClasspath() throws Exception {
        String[] gav = LAUNCHER.split(":");
        String[] kamelets = KAMELETS.split(":");
        Path pom = WORK.resolve("launcher/pom.xml");
        Files.createDirectories(pom.getParent());
        Files.writeString(pom, """
                <project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
                  <groupId>org.camelav.test</groupId><artifactId>jbang-launcher</artifactId><version>1</version>
                  <dependencies><dependency>
                    <groupId>%s</groupId><artifactId>%s</artifactId><version>%s</version>
                  </dependency><dependency>
                    <groupId>%s</groupId><artifactId>%s</artifactId><version>%s</version>
                  </dependency></dependencies>
                </project>
                """.formatted(gav[0], gav[1], gav[2], kamelets[0], kamelets[1], kamelets[2]));
        Path out = pom.resolveSibling("classpath.txt");
        assertNull(ThisBuild.maven(WORK.resolve("repo"), pom, "org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath",
                "-Dmdep.outputFile=" + out), "resolving " + LAUNCHER);
        return Files.readString(out).trim();
    }
}
