package org.camelav.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

import org.camelav.media.StreamInfo;
import org.camelav.media.container.MediaInput;
import org.junit.jupiter.api.Test;

class MainJobTest {

    @Test
    void writesPlayableMp4AndOneThumbnailPerSecond() throws Exception {
        Path out = Path.of("target", "main-job");
        Path mp4 = MainJob.run(out, 3);
        try (MediaInput in = MediaInput.open(mp4.toString(), null, null, 10_000)) {
            StreamInfo v = in.streams().get(0);
            assertEquals("h264", v.codecName());
            assertEquals(1280, v.width());
            assertEquals(720, v.height());
            assertEquals(90, v.frames());
            assertEquals(3.0, in.durationSeconds(), 0.1);
        }
        List<Path> thumbs;
        try (var s = Files.list(out.resolve("thumbs"))) {
            thumbs = s.sorted().toList();
        }
        assertTrue(thumbs.size() >= 3, "thumbnails: " + thumbs);
        BufferedImage img = ImageIO.read(thumbs.get(0).toFile());
        assertEquals(320, img.getWidth());
        assertEquals(180, img.getHeight());
    }
}
