package org.camelav.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.apache.logging.log4j.Level;
import org.camelav.media.FfmpegLog;
import org.camelav.testsupport.FfmpegCli;
import org.junit.jupiter.api.Test;

class QuietLogsTest {

    /** libopenh264's rate-control notes, which FFmpeg logs at AV_LOG_WARNING whenever the encoder opens. */
    private static final String WARNING = "[OpenH264]";

    @Test
    void componentLogLevelErrorSilencesFfmpegWarnings() throws Exception {
        Path clip = QuietLogs.mjpegClip(Path.of("target", "quiet-logs", "webcam.mkv"));
        assertEquals("yuvj420p", FfmpegCli.probeValues(clip, "v:0", "stream=pix_fmt").get(0));

        long loud;
        try (CapturedLog ffmpeg = new CapturedLog("org.camelav.ffmpeg")) {
            loud = QuietLogs.run(clip, "WARNING", clip.resolveSibling("loud.mkv"));
            assertTrue(ffmpeg.count(Level.WARN, WARNING) >= 1, "the warning reaches SLF4J as WARN: " + ffmpeg.events());
            assertEquals(0, ffmpeg.count(Level.WARN, "deprecated pixel format"), "full range is set explicitly");
        }
        long quiet;
        try (CapturedLog ffmpeg = new CapturedLog("org.camelav.ffmpeg")) {
            quiet = QuietLogs.run(clip, "ERROR", clip.resolveSibling("quiet.mkv"));
            assertEquals(FfmpegLog.Level.ERROR, FfmpegLog.getLevel(), "camel.component.av.log-level reached FFmpeg");
            assertEquals(0, ffmpeg.count(Level.WARN, WARNING), ffmpeg.events().toString());
            assertEquals(0, ffmpeg.events().stream().filter(e -> e.level().isLessSpecificThan(Level.WARN)).count(),
                    "nothing below ERROR: " + ffmpeg.events());
        }
        assertEquals(50, loud);
        assertEquals(loud, quiet, "the same frames either way");
    }
}
