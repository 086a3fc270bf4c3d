package org.camelav.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import org.camelav.media.StreamInfo;
import org.camelav.media.container.MediaInput;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code bin/java-cds}, through which {@code bin/run-example} runs an example: the main job (1 s) on a class path of
 * jars only, as {@code bin/run-example} builds it. The first run writes the AppCDS archive, the next loads the job's
 * classes from it, and no state of the archive folder breaks a run: a damaged archive, an archive made for another
 * class path under the expected name (stale), a class path CDS cannot take. Each run must write the same MP4 and print
 * nothing about CDS.
 */
class JavaCdsTest {

    private static final Path WORK = Path.of("target", "java-cds").toAbsolutePath();
    private static final Path SCRIPT = Path.of("..", "bin", "java-cds").toAbsolutePath().normalize();
    private static final String MAIN = MainJob.class.getName();
    private static String classpath;

    @BeforeAll
    static void jarsOnly() throws Exception {
        if (Files.exists(WORK)) {
            try (Stream<Path> old = Files.walk(WORK)) {
                for (Path p : (Iterable<Path>) old.sorted(java.util.Comparator.reverseOrder())::iterator) {
                    Files.delete(p);
                }
            }
        }
        Files.createDirectories(WORK);
        // the examples' classes as a jar (CDS takes no directories), then the test class path's jars
        Path jar = WORK.resolve("camel-av-examples.jar");
        Path classes = Path.of("target", "classes");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar)); Stream<Path> files = Files.walk(classes)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace(File.separatorChar, '/')));
                Files.copy(f, out);
                out.closeEntry();
            }
        }
        List<String> entries = new ArrayList<>(List.of(jar.toString()));
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (e.endsWith(".jar") && Files.isRegularFile(Path.of(e))) {
                entries.add(Path.of(e).toAbsolutePath().toString());
            }
        }
        classpath = String.join(File.pathSeparator, entries);
    }

    private record Run(int exit, String output, String classLoading) {
    }

    /** The main job for 1 s through bin/java-cds, with class loading logged to a file (not to its output). */
    private static Run run(Path archives, String cp, String name) throws Exception {
        Path out = WORK.resolve("out-" + name);
        Path loads = WORK.resolve("loads-" + name + ".log");
        Path log = WORK.resolve("run-" + name + ".log");
        ProcessBuilder pb = new ProcessBuilder("bash", SCRIPT.toString(), archives.toString(), cp, MAIN,
                out.toString(), "1").redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().put("JAVA_OPTS", "-Xlog:class+load=info:file=" + loads);
        pb.environment().remove("CAMEL_AV_CDS");
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError("bin/java-cds did not end in 120 s:\n" + Files.readString(log));
        }
        String output = Files.readString(log);
        assertEquals(0, p.exitValue(), output);
        try (MediaInput in = MediaInput.open(out.resolve("testsrc2.mp4").toString(), null, null, 10_000)) {
            StreamInfo v = in.streams().get(0);
            assertEquals(List.of("h264", 1280, 720, 30L), List.of(v.codecName(), v.width(), v.height(), v.frames()),
                    name + ": the job's MP4");
        }
        for (String line : output.split("\n")) {
            assertFalse(line.matches("(?i).*(\\[cds|shared archive|sharing|\\.jsa).*"), name + " printed: " + line);
        }
        return new Run(p.exitValue(), output, Files.readString(loads));
    }

    /** Where the job's main class came from: the archive or its jar. */
    private static boolean fromArchive(Run run) {
        for (String line : run.classLoading.split("\n")) {
            if (line.contains(" " + MAIN + " source: ")) {
                return line.contains("shared objects file");
            }
        }
        throw new AssertionError("no class+load line for " + MAIN + ":\n" + run.classLoading);
    }

    private static List<Path> archives(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    @Test
    void theFirstRunWritesTheArchiveAndTheNextLoadsTheJobFromIt() throws Exception {
        Path dir = WORK.resolve("cds-fresh");
        assertFalse(fromArchive(run(dir, classpath, "first")), "no archive yet");
        List<Path> written = archives(dir);
        assertEquals(1, written.size(), "one archive, no temporary file left: " + written);
        assertTrue(written.get(0).toString().endsWith(".jsa") && Files.size(written.get(0)) > 1_000_000, "" + written);

        assertTrue(fromArchive(run(dir, classpath, "second")), "the job's classes come from the archive");
        assertEquals(written, archives(dir), "the archive is kept as it is");
    }

    @Test
    void aDamagedArchiveIsIgnored() throws Exception {
        Path dir = WORK.resolve("cds-damaged");
        run(dir, classpath, "to-damage");
        Path archive = archives(dir).get(0);
        byte[] bytes = Files.readAllBytes(archive);
        for (int i = bytes.length / 2; i < bytes.length / 2 + 4096; i++) {
            bytes[i] ^= 0x5a; // the header stays valid: only the CRC check tells
        }
        Files.write(archive, bytes);
        assertFalse(fromArchive(run(dir, classpath, "damaged")));

        Files.write(archive, new byte[] {1, 2, 3}); // truncated
        assertFalse(fromArchive(run(dir, classpath, "truncated")));
    }

    @Test
    void anArchiveMadeForAnotherClassPathIsIgnoredAndAChangedJarGetsANewOne() throws Exception {
        Path dir = WORK.resolve("cds-stale");
        run(dir, classpath, "before-change");
        Path old = archives(dir).get(0);
        byte[] oldArchive = Files.readAllBytes(old);

        // the examples' jar rebuilt: a new modification time is a new key, and the first run under it writes a new
        // archive in place of the old one
        Path jar = WORK.resolve("camel-av-examples.jar");
        FileTime before = Files.getLastModifiedTime(jar);
        Files.setLastModifiedTime(jar, FileTime.fromMillis(before.toMillis() + 60_000));
        assertFalse(fromArchive(run(dir, classpath, "after-change")));
        Path fresh = archives(dir).get(0);
        assertEquals(1, archives(dir).size(), "the old archive is replaced: " + archives(dir));
        assertFalse(fresh.equals(old), "a new key");

        // the old archive under the new key: made for the jar's old time, which the JVM checks
        Files.write(fresh, oldArchive);
        assertFalse(fromArchive(run(dir, classpath, "stale")));
        Files.setLastModifiedTime(jar, before);
    }

    @Test
    void aClassPathWithADirectoryRunsWithoutAnArchive() throws Exception {
        Path dir = WORK.resolve("cds-directory");
        Path classes = Path.of("target", "classes").toAbsolutePath();
        String withDirectory = classes + File.pathSeparator + classpath;
        assertFalse(fromArchive(run(dir, withDirectory, "directory")));
        assertFalse(Files.exists(dir) && archives(dir).size() > 0, "nothing written");
    }
}
