package org.camelav.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.apache.camel.Exchange;
import org.camelav.testsupport.FfmpegCli;
import org.camelav.testsupport.RtspCameraServer;
import org.junit.jupiter.api.Test;

class MotionEventsTest {

    @Test
    void eventsComeOnlyWhileThePictureMovesAtTheFramesFfmpegSelects() throws Exception {
        Path clip = MotionEvents.generateMotionClip(Path.of("target", "motion", "motion.mp4"));
        // paced like a camera: 11 s of still (0-4 s), moving (4-7 s), still (7-11 s)
        List<Exchange> events = MotionEvents.run(clip + "?realtime=true", MotionEvents.GENERATED_THRESHOLD, false,
                null, 40);

        List<Double> times = events.stream().map(MotionEvents::time).toList();
        assertTrue(times.size() >= 2, "one event a second of motion: " + times);
        for (double t : times) {
            assertTrue(t > 4.0 && t < 7.0, "an event outside the motion interval [4, 7] s: " + times);
        }
        // the oracle: ffmpeg's own select on the same graph picks the same frames
        String graph = "movie=" + clip + ",scale=160:-2,format=gray,select='gt(scene\\,"
                + MotionEvents.GENERATED_THRESHOLD + ")*(isnan(prev_selected_t)+gte(t-prev_selected_t\\,1))'";
        List<Double> expected = Arrays.stream(FfmpegCli.ffprobe("-f", "lavfi", "-i", graph, "-show_entries",
                "frame=pts_time", "-of", "default=nw=1:nk=1").trim().split("\\s+")).map(Double::valueOf).toList();
        assertEquals(expected.size(), times.size(), "ffmpeg " + expected + ", camel-av " + times);
        for (int i = 0; i < times.size(); i++) {
            assertEquals(expected.get(i), times.get(i), 0.001, "ffmpeg " + expected + ", camel-av " + times);
        }
        for (Exchange e : events) {
            // what a clip=true endpoint reacts to, and the low-resolution picture the detector looked at
            assertTrue(e.getMessage().getHeader("CamelAvTrigger", String.class).startsWith("motion at "));
            assertEquals(160, e.getMessage().getHeader("CamelAvWidth"));
            assertEquals(120, e.getMessage().getHeader("CamelAvHeight"));
            assertEquals("gray", e.getMessage().getHeader("CamelAvPixelFormat"));
        }
    }

    @Test
    void withAClipsFolderTheEventsCutOneExtendedClipOfTheCamerasPackets() throws Exception {
        Path clips = Examples.cleanDir(Path.of("target", "motion", "clips"), ".mp4");
        try (RtspCameraServer cam = RtspCameraServer.start(); AutoCloseable held = cam.prepared("/test")) {
            // the detector and the packets route connect at once: the mount must be prepared before (see prepared)
            // the test camera's picture is still: a threshold below every score makes each second an event
            List<Exchange> logged = MotionEvents.run(cam.url("/test"), "-1", true, clips, 8);
            assertEquals(List.of(), logged, "with clips the events go to the clip endpoint");
            assertEquals(3, cam.clients(), "the detector and the packets each have their session (+ the test's own)");
        }
        List<Path> written;
        try (var files = Files.list(clips)) {
            written = files.filter(p -> p.toString().endsWith(".mp4")).toList();
        }
        // events every second, each extending the open clip by postRoll=10: one clip, closed by the route's stop
        assertEquals(1, written.size(), "one clip: " + written);
        Path clip = written.get(0);
        assertTrue(clip.getFileName().toString().matches("motion-\\d{8}-\\d{6}\\.mp4"), clip.toString());
        assertEquals(List.of("h264", "320", "240"), FfmpegCli.probeValues(clip, "v:0", "stream=codec_name,width,height"));
        long frames = FfmpegCli.countFrames(clip, "v:0");
        assertTrue(frames >= 75 && frames <= 8 * 25, "the camera's packets since the first event: " + frames);
    }
}
