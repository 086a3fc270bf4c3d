package org.camelav.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

class YamlRoutesTest {

    @Test
    void theYamlRouteWritesExactlyWhatTheJavaRouteWrites() throws Exception {
        Path javaOut = Path.of("target", "keyframes-java");
        List<Path> fromJava = SavingKeyframes.run(javaOut, null);
        Path clip = javaOut.resolve("source.mp4");
        List<Path> fromYaml = YamlRoutes.run(Path.of("target", "keyframes-yaml"), clip);

        assertTrue(fromJava.size() >= 10, "a key frame a second in 10 s: " + fromJava);
        assertEquals(fromJava.stream().map(p -> p.getFileName().toString()).toList(),
                fromYaml.stream().map(p -> p.getFileName().toString()).toList(), "the same key frames, named by pts");
        for (int i = 0; i < fromJava.size(); i++) {
            // same decoder, same encoder, same quality 80: the same bytes
            assertArrayEquals(Files.readAllBytes(fromJava.get(i)), Files.readAllBytes(fromYaml.get(i)),
                    fromYaml.get(i).toString());
        }
    }
}
