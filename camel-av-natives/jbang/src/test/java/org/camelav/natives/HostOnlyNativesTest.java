package org.camelav.natives;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's two recipes that keep only the host's natives in an application (instead of ffmpeg-platform's every
 * platform), each applied to a Maven project that depends on this build's camel-av-component, and the Spring Boot
 * starter, which does so by default: the resolved class path has the linux-x86_64 natives and no other platform's,
 * and camel-av loads FFmpeg from it. The starter's switch for other platforms (ffmpeg-platform added by the
 * application) brings them all back.
 */
@ExtendWith(UserRepositoryUntouched.class)
class HostOnlyNativesTest {

    private static final Path WORK = Path.of("target", "apps").toAbsolutePath();
    private static final Pattern CLASSIFIER_JAR = Pattern.compile(
            "/org/bytedeco/(ffmpeg|javacpp)/[^/]+/\\1-[0-9.-]+?-((?:android|linux|macosx|windows|ios)-[a-z0-9_]+)\\.jar$");
    private static final String FFMPEG = System.getProperty("ffmpeg.version");

    @ParameterizedTest
    @ValueSource(strings = {"javacpp.platform", "classifiers", "starter"})
    void anApplicationCarriesTheHostsNativesOnly(String recipe) throws Exception {
        String classpath = resolve(recipe);
        TreeSet<String> platforms = new TreeSet<>();
        long nativesBytes = 0;
        long allBytes = 0;
        for (String entry : classpath.split(File.pathSeparator)) {
            long size = Files.size(Path.of(entry));
            allBytes += size;
            Matcher m = CLASSIFIER_JAR.matcher(entry.replace(File.separatorChar, '/'));
            if (m.find()) {
                platforms.add(m.group(1) + ":" + m.group(2));
                nativesBytes += size;
            }
            assertTrue(!Path.of(entry).getFileName().toString().startsWith("camel-av-natives"),
                    "a Maven build takes ffmpeg-platform's natives: " + entry);
        }
        assertEquals(new TreeSet<>(List.of("ffmpeg:linux-x86_64", "javacpp:linux-x86_64")), platforms, classpath);
        System.out.printf("[natives] recipe %s: natives %.1f MB, whole class path %.1f MB%n", recipe,
                nativesBytes / 1e6, allBytes / 1e6);

        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                classpath + File.pathSeparator + Path.of("target", "test-classes").toAbsolutePath(),
                FfmpegVersionMain.class.getName()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), output);
        assertTrue(output.contains("ffmpeg " + FFMPEG.substring(0, FFMPEG.indexOf('-'))), output);
    }

    /** A Spring Boot application that builds for every platform: it adds ffmpeg-platform to the starter. */
    @ParameterizedTest
    @ValueSource(strings = {"starter-every-platform"})
    void theStartersSwitchBringsEveryPlatformBack(String recipe) throws Exception {
        TreeSet<String> platforms = new TreeSet<>();
        long nativesBytes = 0;
        for (String entry : resolve(recipe).split(File.pathSeparator)) {
            Matcher m = CLASSIFIER_JAR.matcher(entry.replace(File.separatorChar, '/'));
            if (m.find()) {
                platforms.add(m.group(1) + ":" + m.group(2));
                nativesBytes += Files.size(Path.of(entry));
            }
        }
        System.out.printf("[natives] recipe %s: natives %.1f MB in %d jars%n", recipe, nativesBytes / 1e6,
                platforms.size());
        for (String p : List.of("ffmpeg:linux-x86_64", "ffmpeg:linux-arm64", "ffmpeg:macosx-arm64",
                "ffmpeg:macosx-x86_64", "ffmpeg:windows-x86_64")) {
            assertTrue(platforms.contains(p), p + " in " + platforms);
        }
    }

    /** The application of that recipe, resolved by Maven against this build: its class path. */
    private static String resolve(String recipe) throws Exception {
        Path repo = ThisBuild.publish(WORK.resolve("repo"));
        Path pom = WORK.resolve(recipe).resolve("pom.xml");
        Files.createDirectories(pom.getParent());
        Files.writeString(pom, application(repo, recipe));
        Path out = pom.resolveSibling("classpath.txt");
        String[] args = recipe.equals("javacpp.platform")
                ? new String[] {"-Djavacpp.platform=linux-x86_64"} : new String[0];
        List<String> cmd = new java.util.ArrayList<>(List.of(
                "org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath", "-Dmdep.outputFile=" + out));
        cmd.addAll(Arrays.asList(args));
        assertNull(ThisBuild.maven(repo, pom, cmd.toArray(String[]::new)), "resolving the application");
        return Files.readString(out).trim();
    }

    private static String application(Path repo, String recipe) {
        if (recipe.startsWith("starter")) {
            String platform = recipe.equals("starter") ? "" : """
                    <dependency><groupId>org.bytedeco</groupId><artifactId>ffmpeg-platform</artifactId>
                      <version>%s</version></dependency>""".formatted(FFMPEG);
            return project(repo, """
                    <dependency>
                      <groupId>org.camelav</groupId><artifactId>camel-av-spring-boot-starter</artifactId>
                      <version>%s</version>
                    </dependency>
                    %s""".formatted(ThisBuild.VERSION, platform));
        }
        boolean classifiers = recipe.equals("classifiers");
        String exclusion = classifiers ? """
                      <exclusions><exclusion>
                        <groupId>org.bytedeco</groupId><artifactId>ffmpeg-platform</artifactId>
                      </exclusion></exclusions>""" : "";
        String natives = classifiers ? """
                    <dependency><groupId>org.bytedeco</groupId><artifactId>ffmpeg</artifactId><version>%1$s</version></dependency>
                    <dependency><groupId>org.bytedeco</groupId><artifactId>ffmpeg</artifactId><version>%1$s</version>
                      <classifier>linux-x86_64</classifier></dependency>
                    <dependency><groupId>org.bytedeco</groupId><artifactId>javacpp</artifactId><version>%2$s</version>
                      <classifier>linux-x86_64</classifier></dependency>
                """.formatted(FFMPEG, System.getProperty("javacpp.version")) : "";
        return project(repo, """
                    <dependency>
                      <groupId>org.camelav</groupId><artifactId>camel-av-component</artifactId><version>%s</version>
                %s
                    </dependency>
                %s""".formatted(ThisBuild.VERSION, exclusion, natives));
    }

    private static String project(Path repo, String dependencies) {
        return """
                <project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
                  <groupId>org.camelav.test</groupId><artifactId>host-only-app</artifactId><version>1</version>
                  <repositories><repository>
                    <id>this-build</id><url>%s</url><snapshots><enabled>true</enabled></snapshots>
                  </repository></repositories>
                  <dependencies>
                %s
                  </dependencies>
                </project>
                """.formatted(repo.toUri(), dependencies);
    }
}
