package org.camelav.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.camelav.media.MediaItem;
import org.camelav.media.container.MediaReader;
import org.camelav.media.container.ReaderOptions;
import org.camelav.media.video.VideoFrame;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The one-shot receiver takes a publisher's stream and writes it unchanged: what producer tests will check. */
class RtspReceiverTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = { "tcp", "udp" })
    void recordsWhatAPublisherSends(String transport) {
        Path clip = TestMedia.clip("av-75.mp4", 75, 25, true);
        Path out = dir.resolve("received.mkv");
        long t0 = System.nanoTime();
        try (RtspReceiver rx = RtspReceiver.start(out, transport)) {
            long listening = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(rx.isRunning(), "still waiting for its publisher after the readiness check");
            // the bundled ffmpeg publishes the 3 s clip in real time, as the component's producer will
            FfmpegCli.ffmpeg("-re", "-i", clip.toString(), "-c", "copy", "-f", "rtsp", "-rtsp_transport", transport,
                    rx.url());
            assertEquals(0, rx.awaitExit(Duration.ofSeconds(30)), rx.log());
            System.out.printf("MEASURED rtsp receiver %s: listening after %d ms, publish + receive %d ms%n", transport,
                    listening, (System.nanoTime() - t0) / 1_000_000);
        }
        assertTrue(Files.exists(out));
        assertEquals(List.of("mpeg4"), FfmpegCli.probeValues(out, "v", "stream=codec_name"));
        assertEquals(List.of("aac"), FfmpegCli.probeValues(out, "a", "stream=codec_name"));
        long frames = 0;
        try (MediaReader r = MediaReader.open(ReaderOptions.of(out.toString()))) {
            MediaItem item;
            while ((item = r.next()) != null) {
                assertEquals(320, ((VideoFrame) item).width());
                frames++;
            }
        }
        assertEquals(75, frames, "every published frame arrived");
    }
}
