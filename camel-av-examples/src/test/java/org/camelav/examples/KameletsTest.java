package org.camelav.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

import org.apache.camel.main.Main;
import org.camelav.testsupport.Await;
import org.camelav.testsupport.FfmpegCli;
import org.junit.jupiter.api.Test;

/** The component jar's av-source and av-sink Kamelets, used from a YAML route run by camel-main. */
class KameletsTest {

    private static final Path DIR = Path.of("target", "kamelets");

    private static final String ROUTES = """
            - route:
                id: camera-to-jpeg
                from:
                  uri: "kamelet:av-source"
                  parameters:
                    url: "testsrc2=size=160x120:rate=25"
                    format: lavfi
                    maxFrames: 5
                  steps:
                    - to:
                        uri: "file:%1$s/jpeg"
                        parameters:
                          fileName: "frame-${header.CamelAvFrameIndex}.jpg"
            - route:
                id: camera-to-file
                from:
                  uri: "kamelet:av-source"
                  parameters:
                    url: "testsrc2=size=160x120:rate=25"
                    format: lavfi
                    maxFrames: 20
                    output: frames
                  steps:
                    - to:
                        uri: "kamelet:av-sink"
                        parameters:
                          url: "%1$s/out.mkv"
                          codec: mpeg4
            """;

    @Test
    void avSourceGivesJpegsAndFramesAndAvSinkWritesThemToAFile() throws Exception {
        Files.createDirectories(DIR.resolve("jpeg"));
        try (Stream<Path> old = Files.list(DIR.resolve("jpeg"))) {
            for (Path p : old.toList()) {
                Files.delete(p);
            }
        }
        Files.deleteIfExists(DIR.resolve("out.mkv"));
        Path routes = DIR.resolve("kamelets.camel.yaml");
        Files.writeString(routes, ROUTES.formatted(DIR));

        Main main = new Main();
        main.configure().withRoutesIncludePattern("file:" + routes.toAbsolutePath());
        main.start();
        try {
            Await.until("5 JPEGs", 30, () -> jpegs().size() == 5);
            Await.until("20 frames written", 30, () -> main.getCamelContext().getRoutes().stream()
                    .filter(r -> r.getEndpoint().getEndpointUri().startsWith("av:testsrc2"))
                    .map(r -> r.getConsumer()).filter(c -> c instanceof org.camelav.component.AvConsumer)
                    .mapToLong(c -> ((org.camelav.component.AvConsumer) c).getExchanges()).sum() == 25);
        } finally {
            main.stop(); // the sink's producer writes the trailer
        }
        List<Path> jpegs = jpegs();
        assertEquals(List.of("frame-0.jpg", "frame-1.jpg", "frame-2.jpg", "frame-3.jpg", "frame-4.jpg"),
                jpegs.stream().map(p -> p.getFileName().toString()).sorted().toList());
        BufferedImage img = ImageIO.read(jpegs.get(0).toFile());
        assertEquals(List.of(160, 120), List.of(img.getWidth(), img.getHeight()));
        String probed = FfmpegCli.ffprobe("-v", "error", "-count_frames", "-select_streams", "v:0", "-show_entries",
                "stream=codec_name,nb_read_frames", "-of", "csv=p=0", DIR.resolve("out.mkv").toString()).trim();
        assertEquals("mpeg4,20", probed);
        assertTrue(Files.size(DIR.resolve("out.mkv")) > 1000);
    }

    private static List<Path> jpegs() {
        try (Stream<Path> s = Files.list(DIR.resolve("jpeg"))) {
            return s.filter(p -> p.toString().endsWith(".jpg")).toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
