package org.camelav.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;

import org.camelav.media.Ffmpeg;
import org.junit.jupiter.api.Test;

class SavingKeyframesTest {

    /** pts of the key frames, per the bundled ffprobe. */
    private static List<String> keyFramePts(Path video) throws Exception {
        Process p = Ffmpeg.cli(true, List.of("-v", "error", "-select_streams", "v:0", "-show_entries",
                "frame=key_frame,pts", "-of", "csv=p=0", video.toString())).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, out);
        List<String> pts = new ArrayList<>();
        for (String line : out.strip().split("\\R")) {
            String[] f = line.split(",");
            if (f[0].equals("1")) {
                pts.add(f[1]);
            }
        }
        return pts;
    }

    @Test
    void savesOneJpegPerKeyFrameNamedByPts() throws Exception {
        Path out = Path.of("target", "saving-keyframes");
        List<Path> jpegs = SavingKeyframes.run(out, null);
        List<String> keyPts = keyFramePts(out.resolve("source.mp4"));
        assertTrue(keyPts.size() >= 10, "10 s at 25 fps with a key frame every 25 frames: " + keyPts);
        assertEquals(keyPts.stream().map(p -> "keyframe-" + p + ".jpg").sorted().toList(),
                jpegs.stream().map(p -> p.getFileName().toString()).toList());
        for (Path jpeg : jpegs) {
            BufferedImage img = ImageIO.read(jpeg.toFile());
            assertEquals(List.of(640, 360), List.of(img.getWidth(), img.getHeight()), jpeg.toString());
        }
    }
}
