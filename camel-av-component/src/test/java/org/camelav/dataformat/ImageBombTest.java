package org.camelav.dataformat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import org.camelav.testsupport.FfmpegCli;
import org.junit.jupiter.api.Test;

/**
 * Decompression bombs: a 12000x12000 PNG (about 420 KB; 432 MB as rgb24) and its first 219 bytes, decoded in a child
 * JVM with -Xmx256m through {@code unmarshal().custom("av-image")} and {@code av:body?operation=thumbnail}: each fails
 * with an AvRefusedException naming maxPixels, never an OutOfMemoryError, and the child's peak RSS stays small.
 */
class ImageBombTest {

    private static final Path DIR = Path.of("target", "bomb");
    /** Peak resident size a refused bomb may reach: the JVM, Camel and FFmpeg's libraries, not a picture. */
    private static final long MAX_RSS_KB = 400_000;

    private static Path bomb() throws IOException {
        Path png = DIR.resolve("12000x12000.png");
        if (!Files.exists(png)) {
            Files.createDirectories(DIR);
            FfmpegCli.ffmpeg("-f", "lavfi", "-i", "color=c=black:s=12000x12000", "-frames:v", "1", "-pix_fmt", "rgb24",
                    png.toString());
        }
        return png;
    }

    private static Path headerOnly() throws IOException {
        Path head = DIR.resolve("12000x12000-head.png");
        Files.write(head, Arrays.copyOf(Files.readAllBytes(bomb()), 219));
        return head;
    }

    /** Runs the child; returns its output (RESULT and VmHWM lines). */
    private static String child(Path image, String route) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                ImageBombChild.class.getName(), image.toString(), route).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child ended");
        String text = new String(out, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), text);
        return text;
    }

    private static void assertRefused(String out) {
        assertFalse(out.contains("OutOfMemoryError"), out);
        assertTrue(out.contains("RESULT org.camelav.media.AvRefusedException: Refused input:")
                   && out.contains("12000x12000") && out.contains("more than maxPixels=67108864"), out);
        long rssKb = Long.parseLong(out.replaceAll("(?s).*VmHWM: (\\d+) kB.*", "$1"));
        assertTrue(rssKb < MAX_RSS_KB, "peak RSS " + rssKb + " kB\n" + out);
        System.out.println("ImageBombTest: " + out.lines().filter(l -> l.startsWith("RESULT") || l.startsWith("VmHWM"))
                .toList());
    }

    @Test
    void aPngBombFailsCleanlyThroughTheDataFormat() throws Exception {
        assertRefused(child(bomb(), "unmarshal"));
    }

    @Test
    void itsHeaderAloneFailsBeforeAnyAllocation() throws Exception {
        assertRefused(child(headerOnly(), "unmarshal"));
    }

    @Test
    void aPngBombFailsCleanlyAsABodyThumbnail() throws Exception {
        assertRefused(child(bomb(), "thumbnail"));
    }
}
