package org.camelav.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelExecutionException;
import org.apache.camel.ServiceStatus;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.camelav.media.FrameProps;
import org.camelav.media.MediaItem;
import org.camelav.media.MediaPacket;
import org.camelav.media.container.PacketRefusedException;
import org.camelav.media.container.ReaderOptions;
import org.camelav.testsupport.Await;
import org.camelav.testsupport.FfmpegCli;
import org.camelav.testsupport.TestMedia;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A plain producer never destroys what it wrote: a source whose timestamps restart is spliced onto the same file, a
 * changed stream continues in name-1, a refused packet fails only its exchange, an end of stream completes the file
 * while the route runs on, and no output of a run truncates another's file. Every file is checked with ffprobe.
 */
class NothingLostProducerTest extends CamelTestSupport {

    private Path dir;

    @BeforeEach
    void folder() throws Exception {
        dir = Files.createDirectories(Path.of("target", "nothing-lost", String.valueOf(System.nanoTime())));
    }

    private static List<MediaPacket> packets(Path file) {
        return packets(file, "best");
    }

    private static List<MediaPacket> packets(Path file, String streams) {
        List<MediaPacket> out = new ArrayList<>();
        for (MediaItem i : Await.readAll(ReaderOptions.builder(file.toString()).packets(true).streams(streams)
                .build())) {
            out.add((MediaPacket) i);
        }
        return out;
    }

    private static MediaPacket restarted(MediaPacket p, boolean marked) {
        FrameProps f = p.props();
        FrameProps cleared = new FrameProps(f.streamIndex(), f.pts(), f.dts(), f.duration(), f.timeBase(), f.keyFrame(),
                f.frameIndex(), f.stream(), f.streamGroup(), false, false);
        return p.withProps(marked ? cleared.withDiscontinuity() : cleared);
    }

    private void send(String uri, List<MediaPacket> ps, List<Long> sizes, Path out) throws Exception {
        for (MediaPacket p : ps) {
            template.sendBody(uri, p);
            if (sizes != null && Files.exists(out)) {
                sizes.add(Files.size(out));
            }
        }
    }

    private static void assertNeverShrank(List<Long> sizes) {
        for (int i = 1; i < sizes.size(); i++) {
            assertTrue(sizes.get(i) >= sizes.get(i - 1), "the file shrank after " + i + " packets: " + sizes.get(i - 1)
                                                         + " -> " + sizes.get(i));
        }
    }

    @Test
    void restartedTimestampsAreSplicedOntoTheSameFile() throws Exception {
        List<MediaPacket> clip = packets(TestMedia.clip("splice.mp4", 100, 25, false));
        assertEquals(100, clip.size());
        for (String ext : List.of("mkv", "mp4")) {
            Path out = dir.resolve("cam." + ext);
            String uri = "av:" + out;
            List<Long> sizes = new ArrayList<>();
            send(uri, clip, sizes, out);
            // the camera reconnected: timestamps restart at 0, unmarked (a clock reset) then marked (a reconnect)
            send(uri, clip.stream().map(p -> restarted(p, false)).toList(), sizes, out);
            List<MediaPacket> third = new ArrayList<>(clip);
            third.set(0, restarted(third.get(0), true));
            send(uri, third, sizes, out);
            stopProducers(uri);
            assertNeverShrank(sizes);
            assertEquals(300, FfmpegCli.countPackets(out, "v:0"), ext);
            List<String> pts = FfmpegCli.probeValues(out, "v:0", "packet=pts_time");
            assertEquals(300, pts.size());
            assertEquals(0.0, Double.parseDouble(pts.get(0)), 1e-3, ext);
            for (int i = 1; i < pts.size(); i++) {
                assertTrue(Double.parseDouble(pts.get(i)) > Double.parseDouble(pts.get(i - 1)),
                        ext + ": pts went back at packet " + i);
            }
            // spliced without a gap: 300 frames at 25 fps
            assertEquals(11.96, Double.parseDouble(pts.get(299)), 0.05, ext);
            assertEquals(300, FfmpegCli.countFrames(out, "v:0"), ext);
        }
    }

    private void stopProducers(String uri) throws Exception {
        AvEndpoint e = context.getEndpoint(uri, AvEndpoint.class);
        for (AvProducer p : List.copyOf(e.producers())) {
            p.stop();
        }
    }

