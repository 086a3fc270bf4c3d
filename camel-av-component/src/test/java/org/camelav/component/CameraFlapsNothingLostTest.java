package org.camelav.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.camelav.testsupport.Await;
import org.camelav.testsupport.FfmpegCli;
import org.camelav.testsupport.RtspCameraServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A camera killed twice (SIGKILL, 1 s down, restarted) while one route remuxes it into a plain .mkv and .mp4,
 * records it in segments and cuts a clip 2 s into each connection (preRoll=2, postRoll=3): the plain files never
 * shrink and hold every video packet delivered, which is at least 85 % of what the camera sent while it was up; each
 * connection's first GOP is kept (its first packet, which FFmpeg gives no timestamp, included); segments never overlap
 * in time; each clip holds its connection from the first packet to the kill. The GStreamer test camera, 25 fps, GOP 25.
 */
class CameraFlapsNothingLostTest extends CamelTestSupport {

    @TempDir
    Path dir;

    private final AtomicLong video = new AtomicLong();
    private final List<Exchange> segments = new CopyOnWriteArrayList<>();
    private final List<Exchange> failures = new CopyOnWriteArrayList<>();
    /** Per connection: when its first video packet arrived and how many video packets it delivered. */
    private final List<long[]> connections = new CopyOnWriteArrayList<>();

    @Test
    void remuxAndRecordingKeepEveryFrameAcrossCameraKills() throws Exception {
        Path mkv = dir.resolve("plain.mkv");
        Path mp4 = dir.resolve("plain.mp4");
        List<Long> kills = new ArrayList<>();
        try (RtspCameraServer cam = RtspCameraServer.start()) {
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    onException(Exception.class).handled(true).process(failures::add);
                    from("av:" + cam.url("/test") + "?mode=packets&formatOptions.rtsp_transport=tcp"
                         + "&reconnectDelay=100&reconnectMaxDelay=200&timeout=3000").routeId("cam")
                            .process(e -> {
                                if (e.getMessage().getHeader(AvConstants.DISCONTINUITY) != null
                                    || connections.isEmpty()) {
                                    connections.add(new long[] { System.nanoTime(), 0, 0 });
                                }
                                video.incrementAndGet();
                                if (++connections.get(connections.size() - 1)[1] == 50) {
                                    e.getMessage().setHeader(AvConstants.TRIGGER, "motion"); // 2 s in
                                }
                                if (e.getMessage().getHeader(AvConstants.PTS) == null) {
                                    connections.get(connections.size() - 1)[2]++; // untimed packets
                                }
                            })
                            .to("av:" + mkv).to("av:" + mp4)
                            .to("av:" + dir + "/rec/cam-%H%M%S.ts?record=true&segmentDuration=3")
                            .process(e -> {
                                if (e.getMessage().getHeader(AvConstants.SEGMENT_CLOSED) != null) {
                                    segments.add(e.copy()); // before the clip endpoint sets the same headers
                                    e.getMessage().removeHeaders("CamelAvSegment*");
                                }
                            })
                            .to("av:" + dir + "/clips/clip-%H%M%S.ts?clip=true&preRoll=2&postRoll=3");
                }
            });
            List<Long> sizes = new CopyOnWriteArrayList<>();
            AtomicBoolean watching = new AtomicBoolean(true);
            Thread watcher = new Thread(() -> {
                while (watching.get()) {
                    try {
                        sizes.add(Files.exists(mkv) ? Files.size(mkv) : 0);
                        Thread.sleep(50);
                    } catch (Exception e) {
                        return;
                    }
                }
            });
            watcher.start();
            for (int flap = 0; flap < 2; flap++) {
                int connection = flap;
                Await.until("4 s of video on connection " + flap, 30,
                        () -> connections.size() > connection && connections.get(connection)[1] >= 100);
                cam.kill();
                kills.add(System.nanoTime());
                Thread.sleep(1000);
                cam.restart();
            }
            Await.until("4 s of video after the last restart", 30,
                    () -> connections.size() == 3 && connections.get(2)[1] >= 100);
            kills.add(System.nanoTime());
            context.getRouteController().stopRoute("cam"); // closes the three outputs
            watching.set(false);
            watcher.join();
            for (int i = 1; i < sizes.size(); i++) {
                assertTrue(sizes.get(i) >= sizes.get(i - 1), "plain.mkv shrank: " + sizes.get(i - 1) + " -> "
                                                             + sizes.get(i));
            }
        }
        assertTrue(failures.isEmpty(), "no exchange failed: " + failures);
        long delivered = video.get();
        // what the camera sent while up: 25 fps from each connection's first packet to its kill (or the stop), plus
        // the second FFmpeg's probing holds before the first packet arrives
        double served = 0;
        for (int i = 0; i < connections.size(); i++) {
            served += (kills.get(i) - connections.get(i)[0]) / 1e9 * 25 + 25;
        }
        assertTrue(delivered >= 0.85 * served, delivered + " video packets delivered of about " + served + " served");
        long untimed = connections.stream().mapToLong(c -> c[2]).sum();
        assertEquals(0, untimed, "every packet delivered with a timestamp");
        long inMkv = FfmpegCli.countFrames(mkv, "v:0");
        long inMp4 = FfmpegCli.countFrames(mp4, "v:0");
        assertEquals(delivered, inMkv, "every delivered packet is in plain.mkv");
        assertEquals(delivered, inMp4, "every delivered packet is in plain.mp4");
        long inSegments = 0;
        List<Path> files;
        try (Stream<Path> s = Files.list(dir.resolve("rec"))) {
            files = s.filter(p -> p.toString().endsWith(".ts")).sorted().toList();
        }
        for (Path f : files) {
            inSegments += FfmpegCli.countFrames(f, "v:0");
        }
        assertEquals(delivered, inSegments, "every delivered packet is in a segment: the first GOP of each"
                                            + " connection too");
        List<Path> clips;
        try (Stream<Path> s = Files.list(dir.resolve("clips"))) {
            clips = s.filter(p -> p.toString().endsWith(".ts")).sorted().toList();
        }
        assertEquals(connections.size(), clips.size(), "one clip per connection: " + clips);
        for (int i = 0; i < clips.size(); i++) {
            assertEquals(connections.get(i)[1], FfmpegCli.countFrames(clips.get(i), "v:0"),
                    "clip " + i + " holds its connection from the first packet (the pre-roll) to the kill");
        }
        Instant lastEnd = Instant.MIN;
        for (Exchange e : segments) {
            Instant start = Instant.parse(e.getMessage().getHeader(AvConstants.SEGMENT_START, String.class));
            assertTrue(!start.isBefore(lastEnd), "segments overlap: " + lastEnd + " then " + start);
            lastEnd = Instant.parse(e.getMessage().getHeader(AvConstants.SEGMENT_END, String.class));
        }
        System.out.printf("camera flaps: %d connections, %d video packets delivered, in mkv %d, mp4 %d, segments %d"
                          + " (%d files); about %.0f served%n", connections.size(), delivered, inMkv, inMp4, inSegments,
                files.size(), served);
    }
}
