package org.camelav.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class LowLatencyReaderTest {

    @Test
    void liveFramesArriveScaledToBgr24At1280x720WithoutQueueing() throws Exception {
        List<LowLatencyReader.Sample> samples;
        try (LocalCamera camera = LocalCamera.http("640x360", 25, 20)) {
            samples = LowLatencyReader.run(camera.url(), 4, 100);
        }
        assertEquals(100, samples.size(), "maxFrames=100 frames of a 25 fps camera");
        for (LowLatencyReader.Sample s : samples) {
            assertEquals(List.of(1280, 720, "bgr24", 1280 * 720 * 3),
                    List.of(s.width(), s.height(), s.pixelFormat(), s.bytes()), "frame " + s.index());
        }
        for (int i = 1; i < samples.size(); i++) {
            assertTrue(samples.get(i).time() > samples.get(i - 1).time(), "media time increases");
        }
        double elapsed = (samples.get(99).arrivalNanos() - samples.get(0).arrivalNanos()) / 1e9;
        double mediaSpan = samples.get(99).time() - samples.get(0).time();
        assertEquals(99 / 25.0, mediaSpan, 0.01, "no frame lost between the first and the last");
        assertTrue(elapsed > mediaSpan * 0.8, "frames come at the camera's pace (a live source): " + elapsed + " s");
        double[] lat = samples.stream().mapToDouble(LowLatencyReader.Sample::latencyMillis).sorted().toArray();
        double median = lat[lat.length / 2];
        double p95 = lat[(int) (lat.length * 0.95)];
        System.out.printf("latency median %.1f ms, p95 %.1f ms, max %.1f ms, %d frames in %.2f s%n", median, p95,
                lat[lat.length - 1], lat.length, elapsed);
        // nothing queues up: a buffering reader would show latency growing by a frame (40 ms) per frame behind
        assertTrue(median < 50, "median latency " + median + " ms; all: " + Arrays.toString(lat));
        assertTrue(p95 < 250, "95th percentile latency " + p95 + " ms");
    }
}
