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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An MJPEG camera with G.711 (mu-law) audio, played at its own pace by a packets consumer, watched live: one H.264
 * transcoder (the build's libopenh264) and one Opus transcoder serve every viewer of the camera, they start with the
 * first viewer and stop when the last one leaves, and ffprobe reads the viewer's fragmented MP4 as H.264 + Opus.
 */
class LiveTranscodeTest extends CamelTestSupport {

    private static final Path CAMERA = Path.of("target", "live-transcode", "mjpeg-ulaw.mkv");

    @BeforeAll
    static void camera() throws Exception {
        Files.createDirectories(CAMERA.getParent());
        // 12 s of 640x360@25 MJPEG (yuvj420p, every picture a key frame) with 8 kHz mono G.711 mu-law
        FfmpegCli.ffmpeg("-f", "lavfi", "-i", "testsrc2=s=640x360:r=25:d=12", "-f", "lavfi", "-i",
                "sine=f=440:r=8000:d=12", "-c:v", "mjpeg", "-q:v", "5", "-c:a", "pcm_mulaw", CAMERA.toString());
    }

    private String source() {
        return "av:file:" + CAMERA.toAbsolutePath();
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from(source() + "?mode=packets&streams=best&realtime=true").routeId("camera").stop();
            }
        };
    }

    private LiveView view() throws InterruptedException {
        AvComponent av = context.getComponent("av", AvComponent.class);
        String url = context.getEndpoint(source() + "?operation=live", AvEndpoint.class).getUrl();
        Await.until("the camera's reader", 10, () -> av.liveViews().find(url) != null);
        return av.liveViews().find(url);
    }

    private Exchange watch(String options) {
        return template.request(source() + "?operation=live&timeout=5000" + options, e -> {
        });
    }

    @Test
    void anMjpegCameraIsTranscodedOnceForAllItsViewersAndStopsWithTheLast() throws Exception {
        LiveView view = view();
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
        System.out.printf("MEASURED live transcode 640x360@25 MJPEG + G.711: %.0f%% of one core for the whole process"
                          + " (reader, decode, libopenh264, Opus, muxers), load average %.2f%n", cpu * 100,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());

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

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
