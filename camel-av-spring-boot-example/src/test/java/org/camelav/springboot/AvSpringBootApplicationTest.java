package org.camelav.springboot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.camelav.component.AvComponent;
import org.camelav.component.AvEndpoint;
import org.camelav.media.FfmpegLog;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest(properties = {
        // the test ends the application, not the message count; a short source and a folder of its own
        "camel.main.duration-max-idle-seconds=0", "camel.main.run-controller=false", "app.seconds=2.5",
        "app.output=target/spring-boot-thumbs",
        // options every av: endpoint starts from, set once on the component (AvConfiguration's flat options)
        "camel.component.av.timeout=12345", "camel.component.av.reconnect-delay=750",
        "camel.component.av.format-options.rtsp_transport=tcp" })
class AvSpringBootApplicationTest {

    private static final Path OUT = Path.of("target", "spring-boot-thumbs");

    @Autowired
    CamelContext camel;

    @BeforeAll
    static void clean() throws Exception {
        if (Files.isDirectory(OUT)) {
            try (Stream<Path> files = Files.list(OUT)) {
                for (Path p : files.toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    @Test
    void componentOptionsFromApplicationYamlReachTheComponentAndFfmpeg() {
        AvComponent av = camel.getComponent("av", AvComponent.class);
        assertEquals("ERROR", av.getLogLevel(), "camel.component.av.log-level");
        assertTrue(av.isBridgeErrorHandler(), "camel.component.av.bridge-error-handler");
        assertEquals(FfmpegLog.Level.ERROR, FfmpegLog.getLevel(), "FFmpeg's own level");
        assertEquals(12345, av.getConfiguration().getTimeout(), "camel.component.av.timeout");
        assertEquals(750, av.getConfiguration().getReconnectDelay(), "camel.component.av.reconnect-delay");
        assertEquals("tcp", av.getConfiguration().getFormatOptions().get("rtsp_transport"),
                "camel.component.av.format-options.rtsp_transport");
    }

    @Test
    void theYamlRouteRunsWithItsSettingsFromApplicationYaml() throws Exception {
        Route route = camel.getRoute("av-thumbnails");
        AvEndpoint from = (AvEndpoint) route.getEndpoint();
        assertEquals("testsrc2=size=1280x720:rate=25", from.getUrl());
        assertEquals("lavfi", from.getConfiguration().getFormat());
        assertEquals(2.5, from.getConfiguration().getDuration(), "app.seconds, overridden by the test");
        assertEquals("fps=1", from.getConfiguration().getFilter());
        assertEquals(320, from.getConfiguration().getWidth());
        assertEquals(12345, from.getConfiguration().getTimeout(), "the component's timeout, copied to the endpoint");
        assertEquals("tcp", from.getConfiguration().getFormatOptions().get("rtsp_transport"),
                "the component's formatOptions, copied to the endpoint");
        // one a second: t = 0, 1 and 2 of 2.5 s
        List<Path> thumbs = awaitFiles(3, 60);
        assertEquals(List.of("thumb-0.jpg", "thumb-1.jpg", "thumb-2.jpg"),
                thumbs.stream().map(p -> p.getFileName().toString()).sorted().toList());
        for (Path jpeg : thumbs) {
            BufferedImage img = ImageIO.read(jpeg.toFile());
            assertEquals(List.of(320, 180), List.of(img.getWidth(), img.getHeight()), jpeg.toString());
        }
    }

    private static List<Path> awaitFiles(int n, int seconds) throws Exception {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (true) {
            List<Path> files = Files.isDirectory(OUT) ? list() : List.of();
            // the file component writes to the final name directly: wait until the last one is complete too
            if (files.size() >= n && files.stream().allMatch(AvSpringBootApplicationTest::isCompleteJpeg)) {
                return files;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("expected " + n + " thumbnails in " + OUT + ", found " + files);
            }
            Thread.sleep(100);
        }
    }

    private static List<Path> list() throws Exception {
        try (Stream<Path> s = Files.list(OUT)) {
            return s.filter(p -> p.toString().endsWith(".jpg")).toList();
        }
    }

    private static boolean isCompleteJpeg(Path p) {
        try {
            byte[] b = Files.readAllBytes(p);
            return b.length > 4 && (b[b.length - 2] & 0xff) == 0xFF && (b[b.length - 1] & 0xff) == 0xD9;
        } catch (Exception e) {
            return false;
        }
    }
}
