package org.camelav.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.camel.CamelExecutionException;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.camelav.media.AvException;
import org.camelav.media.MediaType;
import org.camelav.media.StreamInfo;
import org.camelav.media.container.MediaInfo;
import org.camelav.media.container.MediaOperations;
import org.camelav.media.container.ReaderOptions;
import org.camelav.media.container.WriterOptions;
import org.camelav.testsupport.FfmpegCli;
import org.camelav.testsupport.RtspCameraServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * One-shot operations on a live RTSP camera: a live input has no end, so each must return from what it needs (the
 * stream info, one key frame, the asked duration) rather than read on for ever.
 */
@Timeout(60) // each: the bug this guards against was a probe that never returned
class LiveOperationsTest extends CamelTestSupport {

    private static RtspCameraServer cam;

    @BeforeAll
    static void camera() {
        cam = RtspCameraServer.start();
    }

    @AfterAll
    static void stopCamera() {
        if (cam != null) {
            cam.close();
        }
    }

    @Test
    void probeOfALiveCameraReturnsTheStreamInfoWithinSeconds() {
        long t0 = System.nanoTime();
        MediaInfo info = template.requestBody("av:" + cam.url("/audio") + "?operation=probe&timeout=5000", null,
                MediaInfo.class);
        double took = (System.nanoTime() - t0) / 1e9;
        System.out.printf("MEASURED probe of a live RTSP camera: %.3f s%n", took);
        StreamInfo video = info.first(MediaType.VIDEO);
        assertEquals("h264", video.codecName());
        assertEquals(0, video.frames(), "a live stream's frame count is unknown: 0, as PyAV says");
        assertNull(info.durationSeconds());
        assertTrue(took < 10, "probe took " + took + " s");
    }

    @Test
    void thumbnailOfALiveCameraIsItsFirstKeyFrame() {
        long t0 = System.nanoTime();
        byte[] jpeg = template.requestBody("av:" + cam.url("/test") + "?operation=thumbnail&timeout=5000", null,
                byte[].class);
        double took = (System.nanoTime() - t0) / 1e9;
        System.out.printf("MEASURED thumbnail of a live RTSP camera: %.3f s%n", took);
        assertTrue(jpeg.length > 100 && (jpeg[0] & 0xff) == 0xff && (jpeg[1] & 0xff) == 0xd8, "a JPEG");
        assertTrue(took < 10, "thumbnail took " + took + " s");
    }

    @Test
    void transcodeOfALiveCameraStopsAtItsDuration() throws Exception {
        Path out = Path.of("target", "live-operations", "two-seconds.mp4");
        Files.createDirectories(out.getParent());
        Files.deleteIfExists(out);
        long t0 = System.nanoTime();
        long frames = MediaOperations.transcode(ReaderOptions.builder(cam.url("/test")).timeoutMillis(5000)
                .duration(2.0).build(), WriterOptions.builder(out.toString()).codec("mpeg4").build());
        double took = (System.nanoTime() - t0) / 1e9;
        System.out.printf("MEASURED transcode duration=2 of a live RTSP camera: %.3f s, %d frames%n", took, frames);
        assertTrue(took < 10, "transcode took " + took + " s");
        long written = FfmpegCli.countFrames(out, "v:0");
        assertTrue(written >= 45 && written <= 52, "2 s of 25 fps: " + written);
    }

    @Test
    void transcodeOfALiveCameraWithoutABoundIsRefused() {
        long t0 = System.nanoTime();
        AvException e = assertThrows(AvException.class, () -> MediaOperations.transcode(
                ReaderOptions.builder(cam.url("/test")).timeoutMillis(5000).build(),
                WriterOptions.builder("target/live-operations/unbounded.mp4").codec("mpeg4").build()));
        assertTrue(e.getMessage().contains("duration="), e.getMessage());
        assertTrue((System.nanoTime() - t0) / 1e9 < 10);
    }

    @Test
    void aLiveProbeFailureStillReachesTheRoute() {
        CamelExecutionException e = assertThrows(CamelExecutionException.class, () -> template.requestBody(
                "av:" + cam.url("/nosuchmount") + "?operation=probe&timeout=5000", (Object) null));
        assertInstanceOf(AvException.class, e.getCause());
    }
}
