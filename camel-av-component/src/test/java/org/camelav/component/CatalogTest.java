package org.camelav.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/** The generated catalog metadata is what Spring Boot, Quarkus, Kamelets and tooling read: keep it complete and fresh. */
class CatalogTest {

    private static String avJson() throws IOException {
        try (InputStream in = CatalogTest.class.getResourceAsStream("/META-INF/org/camelav/component/av.json")) {
            assertNotNull(in, "av.json on the classpath");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void avJsonDescribesSchemeOptionsAndHeaders() throws IOException {
        String json = avJson();
        assertTrue(json.contains("\"scheme\": \"av\""));
        assertTrue(json.contains("\"syntax\": \"av:url\""));
        for (String option : List.of("format", "formatOptions", "codecOptions", "mode", "skipFrame", "threadType",
                "threadCount", "lowDelay", "pixelFormat", "width", "height", "interpolation", "filter", "startTime",
                "maxFrames", "loop", "realtime", "codec", "bitRate", "gopSize", "frameRate")) {
            assertTrue(json.contains("\"" + option + "\": { \"index\""), "option " + option + " in av.json");
        }
        for (String header : List.of("CamelAvMediaType", "CamelAvStreamIndex", "CamelAvPts", "CamelAvDts",
                "CamelAvTimeBase", "CamelAvTime", "CamelAvDuration", "CamelAvKeyFrame", "CamelAvPictType",
                "CamelAvFrameIndex", "CamelAvWidth", "CamelAvHeight", "CamelAvPixelFormat", "CamelAvSampleRate",
                "CamelAvChannels", "CamelAvSampleFormat", "CamelAvSamples", "CamelAvCodecName", "CamelAvEndOfStream",
                "CamelAvStreamInfo")) {
            assertTrue(json.contains("\"" + header + "\": {"), "header " + header + " in av.json");
        }
        assertTrue(json.contains("\"enum\": [ \"DEFAULT\", \"NONREF\", \"BIDIR\", \"NONINTRA\", \"NONKEY\", \"ALL\" ]"));
        // every option and header carries a description
        Matcher m = Pattern.compile("\"description\": \"([^\"]*)\"").matcher(json);
        int n = 0;
        while (m.find()) {
            assertFalse(m.group(1).isBlank(), "empty description");
            n++;
        }
        assertTrue(n > 50, "descriptions found: " + n);
    }

    @Test
    void generatedUriFactoryAndConfigurerAreUsed() throws Exception {
        try (CamelContext ctx = new DefaultCamelContext()) {
            ctx.start();
            AvEndpoint ep = ctx.getEndpoint("av:/tmp/x.mp4?skipFrame=NONKEY&formatOptions.rtsp_transport=tcp&width=64",
                    AvEndpoint.class);
            assertEquals(org.camelav.media.codec.SkipFrame.NONKEY, ep.getConfiguration().getSkipFrame());
            assertEquals("tcp", ep.getConfiguration().getFormatOptions().get("rtsp_transport"));
            assertEquals(64, ep.getConfiguration().getWidth());
            assertNotNull(ctx.getCamelContextExtension().getEndpointUriFactory("av"));
            String uri = ctx.getCamelContextExtension().getEndpointUriFactory("av")
                    .buildUri("av", java.util.Map.of("url", "/data/in.mp4", "maxFrames", 10));
            assertEquals("av:/data/in.mp4?maxFrames=10", uri);
        }
    }

    /**
     * The build regenerates src/generated from the annotations before tests run; if that changed a committed file, the
     * committed metadata was stale. Stage or commit the regenerated files.
     */
    @Test
    void committedGeneratedFilesAreUpToDate() throws Exception {
        Path module = Path.of("").toAbsolutePath();
        if (!Files.isDirectory(module.resolve("src/generated")) || !isGitCheckout(module)) {
            throw new IllegalStateException("expected a git checkout with src/generated at " + module);
        }
        Process p = new ProcessBuilder("git", "status", "--porcelain", "--", "src/generated").directory(module.toFile())
                .redirectErrorStream(true).start();
        // no trim(): the first status column is a meaningful space
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        // staged (index) changes count as fixed: only work-tree differences or untracked files are stale
        List<String> stale = out.lines().filter(l -> l.length() > 1 && (l.charAt(1) != ' ')).toList();
        assertTrue(stale.isEmpty(), "Generated files differ from git; commit them: " + stale);
    }

    private static boolean isGitCheckout(Path dir) throws Exception {
        Process p = new ProcessBuilder("git", "rev-parse", "--is-inside-work-tree").directory(dir.toFile()).start();
        return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    }
}
