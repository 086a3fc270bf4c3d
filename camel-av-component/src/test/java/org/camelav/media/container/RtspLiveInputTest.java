package org.camelav.media.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.camelav.media.AvException;
import org.camelav.media.AvIoException;
import org.camelav.media.AvNotFoundException;
import org.camelav.media.AvTimeoutException;
import org.camelav.media.MediaItem;
import org.camelav.media.MediaType;
import org.camelav.media.StreamInfo;
import org.camelav.media.audio.AudioFrame;
import org.camelav.media.video.VideoFrame;
import org.camelav.testsupport.RtspCameraServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The media layer against a real RTSP camera (GStreamer's RTSP server on 127.0.0.1): live reading over TCP and UDP,
 * Basic auth, and what a reader does when the camera crashes, comes back or hangs. Timings go to the test output as
 * {@code MEASURED} lines.
 */
class RtspLiveInputTest {

    private static ReaderOptions options(String url, String transport, long timeoutMillis) {
        ReaderOptions o = ReaderOptions.builder(url).formatOptions(Map.of("rtsp_transport", transport))
                .timeoutMillis(timeoutMillis).build();
        return o;
    }

    private static VideoFrame nextVideo(MediaReader r) {
        MediaItem item = r.next();
        assertNotNull(item, "the live stream ended early");
        return assertInstanceOfVideo(item);
    }

    private static VideoFrame assertInstanceOfVideo(MediaItem item) {
        assertTrue(item instanceof VideoFrame, "expected a video frame, got " + item);
        return (VideoFrame) item;
    }

    private static void measured(String what, Object... args) {
        System.out.println("MEASURED " + String.format(what, args));
    }

    private static long ms(long sinceNanos) {
        return (System.nanoTime() - sinceNanos) / 1_000_000;
    }

    @ParameterizedTest
    @ValueSource(strings = { "tcp", "udp" })
    void reads50LiveFramesWithIncreasingPts(String transport) {
        try (RtspCameraServer cam = RtspCameraServer.start()) {
            long t0 = System.nanoTime();
            try (MediaReader r = MediaReader.open(options(cam.url("/test"), transport, 10_000))) {
                long opened = ms(t0);
                assertFalse(r.input().isFinite(), "an RTSP camera is live");
                StreamInfo v = r.selectedStreams().get(0);
                assertEquals("h264", v.codecName());
                List<VideoFrame> frames = new ArrayList<>();
                frames.add(nextVideo(r));
                long first = ms(t0);
                while (frames.size() < 50) {
                    frames.add(nextVideo(r));
                }
                long all = ms(t0);
                long last = Long.MIN_VALUE;
                for (int i = 0; i < frames.size(); i++) {
                    VideoFrame f = frames.get(i);
                    assertEquals(320, f.width());
                    assertEquals(240, f.height());
                    if (i == 0 && f.pts() == null) {
                        continue; // FFmpeg gives the first frame after joining a live RTP stream no pts (ffprobe too)
                    }
                    assertNotNull(f.pts(), "frame " + i + " has no pts");
                    assertTrue(f.pts() > last, "pts must increase: " + f.pts() + " after " + last + " at frame " + i);
                    last = f.pts();
                }
                measured("rtsp %s (%s): open %d ms, first frame %d ms after open started, 50 frames %d ms;"
                         + " first frame pts=%s, second pts=%s", transport, cam.videoEncoder(), opened, first, all,
                        frames.get(0).pts(), frames.get(1).pts());
            }
        }
    }

    @Test
    void audioMountCarriesAacBesideTheVideo() {
        try (RtspCameraServer cam = RtspCameraServer.start()) {
            ReaderOptions o = options(cam.url("/audio"), "tcp", 10_000);
            o = o.toBuilder().streams("all").build();
            try (MediaReader r = MediaReader.open(o)) {
                List<StreamInfo> streams = r.selectedStreams();
                assertEquals(2, streams.size(), streams.toString());
                StreamInfo a = streams.stream().filter(s -> s.mediaType() == MediaType.AUDIO).findFirst().orElseThrow();
                assertEquals("aopus".equals(cam.audioEncoder()) ? "opus" : "aac", a.codecName());
                assertEquals(48000, a.sampleRate());
                boolean video = false;
                boolean audio = false;
                for (int i = 0; i < 200 && !(video && audio); i++) {
                    MediaItem item = r.next();
                    assertNotNull(item);
                    video |= item instanceof VideoFrame;
                    audio |= item instanceof AudioFrame;
                }
                assertTrue(video && audio, "both video and audio frames arrive");
            }
        }
    }

    @Test
    void basicAuthIsRequiredAndThePasswordNeverReachesTheMessage() {
        String user = "camuser";
        String password = "S3cretPw42";
        try (RtspCameraServer cam = RtspCameraServer.start(user, password)) {
            AvException none = assertThrows(AvException.class,
                    () -> MediaReader.open(options(cam.url("/test"), "tcp", 10_000)).close());
            assertTrue(none.getMessage().contains("401") && none.getMessage().contains("Unauthorized"), none.getMessage());
            assertInstanceOf(AvIoException.class, none);

            AvException wrong = assertThrows(AvException.class,
                    () -> MediaReader.open(options(cam.url("/test", user, "WrongPw777"), "tcp", 10_000)).close());
            assertTrue(wrong.getMessage().contains("401"), wrong.getMessage());
            assertFalse(wrong.getMessage().contains("WrongPw777"), wrong.getMessage());
            assertFalse(wrong.getUrl().contains("WrongPw777"), wrong.getUrl());
            assertTrue(wrong.getMessage().contains(user + ":xxxxxx@"), wrong.getMessage());

            try (MediaReader r = MediaReader.open(options(cam.url("/test", user, password), "tcp", 10_000))) {
                for (int i = 0; i < 5; i++) {
                    assertEquals(320, nextVideo(r).width());
                }
            }

            // authenticated, but a mount that does not exist: the error still hides the right password
            AvException missing = assertThrows(AvException.class,
                    () -> MediaReader.open(options(cam.url("/nosuch", user, password), "tcp", 10_000)).close());
            assertTrue(missing.getMessage().contains("404"), missing.getMessage());
            assertInstanceOf(AvNotFoundException.class, missing);
            assertFalse(missing.getMessage().contains(password), missing.getMessage());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "tcp", "udp" })
    void crashEndsTheReaderAndARestartedCameraServesAgain(String transport) {
        try (RtspCameraServer cam = RtspCameraServer.start()) {
            assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
                try (MediaReader r = MediaReader.open(options(cam.url("/test"), transport, 10_000))) {
                    for (int i = 0; i < 10; i++) {
                        nextVideo(r);
                    }
                    long t0 = System.nanoTime();
                    cam.kill();
                    long killed = ms(t0);
                    int after = 0;
                    String outcome;
                    try {
                        while (r.next() != null) {
                            after++;
                        }
                        outcome = "next() returned null";
                    } catch (AvException e) {
                        outcome = "AvException: " + e.getMessage() + " (interrupted=" + e.isInterrupted() + ")";
                    }
                    long ended = ms(t0);
                    measured("rtsp %s kill -9: SIGKILL took %d ms; reader ended after %d ms with %d more frames: %s",
                            transport, killed, ended, after, outcome);
                    assertTrue(ended < 5_000, "a crashed camera must end the read within 5 s, took " + ended + " ms");
                }

                AvException refused = assertThrows(AvException.class,
                        () -> MediaReader.open(options(cam.url("/test"), transport, 5_000)).close());
                assertTrue(refused.getMessage().contains("Connection refused"), refused.getMessage());
                assertInstanceOf(AvIoException.class, refused);

                long t1 = System.nanoTime();
                cam.restart();
                long up = ms(t1);
                try (MediaReader r = MediaReader.open(options(cam.url("/test"), transport, 10_000))) {
                    for (int i = 0; i < 10; i++) {
                        assertEquals(320, nextVideo(r).width());
                    }
                }
                measured("rtsp %s restart on port %d: listening after %d ms, 10 frames after %d ms", transport,
                        cam.port(), up, ms(t1));
            });
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "tcp", "udp" })
    void frozenCameraTimesOutInsteadOfHanging(String transport) {
        try (RtspCameraServer cam = RtspCameraServer.start()) {
            assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
                try (MediaReader r = MediaReader.open(options(cam.url("/test"), transport, 2_000))) {
                    for (int i = 0; i < 10; i++) {
                        nextVideo(r);
                    }
                    long t0 = System.nanoTime();
                    cam.freeze();
                    int after = 0;
                    long lastFrame = 0;
                    AvException e = null;
                    try {
                        while (r.next() != null) {
                            after++;
                            lastFrame = ms(t0);
                        }
                    } catch (AvException ex) {
                        e = ex;
                    }
                    long took = ms(t0);
                    long c0 = System.nanoTime();
                    r.close();
                    long closed = ms(c0);
                    measured("rtsp %s freeze (SIGSTOP), timeout 2000 ms: read failed after %d ms (%d buffered frames"
                             + " first, the last at %d ms), close took %d ms: %s", transport, took, after, lastFrame,
                            closed, e);
                    if (e == null) {
                        fail("next() returned null on a frozen camera instead of timing out");
                    }
                    assertTrue(e.isInterrupted(), e.getMessage());
                    assertInstanceOf(AvTimeoutException.class, e);
                    assertTrue(e.getMessage().contains("timed out"), e.getMessage());
                    // one timeout, not two: the frame FFmpeg's parser flushes on the failed read comes first, then the error
                    assertTrue(took >= 1_900 && took < 4_000, "timeout after ~2 s expected, took " + took + " ms");
                }
                cam.thaw();
                try (MediaReader r = MediaReader.open(options(cam.url("/test"), transport, 10_000))) {
                    for (int i = 0; i < 10; i++) {
                        assertEquals(320, nextVideo(r).width());
                    }
                }
            });
        }
    }
}
