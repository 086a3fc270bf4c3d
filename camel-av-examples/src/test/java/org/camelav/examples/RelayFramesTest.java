package org.camelav.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.camelav.testsupport.FfmpegCli;
import org.junit.jupiter.api.Test;

class RelayFramesTest {

    @Test
    void callbackRunsOnEveryFrameAndItsWorkIsInTheOtherContainer() throws Exception {
        Path out = Path.of("target", "relay-frames", "relayed.mkv");
        long calls = RelayFrames.run(null, out);
        Path source = out.resolveSibling("source.mp4");

        assertEquals(100, calls, "one callback per frame of the 4 s, 25 fps source");
        assertEquals(100, FfmpegCli.countFrames(out, "v:0"), "every frame in the output");
        assertEquals(List.of("mpeg4", "640", "360", "matroska,webm"),
                List.of(FfmpegCli.probeValues(out, "v:0", "stream=codec_name").get(0),
                        FfmpegCli.probeValues(out, "v:0", "stream=width").get(0), FfmpegCli.probeValues(out, "v:0", "stream=height").get(0),
                        FfmpegCli.probeValues(out, "v:0", "format=format_name").get(0)));
        assertEquals(FfmpegCli.probeValues(source, "v:0", "frame=pts_time").stream().map(Double::parseDouble).toList(),
                FfmpegCli.probeValues(out, "v:0", "frame=pts_time").stream().map(Double::parseDouble).toList(),
                "timestamps pass through");
        for (int n : new int[] { 0, 57, 99 }) {
            byte[] src = FfmpegCli.bgr24Frame(source, n);
            byte[] dst = FfmpegCli.bgr24Frame(out, n);
            int stride = 640 * 3;
            // inside the mark: white in the output, whatever testsrc2 had there
            int inside = (16 * stride) + 16 * 3;
            assertTrue(min(dst, inside) > 230, "frame " + n + " marked: " + rgb(dst, inside));
            assertTrue(min(src, inside) < 200, "source frame " + n + " is not white there: " + rgb(src, inside));
            // well outside it: the picture as it was (within lossy coding)
            int outside = (200 * stride) + 320 * 3;
            for (int c = 0; c < 3; c++) {
                assertEquals(src[outside + c] & 0xff, dst[outside + c] & 0xff, 40, "frame " + n + " unchanged away from the mark");
            }
        }
    }

    private static int min(byte[] bgr, int i) {
        return Math.min(bgr[i] & 0xff, Math.min(bgr[i + 1] & 0xff, bgr[i + 2] & 0xff));
    }

    private static String rgb(byte[] bgr, int i) {
        return (bgr[i] & 0xff) + "," + (bgr[i + 1] & 0xff) + "," + (bgr[i + 2] & 0xff);
    }
}