    @Test
    void aChangedStreamContinuesInTheNextFile() throws Exception {
        List<MediaPacket> small = packets(TestMedia.clip("small.mkv", 30, 10, false));
        Path big = dir.resolve("big.mkv");
        FfmpegCli.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=640x480:rate=25", "-frames:v", "20", "-c:v", "mpeg4",
                "-g", "10", big.toString());
        List<MediaPacket> large = packets(big);
        Path out = dir.resolve("changed.mkv");
        String uri = "av:" + out;
        send(uri, small, null, null);
        send(uri, large.stream().map(p -> restarted(p, true)).toList(), null, null);
        stopProducers(uri);
        Path next = dir.resolve("changed-1.mkv");
        assertEquals(List.of("320", "240"), FfmpegCli.probeValues(out, "v:0", "stream=width,height"));
        assertEquals(30, FfmpegCli.countFrames(out, "v:0"));
        assertEquals(List.of("640", "480"), FfmpegCli.probeValues(next, "v:0", "stream=width,height"));
        assertEquals(20, FfmpegCli.countFrames(next, "v:0"));
    }

    @Test
    void aStreamThatNeverArrivesHoldsTheFileBackAtMostThreeSeconds() throws Exception {
        List<MediaPacket> av = packets(TestMedia.clip("announced.mp4", 125, 25, true), "all");
        List<MediaPacket> video = av.stream().filter(p -> p.mediaType() == org.camelav.media.MediaType.VIDEO).toList();
        assertEquals(2, video.get(0).streamGroup().size(), "the source announces audio too");
        Path out = dir.resolve("video-only.mkv");
        String uri = "av:" + out;
        send(uri, video.subList(0, 80), null, null); // 3.2 s of video, the audio never comes
        assertTrue(Files.exists(out) && Files.size(out) > 0, "the header was written after 3 s of media, not 500 items");
        send(uri, video.subList(80, video.size()), null, null);
        stopProducers(uri);
        assertTrue(FfmpegCli.probeValues(out, "a", "stream=index").isEmpty(), "the streams seen: video only");
        assertEquals(125, FfmpegCli.countFrames(out, "v:0"));
    }

    @Test
    void aRefusedPacketFailsOnlyItsExchange() throws Exception {
        List<MediaPacket> clip = packets(TestMedia.clip("refused.mp4", 50, 25, false));
        Path out = dir.resolve("refused.mkv");
        String uri = "av:" + out;
        send(uri, clip.subList(0, 20), null, null);
        MediaPacket p = clip.get(20);
        FrameProps f = p.props();
        // pts before dts: the muxer refuses the packet and writes nothing
        MediaPacket bad = p.withProps(new FrameProps(f.streamIndex(), f.dts() - 2 * f.duration(), f.dts(), f.duration(), f.timeBase(),
                f.keyFrame(), f.frameIndex(), f.stream(), f.streamGroup(), false, false));
        CamelExecutionException e = assertThrows(CamelExecutionException.class, () -> template.sendBody(uri, bad));
        assertInstanceOf(PacketRefusedException.class, e.getCause());
        send(uri, clip.subList(20, 50), null, null);
        stopProducers(uri);
        assertEquals(50, FfmpegCli.countFrames(out, "v:0"));
        assertFalse(Files.exists(dir.resolve("refused-1.mkv")), "the output went on: no second file");
    }

    @Test
    void endOfStreamCompletesTheFileWhileTheRouteRuns() throws Exception {
        Path out = dir.resolve("finite.mp4");
        String to = "av:" + out + "?codec=mpeg4";
        NotifyBuilder done = new NotifyBuilder(context).fromRoute("finite").whenCompleted(50).create();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("av:testsrc2=size=160x120:rate=25?format=lavfi&maxFrames=50").routeId("finite").to(to);
            }
        });
        assertTrue(done.matches(30, TimeUnit.SECONDS));
        // readable with every frame while the route is still started: no stop, no JVM exit
        Await.until("ffprobe reads 50 frames of " + out, 10, () -> frames(out) == 50);
        assertEquals(ServiceStatus.Started, context.getRouteController().getRouteStatus("finite"));
        long size = Files.size(out);
        // a later run into the same endpoint starts a new file and leaves the finished one alone
        NotifyBuilder again = new NotifyBuilder(context).fromRoute("again").whenCompleted(25).create();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("av:testsrc2=size=160x120:rate=25?format=lavfi&maxFrames=25").routeId("again").to(to);
            }
        });
        assertTrue(again.matches(30, TimeUnit.SECONDS));
        Path next = dir.resolve("finite-1.mp4");
        Await.until("ffprobe reads 25 frames of " + next, 10, () -> frames(next) == 25);
        assertEquals(size, Files.size(out));
        assertEquals(50, frames(out));
    }

    private static long frames(Path p) {
        try {
            return Files.exists(p) ? FfmpegCli.countFrames(p, "v:0") : -1;
        } catch (RuntimeException notYet) {
            return -1;
        }
    }

    @Test
    void aFileFromBeforeTheRunFollowsFileExist() throws Exception {
        List<MediaPacket> clip = packets(TestMedia.clip("exist.mp4", 25, 25, false));
        Path out = dir.resolve("old.mkv");
        Files.writeString(out, "yesterday's recording");
        String fail = "av:" + out + "?fileExist=Fail";
        CamelExecutionException e = assertThrows(CamelExecutionException.class, () -> template.sendBody(fail,
                clip.get(0)));
        assertTrue(e.getCause().getMessage().contains("exists"), e.getCause().getMessage());
        assertEquals("yesterday's recording", Files.readString(out));
        String rename = "av:" + out + "?fileExist=Rename";
        send(rename, clip, null, null);
        stopProducers(rename);
        assertEquals("yesterday's recording", Files.readString(out));
        assertEquals(25, FfmpegCli.countFrames(dir.resolve("old-1.mkv"), "v:0"));
        String override = "av:" + out; // the default: ffmpeg -y
        send(override, clip, null, null);
        stopProducers(override);
        assertEquals(25, FfmpegCli.countFrames(out, "v:0"));
    }

    @Test
    void twoProducersOfOneEndpointNeverShareAFile() throws Exception {
        List<MediaPacket> clip = packets(TestMedia.clip("two.mp4", 50, 25, false));
        Path out = dir.resolve("shared.mkv");
        String uri = "av:" + out;
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:a").to(uri);
                from("direct:b").to(uri);
            }
        });
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (String from : List.of("direct:a", "direct:b")) {
            Thread t = new Thread(() -> {
                try {
                    go.await();
                    for (MediaPacket p : clip) {
                        template.sendBody(from, p);
                    }
                } catch (InterruptedException ignored) {
                    Thread.currentThread().interrupt();
                }
            });
            t.start();
            threads.add(t);
        }
        go.countDown();
        for (Thread t : threads) {
            t.join(30_000);
        }
        context.stop();
        assertEquals(50, FfmpegCli.countFrames(out, "v:0"));
        assertEquals(50, FfmpegCli.countFrames(dir.resolve("shared-1.mkv"), "v:0"));
    }
}
