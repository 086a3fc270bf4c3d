package org.camelav;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering of architecture.md, checked on the compiled main classes: the media layer (shaped like PyAV's av/),
 * the live-source, recording and cluster layers above it, and the thin Camel layer on top. Javadoc-only imports do
 * not reach the bytecode, so {@link #sourceImportsHaveNoCycles()} draws the same house from the sources' imports.
 */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.camelav");
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching("org.camelav.(**)").should().beFreeOfCycles().check(classes);
    }

    @Test
    void mediaLiveAndRecordingHaveNoCamelType() {
        noClasses().that().resideInAnyPackage("org.camelav.media..", "org.camelav.live..", "org.camelav.recording..")
                .should().dependOnClassesThat().resideInAPackage("org.apache.camel..")
                .check(classes);
    }

    @Test
    void layersOnlyLookDown() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("Camel").definedBy("org.camelav.component..", "org.camelav.converter..",
                        "org.camelav.dataformat..")
                .layer("Cluster").definedBy("org.camelav.cluster..")
                .layer("Recording").definedBy("org.camelav.recording..")
                .layer("Live").definedBy("org.camelav.live..")
                .layer("Media").definedBy("org.camelav.media..")
                .whereLayer("Camel").mayNotBeAccessedByAnyLayer()
                .whereLayer("Cluster").mayOnlyBeAccessedByLayers("Camel")
                .whereLayer("Recording").mayOnlyBeAccessedByLayers("Camel")
                .whereLayer("Live").mayOnlyBeAccessedByLayers("Camel")
                .whereLayer("Media").mayOnlyBeAccessedByLayers("Camel", "Cluster", "Recording", "Live")
                .check(classes);
    }

    @Test
    void mediaTopLevelNeedsNoSubpackage() {
        // StreamInfo, MediaItem and errors are the vocabulary every subpackage speaks, as av/stream.pyx is in PyAV
        noClasses().that().resideInAPackage("org.camelav.media")
                .should().dependOnClassesThat().resideInAPackage("org.camelav.media.*..")
                .check(classes);
    }

    @Test
    void sourceImportsHaveNoCycles() throws IOException {
        Map<String, Set<String>> imports = new HashMap<>();
        Pattern pkg = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);
        Pattern imp = Pattern.compile("^import (?:static )?(org\\.camelav\\.[\\w.]*?)\\.[A-Z]", Pattern.MULTILINE);
        try (Stream<Path> files = Files.walk(Path.of("src/main/java/org/camelav"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String src = Files.readString(f);
                Matcher p = pkg.matcher(src);
                if (!p.find()) {
                    continue;
                }
                Matcher m = imp.matcher(src);
                while (m.find()) {
                    if (!m.group(1).equals(p.group(1))) {
                        imports.computeIfAbsent(p.group(1), k -> new HashSet<>()).add(m.group(1));
                    }
                }
            }
        }
        List<String> cycles = new ArrayList<>();
        for (String start : imports.keySet()) {
            findCycle(start, start, imports, new ArrayList<>(List.of(start)), new HashSet<>(), cycles);
        }
        assertEquals(List.of(), cycles, "package cycles through imports");
    }

    @Test
    void mainClassesStayShort() throws IOException {
        // one concept per class; the declarative @UriParams configuration is the one long class, as in camel-kafka
        List<String> tooLong = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                int lines = Files.readAllLines(f).size();
                if (lines > 400 && !f.endsWith("AvConfiguration.java")) {
                    tooLong.add(f + ": " + lines);
                }
            }
        }
        assertEquals(List.of(), tooLong, "main classes over 400 lines");
    }

    private static void findCycle(String start, String at, Map<String, Set<String>> imports, List<String> path,
            Set<String> seen, List<String> cycles) {
        for (String next : imports.getOrDefault(at, Set.of())) {
            if (next.equals(start)) {
                cycles.add(String.join(" -> ", path) + " -> " + start);
            } else if (seen.add(next)) {
                path.add(next);
                findCycle(start, next, imports, path, seen, cycles);
                path.remove(path.size() - 1);
            }
        }
    }
}
