package org.camelav.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.camel.Exchange;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.camelav.media.AvException;
import org.camelav.testsupport.FfmpegCli;
import org.camelav.testsupport.TestMedia;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Producer outputs, each checked with ffprobe. */
class AvProducerOutputsTest extends CamelTestSupport {

    private final Path dir = Path.of("target", "producer-outputs");

    @Override
    protected RouteBuilder createRouteBuilder() throws Exception {
        Files.createDirectories(dir);
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:raw").to("av:" + dir.resolve("raw.mp4") + "?codec=mpeg4&frameRate=10");
                from("direct:fail").to("av:/nonexistent-dir/sub/out.mp4?codec=mpeg4");
            }
        };
    }

    private void run(String from, String to, int exchanges) throws Exception {
        String id = "r" + System.nanoTime();
        // created before the route starts: a fast route may finish before the next line
        NotifyBuilder done = new NotifyBuilder(context).fromRoute(id).whenCompleted(exchanges).create();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(from).routeId(id).to(to);
            }
        });
        assertTrue(done.matches(60, TimeUnit.SECONDS), "route did not complete " + exchanges + " exchanges");
        context.getRouteController().stopRoute(id);
        context.removeRoute(id); // stops the producer: encoder flushed, trailer written
    }

    @ParameterizedTest
    // mkv's default codec is H.264 only in builds with libx264; this LGPL build's is mpeg4
    @CsvSource({ "out.mkv,, mpeg4", "out.webm,, vp9", "out.ts,, mpeg2video", "out.y4m,, rawvideo",
                 "out.mov, codec=mpeg4, mpeg4", "out.avi, codec=mjpeg, mjpeg" })
    void encodesToContainer(String file, String option, String codec) throws Exception {
        Path out = dir.resolve(file);
        Files.deleteIfExists(out);
        String opts = option == null ? "" : "?" + option.trim();
        run("av:testsrc2=size=160x120:rate=25?format=lavfi&maxFrames=20", "av:" + out + opts, 20);
        assertEquals(20, FfmpegCli.countFrames(out, "v:0"), file);
        // MPEG-TS lists its streams again under its program: compare the first stream entry
        assertEquals(List.of(codec.trim(), "160", "120"),
                FfmpegCli.probeValues(out, "v:0", "stream=codec_name,width,height").subList(0, 3));
    }

    @Test
    void rawPixelBytesWithHeadersBecomeVideo() throws Exception {
        int w = 64;
        int h = 48;
        for (int i = 0; i < 15; i++) {
            byte[] bgr = new byte[w * h * 3];
            java.util.Arrays.fill(bgr, (byte) (i * 16));
            template.sendBodyAndHeaders("direct:raw", bgr, Map.of(AvConstants.WIDTH, w, AvConstants.HEIGHT, h,
                    AvConstants.PIXEL_FORMAT, "bgr24"));
        }
        context.stop();
        Path out = dir.resolve("raw.mp4");
        assertEquals(15, FfmpegCli.countFrames(out, "v:0"));
        assertEquals(List.of("mpeg4", "64", "48"), FfmpegCli.probeValues(out, "v:0", "stream=codec_name,width,height"));
        assertEquals(1.5, Double.parseDouble(FfmpegCli.probeValues(out, "v:0", "format=duration").get(0)), 0.05,
                "frames without pts are numbered at frameRate=10");
    }

    @Test
    void videoAndAudioTogetherIntoOneFile() throws Exception {
        Path clip = TestMedia.clip("av-50.mp4", 50, 10, true);
        Path out = dir.resolve("av.mp4");
        Files.deleteIfExists(out);
        String selectAll = "av:" + clip + "?streams=video,audio";
        long items = 50 + FfmpegCli.probeValues(clip, "a:0", "frame=nb_samples").size();
        run(selectAll, "av:" + out + "?codec=mpeg4&audioCodec=aac", (int) items);
        assertEquals(List.of("mpeg4"), FfmpegCli.probeValues(out, "v", "stream=codec_name"));
        assertEquals(List.of("aac"), FfmpegCli.probeValues(out, "a", "stream=codec_name"));
        assertEquals(50, FfmpegCli.countFrames(out, "v:0"));
        long sourceSamples = FfmpegCli.probeValues(clip, "a:0", "frame=nb_samples").stream().mapToLong(Long::parseLong).sum();
        long outSamples = FfmpegCli.probeValues(out, "a:0", "frame=nb_samples").stream().mapToLong(Long::parseLong).sum();
        assertEquals(sourceSamples, outSamples, 1024, "every sample re-encoded (AAC pads the last frame)");
        double audioDuration = Double.parseDouble(FfmpegCli.probeValues(out, "a:0", "stream=duration").get(0));
        assertEquals(2.0, audioDuration, 0.1);
    }

    @Test
    void remuxesVideoAndAudioPackets() throws Exception {
        Path clip = TestMedia.clip("av-50.mp4", 50, 10, true);
        Path out = dir.resolve("av-remux.mkv");
        Files.deleteIfExists(out);
        long v = FfmpegCli.countPackets(clip, "v:0");
        long a = FfmpegCli.countPackets(clip, "a:0");
        run("av:" + clip + "?mode=packets&streams=all", "av:" + out, (int) (v + a));
        assertEquals(v, FfmpegCli.countPackets(out, "v:0"));
        assertEquals(a, FfmpegCli.countPackets(out, "a:0"));
        assertEquals(50, FfmpegCli.countFrames(out, "v:0"));
    }

    @Test
    void outputStartsAtZeroAfterASeek() throws Exception {
        Path clip = TestMedia.clip("v-60.mp4", 60, 12, false);
        Path out = dir.resolve("from-1s.mp4");
        Files.deleteIfExists(out);
        run("av:" + clip + "?startTime=1.0", "av:" + out + "?codec=mpeg4", 35);
        assertEquals(35, FfmpegCli.countFrames(out, "v:0"));
        List<String> ts = FfmpegCli.probeValues(out, "v:0", "frame=pts_time");
        assertEquals(0.0, Double.parseDouble(ts.get(0)), 1e-6);
        assertEquals(1.4, Double.parseDouble(FfmpegCli.probeValues(out, "v:0", "format=duration").get(0)), 0.05);
    }

    @Test
    void hlsOutputWritesPlaylistAndDecodableSegments() throws Exception {
        Path hls = dir.resolve("hls");
        Files.createDirectories(hls);
        try (var s = Files.list(hls)) {
            s.forEach(p -> p.toFile().delete());
        }
        Path playlist = hls.resolve("index.m3u8");
        run("av:testsrc2=size=160x120:rate=25?format=lavfi&maxFrames=125",
                "av:" + playlist + "?format=hls&codec=h264&gopSize=25&formatOptions.hls_time=1"
                                   + "&formatOptions.hls_list_size=0",
                125);
        String text = Files.readString(playlist);
        assertTrue(text.contains("#EXT-X-ENDLIST"), text);
        long segments = text.lines().filter(l -> l.endsWith(".ts")).count();
        assertTrue(segments >= 4, "about 5 one-second segments: " + text);
        assertEquals(125, FfmpegCli.countFrames(playlist, "v:0"));
    }

    @Test
    void unopenableOutputFailsTheExchangeAndTheRouteKeepsRunning() throws Exception {
        for (int i = 0; i < 2; i++) {
            Exchange e = template.request("direct:fail", x -> {
                x.getMessage().setBody(new byte[16 * 16 * 3]);
                x.getMessage().setHeaders(Map.of(AvConstants.WIDTH, 16, AvConstants.HEIGHT, 16, AvConstants.PIXEL_FORMAT,
                        "bgr24"));
            });
            AvException ex = assertInstanceOf(AvException.class, e.getException());
            assertTrue(ex.getMessage().contains("Output folder does not exist: /nonexistent-dir/sub"), ex.getMessage());
        }
        assertTrue(context.getRouteController().getRouteStatus(context.getRoutes().get(1).getId()).isStarted());
    }

    @Test
    void aLiveRouteStoppedMidStreamLeavesAPlayableFile() throws Exception {
        Path out = dir.resolve("stopped.mp4");
        Files.deleteIfExists(out);
        java.util.concurrent.atomic.AtomicLong n = new java.util.concurrent.atomic.AtomicLong();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                // no maxFrames: an endless live source, stopped from outside
                from("av:testsrc2=size=160x120:rate=25?format=lavfi&realtime=true").routeId("endless")
                        .to("av:" + out + "?codec=h264").process(e -> n.incrementAndGet());
            }
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (n.get() < 40) {
            assertTrue(System.nanoTime() < deadline);
            Thread.sleep(20);
        }
        context.getRouteController().stopRoute("endless");
        long frames = FfmpegCli.countFrames(out, "v:0");
        assertTrue(frames >= 40 && frames <= n.get(), "playable, with every frame written before the stop: " + frames
                                                       + " of " + n.get());
    }

    @Test
    void udpMpegTsOutThenIn() throws Exception {
        int port = org.camelav.testsupport.HttpTsCamera.freePort();
        java.util.List<Exchange> got = new java.util.concurrent.CopyOnWriteArrayList<>();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("av:udp://127.0.0.1:" + port + "?timeout=10000&formatOptions.probesize=500000")
                        .routeId("udp-in").process(got::add);
                from("av:testsrc2=size=160x120:rate=25?format=lavfi&realtime=true&maxFrames=150").routeId("udp-out")
                        .to("av:udp://127.0.0.1:" + port + "?format=mpegts&codec=mpeg4&gopSize=12"
                            + "&formatOptions.pkt_size=1316");
            }
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (got.size() < 50) {
            assertTrue(System.nanoTime() < deadline, "UDP frames received: " + got.size());
            Thread.sleep(50);
        }
        Exchange e = got.get(got.size() - 1);
        assertEquals(160, e.getMessage().getHeader(AvConstants.WIDTH));
        assertEquals("mpeg4", e.getMessage().getHeader(AvConstants.CODEC_NAME));
    }
}
