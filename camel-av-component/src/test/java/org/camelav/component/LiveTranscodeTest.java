package org.camelav.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.camelav.live.LiveView;
import org.camelav.live.LiveViewer;
import org.camelav.media.AvUnsupportedException;
import org.camelav.testsupport.Await;
import org.camelav.testsupport.FfmpegCli;
import org.camelav.testsupport.HttpTsCamera;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An MJPEG camera with G.711 (mu-law) audio, played at its own pace by a packets consumer, watched live: one H.264
 * transcoder (the build's libopenh264) and one Opus transcoder serve every viewer of the camera, they start with the
 * first viewer and stop when the last one leaves, and ffprobe reads the viewer's fragmented MP4 as H.264 + Opus.
 */
class LiveTranscodeTest extends CamelTestSupport {

    private static final Path CAMERA = Path.of("target", "live-transcode", "mjpeg-ulaw.mkv");
    private static final Path H264_ALAW = CAMERA.resolveSibling("h264-alaw.mkv");
    private static final Path HUGE = CAMERA.resolveSibling("mjpeg-4096.mkv");

    @BeforeAll
    static void camera() throws Exception {
        Files.createDirectories(CAMERA.getParent());
        // 12 s of 640x360@25 MJPEG (yuvj420p, every picture a key frame) with 8 kHz mono G.711 mu-law
        FfmpegCli.ffmpeg("-f", "lavfi", "-i", "testsrc2=s=640x360:r=25:d=12", "-f", "lavfi", "-i",
                "sine=f=440:r=8000:d=12", "-c:v", "mjpeg", "-q:v", "5", "-c:a", "pcm_mulaw", CAMERA.toString());
        // an H.264 camera (GOP 1 s) with G.711 A-law: the picture is copied, the audio becomes Opus
        FfmpegCli.ffmpeg("-f", "lavfi", "-i", "testsrc2=s=320x240:r=25:d=12", "-f", "lavfi", "-i",
                "sine=f=440:r=8000:d=12", "-c:v", "libopenh264", "-g", "25", "-c:a", "pcm_alaw", H264_ALAW.toString());
        // 4096x4096 MJPEG, larger than libopenh264 encodes: the transcoder fails
        FfmpegCli.ffmpeg("-f", "lavfi", "-i", "color=gray:s=4096x4096:r=5:d=30", "-c:v", "mjpeg", "-q:v", "31",
                HUGE.toString());
    }

    private static String source() {
        return source(CAMERA);
    }

    private static String source(Path file) {
        return "av:file:" + file.toAbsolutePath();
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from(source() + "?mode=packets&streams=best&realtime=true").routeId("camera").stop();
                from(source(H264_ALAW) + "?mode=packets&streams=best&realtime=true").routeId("h264").stop();
                from(source(HUGE) + "?mode=packets&realtime=true").routeId("huge").stop();
            }
        };
    }

    private LiveView view() throws InterruptedException {
        return view(CAMERA);
    }

    private LiveView view(Path file) throws InterruptedException {
        AvComponent av = context.getComponent("av", AvComponent.class);
        String url = context.getEndpoint(source(file) + "?operation=live", AvEndpoint.class).getUrl();
        Await.until("the camera's reader", 10, () -> av.liveViews().find(url) != null);
        return av.liveViews().find(url);
    }

    private Exchange watch(String options) {
        return watch(CAMERA, options);
    }

    private Exchange watch(Path file, String options) {
        return template.request(source(file) + "?operation=live&timeout=5000" + options, e -> {
        });
    }

    @Test
    void anMjpegCameraIsTranscodedOnceForAllItsViewersAndStopsWithTheLast() throws Exception {
        LiveView view = view();
        Thread.sleep(1000); // the camera reads on with nobody watching: what that costs, for the figure below
        long idleCpu = processCpuNanos();
        long idleT0 = System.nanoTime();
        Thread.sleep(3000);
        double idle = (processCpuNanos() - idleCpu) / (double) (System.nanoTime() - idleT0);
        assertEquals(0, view.transcoders(), "nobody watches: nothing transcoded");
        Exchange first = watch("");
        assertInstanceOf(LiveViewer.class, first.getMessage().getBody(), () -> String.valueOf(first.getException()));
        String type = first.getMessage().getHeader(Exchange.CONTENT_TYPE, String.class);
        assertTrue(type.startsWith("video/mp4; codecs=\"avc1.") && type.endsWith(",opus\""), type);
        Exchange second = watch("");
        Exchange videoOnly = watch("&liveAudio=false");
        LiveViewer a = first.getMessage().getBody(LiveViewer.class);
        LiveViewer b = second.getMessage().getBody(LiveViewer.class);
        LiveViewer c = videoOnly.getMessage().getBody(LiveViewer.class);
        String videoType = videoOnly.getMessage().getHeader(Exchange.CONTENT_TYPE, String.class);
        assertTrue(videoType.matches("video/mp4; codecs=\"avc1\\.[0-9A-F]{6}\""), videoType);

        ByteArrayOutputStream got = new ByteArrayOutputStream();
        ByteArrayOutputStream gotB = new ByteArrayOutputStream();
        long cpuBefore = processCpuNanos();
        long t0 = System.nanoTime();
        while (System.nanoTime() - t0 < 4_000_000_000L) { // 4 s of live video, all three viewers read
            for (byte[] x; (x = a.poll()) != null;) {
                got.writeBytes(x);
            }
            for (byte[] x; (x = b.poll()) != null;) {
                gotB.writeBytes(x);
            }
            while (c.poll() != null) {
                // read, not kept
            }
            Thread.sleep(20);
        }
        double cpu = (processCpuNanos() - cpuBefore) / (double) (System.nanoTime() - t0);
        assertEquals(2, view.transcoders(), "one video and one audio transcoder while three people watch");
        assertEquals(2, view.transcodersStarted(), "started once each, for all the viewers");
        System.out.printf("MEASURED live transcode 640x360@25 MJPEG + G.711 mu-law, 3 viewers: process %.0f%% of one"
                          + " core (reader, MJPEG decode, libopenh264, Opus, 2 muxers) against %.0f%% with nobody watching;"
                          + " load average %.2f, %d cores%n", cpu * 100, idle * 100,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors());

        a.close();
        b.close();
        assertEquals(1, view.transcoders(), "the video-only viewer still watches: video goes on, audio stopped");
        c.close();
        assertEquals(0, view.transcoders(), "the last viewer gone: no transcoder left");
        long fragments = view.transcoded(false).fragments();
        Thread.sleep(300);
        assertEquals(fragments, view.transcoded(false).fragments(), "nothing encoded for nobody");

        Path file = CAMERA.resolveSibling("viewer.mp4");
        Files.write(file, got.toByteArray());
        assertEquals(List.of("h264", "opus"), FfmpegCli.probeValues(file, "", "stream=codec_name"));
        assertEquals(List.of("640", "360", "yuv420p"),
                FfmpegCli.probeValues(file, "v:0", "stream=width,height,pix_fmt"));
        long frames = FfmpegCli.countFrames(file, "v:0");
        assertTrue(frames >= 80, "pictures in 4 s at 25 fps: " + frames);
        assertTrue(FfmpegCli.countFrames(file, "a:0") >= 100, "20 ms Opus frames");
        long keys = FfmpegCli.countKeyFrames(file);
        assertTrue(keys >= 3 && keys <= 7, "a key frame a second, not every MJPEG picture: " + keys);
        assertTrue(gotB.size() > got.size() / 2, "the second viewer got the same stream: " + gotB.size());
        assertEquals(0, FfmpegCli.probeValues(file, "v:0", "stream=has_b_frames").stream()
                .filter(v -> !v.equals("0")).count(), "no B-frames");

        // a new viewer starts a new transcoder
        Exchange again = watch("&liveAudio=false");
        LiveViewer d = again.getMessage().getBody(LiveViewer.class);
        assertEquals(1, view.transcoders());
        assertEquals(3, view.transcodersStarted());
        d.close();
        assertEquals(0, view.transcoders());
    }

    @Test
    void neverRefusesWhatBrowsersCannotPlay() throws Exception {
        view();
        Exchange e = watch("&liveTranscode=never");
        AvUnsupportedException why = assertInstanceOf(AvUnsupportedException.class, e.getException());
        assertTrue(why.getMessage().contains("mjpeg"), why.getMessage());
    }

    @Test
    void anH264CameraWithG711KeepsItsPictureAndGetsOpus() throws Exception {
        LiveView view = view(H264_ALAW);
        Exchange e = watch(H264_ALAW, "");
        LiveViewer v = assertInstanceOf(LiveViewer.class, e.getMessage().getBody(),
                () -> String.valueOf(e.getException()));
        String type = e.getMessage().getHeader(Exchange.CONTENT_TYPE, String.class);
        assertTrue(type.matches("video/mp4; codecs=\"avc1\\.[0-9A-F]{6},opus\""), type);
        assertEquals(1, view.transcoders(), "audio only: the H.264 pictures are copied");
        Exchange always = watch(H264_ALAW, "&liveTranscode=always&liveAudio=false");
        LiveViewer w = always.getMessage().getBody(LiveViewer.class);
        assertEquals(2, view.transcoders(), "always: the H.264 is encoded again too");
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        long t0 = System.nanoTime();
        while (System.nanoTime() - t0 < 3_000_000_000L) {
            for (byte[] x; (x = v.poll()) != null;) {
                got.writeBytes(x);
            }
            while (w.poll() != null) {
                // read, not kept
            }
            Thread.sleep(20);
        }
        long encodedFragments = view.transcoded(false).fragments();
        v.close();
        w.close();
        assertEquals(0, view.transcoders());
        assertTrue(encodedFragments >= 50, "the always viewer's pictures: " + encodedFragments);
        Path file = CAMERA.resolveSibling("h264-viewer.mp4");
        Files.write(file, got.toByteArray());
        assertEquals(List.of("h264", "opus"), FfmpegCli.probeValues(file, "", "stream=codec_name"));
        assertEquals(List.of("320", "240"), FfmpegCli.probeValues(file, "v:0", "stream=width,height"));
        assertTrue(FfmpegCli.countFrames(file, "v:0") >= 60, "pictures in 3 s");
        assertTrue(FfmpegCli.countFrames(file, "a:0") >= 75, "20 ms Opus frames in 3 s");
    }

    @Test
    void aTranscoderThatFailsEndsItsViewersWithTheReasonAndTheCameraGoesOn() throws Exception {
        LiveView view = view(HUGE);
        Exchange e = watch(HUGE, "&liveAudio=false");
        Exception failed = e.getException();
        assertInstanceOf(AvUnsupportedException.class, failed, () -> String.valueOf(failed));
        assertTrue(failed.getMessage().startsWith("Live transcoding failed"), failed.getMessage());
        assertEquals(0, view.transcoders(), "the failed transcoder is closed");
        assertEquals(1, view.transcodersStarted());
        assertTrue(context.getRouteController().getRouteStatus("huge").isStarted(), "the camera route goes on");
        assertTrue(view.snapshot(org.camelav.media.video.ImageFormat.JPEG, 80, 5000).length > 0,
                "snapshots still work");
    }

    @Test
    void aCameraThatReconnectsGetsANewTranscoderAndItsViewerGoesOn() throws Exception {
        try (HttpTsCamera cam = new HttpTsCamera().start()) { // MPEG-4 Part 2 over HTTP: no browser plays it
            String camera = "av:" + cam.url();
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from(camera + "?mode=packets&reconnect=true&reconnectDelay=200").routeId("mpeg4").stop();
                }
            });
            AvComponent av = context.getComponent("av", AvComponent.class);
            String url = context.getEndpoint(camera + "?operation=live", AvEndpoint.class).getUrl();
            Await.until("the camera's reader", 10, () -> av.liveViews().find(url) != null);
            LiveView view = av.liveViews().find(url);
            Exchange e = template.request(camera + "?operation=live&timeout=10000&liveAudio=false", x -> {
            });
            LiveViewer v = assertInstanceOf(LiveViewer.class, e.getMessage().getBody(),
                    () -> String.valueOf(e.getException()));
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            Await.until("pictures", 10, () -> drain(v, got) && view.transcoded(false).fragments() > 25);
            long before = view.transcoded(false).fragments();
            cam.kill(); // the camera drops off the network and comes back: timestamps start over
            Thread.sleep(500);
            cam.start();
            Await.until("pictures after the reconnect", 30,
                    () -> drain(v, got) && view.transcodersStarted() >= 2
                          && view.transcoded(false).fragments() > before + 25);
            drain(v, got);
            assertEquals(false, v.isClosed(), "the viewer's stream goes on over the reconnect");
            String text = got.toString(java.nio.charset.StandardCharsets.ISO_8859_1);
            assertTrue(text.split("ftyp", -1).length - 1 >= 2, "a new init segment after the reconnect");
            assertEquals(1, view.transcoders(), "the old transcoder closed, a new one runs");
            v.close();
            assertEquals(0, view.transcoders());
        }
    }

    private static boolean drain(LiveViewer v, ByteArrayOutputStream to) {
        for (byte[] x; (x = v.poll()) != null;) {
            to.writeBytes(x);
        }
        return true;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
