package org.camelav.media.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.camelav.media.AvRefusedException;
import org.camelav.testsupport.FfmpegCli;
import org.junit.jupiter.api.Test;

/** The declared size of images the bundled ffmpeg wrote, read from their headers alone, and the decoder's bound. */
class ImageHeaderTest {

    private static byte[] image(String name, String... codecArgs) throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "image-header"));
        Path file = dir.resolve(name);
        String[] args = new String[6 + codecArgs.length + 1];
        System.arraycopy(new String[] { "-f", "lavfi", "-i", "testsrc2=size=322x124", "-frames:v", "1" }, 0, args, 0, 6);
        System.arraycopy(codecArgs, 0, args, 6, codecArgs.length);
        args[args.length - 1] = file.toString();
        FfmpegCli.ffmpeg(args);
        return Files.readAllBytes(file);
    }

    @Test
    void everyFormatsHeaderGivesItsSize() throws Exception {
        ImageHeader expected = new ImageHeader(322, 124);
        assertEquals(expected, ImageHeader.of(ImageFormat.PNG, image("a.png")));
        assertEquals(expected, ImageHeader.of(ImageFormat.JPEG, image("a.jpg")));
        assertEquals(expected, ImageHeader.of(ImageFormat.WEBP, image("lossy.webp", "-c:v", "libwebp")));
        assertEquals(expected, ImageHeader.of(ImageFormat.WEBP, image("lossless.webp", "-c:v", "libwebp",
                "-lossless", "1")));
        assertNull(ImageHeader.of(ImageFormat.PNG, new byte[10]));
    }

    @Test
    void theDecoderRefusesAPictureLargerThanItsBoundBeforeDecoding() throws Exception {
        byte[] jpeg = image("b.jpg");
        try (ImageDecoder small = new ImageDecoder(null, 322 * 124 - 1);
             ImageDecoder fits = new ImageDecoder(null, 322 * 124)) {
            AvRefusedException e = assertThrows(AvRefusedException.class, () -> small.decode(jpeg));
            assertTrue(e.getMessage().contains("322x124") && e.getMessage().contains("maxPixels=39927"), e.getMessage());
            assertEquals(322, fits.decode(jpeg).width());
        }
    }
}
