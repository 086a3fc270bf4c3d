package org.camelav.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.camelav.testsupport.Await;
import org.camelav.testsupport.FfmpegCli;
import org.camelav.testsupport.RtspCameraServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** record=true against the GStreamer RTSP camera (H.264 + AAC, GOP 1 s) on 127.0.0.1, checked with ffprobe. */
class RecordingRoutesTest extends CamelTestSupport {

    private static final Pattern NAME = Pattern.compile("(\\d{4}-\\d{2}-\\d{2})/cam1-(\\d{6})(-\\d+)?\\.mp4");

    @TempDir
    Path dir;

    private final List<Exchange> closed = new CopyOnWriteArrayList<>();
    private final List<Exchange> failures = new CopyOnWriteArrayList<>();
    private final AtomicLong videoPackets = new AtomicLong();
    private final AtomicLong realtimeStart = new AtomicLong();

    private void record(RtspCameraServer cam, String options) throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                onException(Exception.class).handled(true).process(failures::add);
                from("av:" + cam.url("/audio") + "?mode=packets&streams=all&formatOptions.rtsp_transport=tcp"
                     + "&reconnectDelay=200&reconnectMaxDelay=500&timeout=5000").routeId("rec")
                        .process(e -> {
                            if ("video".equals(e.getMessage().getHeader(AvConstants.MEDIA_TYPE))) {
                                videoPackets.incrementAndGet();
                            }
                            Long rt = e.getMessage().getHeader(AvConstants.REALTIME_START, Long.class);
                            if (rt != null) {
                                realtimeStart.set(rt);
                            }
                        })
                        .to("av:" + dir + "/%Y-%m-%d/cam1-%H%M%S.mp4?record=true&" + options)
                        .filter(header(AvConstants.SEGMENT_CLOSED).isNotNull()).process(closed::add);
            }
        });
    }

    private List<Path> files() throws Exception {
        try (var s = Files.walk(dir)) { // not the recordings index (.camel-av-index-...) nor the retention journal
            return s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith(".")).sorted()
                    .toList();
        }
    }

    private static void assertPlayableFromAKeyFrame(Path f) {
        assertPlayableFromAKeyFrame(f, 0);
    }

    /** {@code cut}: packets at the end that may not decode (a camera killed mid-frame sent part of its last one). */
    private static void assertPlayableFromAKeyFrame(Path f, int cut) {
        List<String> flags = FfmpegCli.probeValues(f, "v:0", "packet=flags");
        assertTrue(flags.get(0).startsWith("K"), "starts on a key frame: " + f);
        long decoded = FfmpegCli.countFrames(f, "v:0");
        assertTrue(decoded <= flags.size() && decoded >= flags.size() - cut,
                "ffprobe decodes " + decoded + " of the " + flags.size() + " frames of " + f);
        double v = Double.parseDouble(FfmpegCli.probeValues(f, "v:0", "packet=pts_time", "-read_intervals", "%+#1").get(0));
        double a = Double.parseDouble(FfmpegCli.probeValues(f, "a:0", "packet=pts_time", "-read_intervals", "%+#1").get(0));
        assertEquals(0.0, Math.min(v, a), 0.001, "timestamps start at 0: " + f);
        assertEquals(v, a, 0.2, "audio starts with the video: " + f);
    }

    @Test
    void recordsFiveSecondSegmentsNamedByTheirWallClock() throws Exception {
        Instant began = Instant.now();
        try (RtspCameraServer cam = RtspCameraServer.start()) {
            record(cam, "segmentDuration=5");
            Await.until("3 closed segments", 40, () -> closed.size() >= 3);
            Thread.sleep(2000); // into the fourth
            context.getRouteController().stopRoute("rec");
        }
        List<Path> files = files();
        assertTrue(files.size() >= 4, files.toString());
        assertTrue(failures.isEmpty(), "no exception in the route");
        long frames = 0;
        for (Path f : files) {
            assertPlayableFromAKeyFrame(f);
            frames += FfmpegCli.countPackets(f, "v:0");
            Matcher m = NAME.matcher(dir.relativize(f).toString());
            assertTrue(m.matches(), f.toString());
            Instant named = LocalDateTime.parse(m.group(1) + "T" + m.group(2),
                    DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HHmmss")).atZone(ZoneId.systemDefault()).toInstant();
            assertTrue(!named.isBefore(began.minusSeconds(1)) && named.isBefore(Instant.now()), f + " vs " + began);
        }
        for (Exchange e : closed) {
            Path f = Path.of(e.getMessage().getHeader(AvConstants.SEGMENT_CLOSED, String.class));
            double duration = e.getMessage().getHeader(AvConstants.SEGMENT_DURATION, Double.class);
            assertEquals(5.0, duration, 1.0, "5 s within one GOP: " + f);
            double probed = Double.parseDouble(FfmpegCli.probeValues(f, "v:0", "stream=duration").get(0));
            assertEquals(5.0, probed, 1.0, f.toString());
            Instant start = Instant.parse(e.getMessage().getHeader(AvConstants.SEGMENT_START, String.class));
            Instant end = Instant.parse(e.getMessage().getHeader(AvConstants.SEGMENT_END, String.class));
            assertEquals(duration, (end.toEpochMilli() - start.toEpochMilli()) / 1000.0, 0.002);
            String expected = DateTimeFormatter.ofPattern("yyyy-MM-dd/'cam1-'HHmmss")
                    .format(start.atZone(ZoneId.systemDefault()));
            assertTrue(dir.relativize(f).toString().startsWith(expected), f + " named by its start " + start);
        }
        // the camera's RTCP wall clock (FFmpeg's start_time_realtime) reached the route and names the segments
        Instant cameraClock = Instant.ofEpochSecond(0, realtimeStart.get() * 1000);
        assertTrue(cameraClock.isAfter(began.minusSeconds(5)) && cameraClock.isBefore(Instant.now()),
                "camera clock " + cameraClock + ", test began " + began);
        long sent = videoPackets.get();
        assertTrue(frames <= sent && frames >= sent - 25, "frames recorded " + frames + " of " + sent + " sent");
    }

    @Test
    void aCameraThatCrashesClosesTheSegmentAndTheNextStartsAfterTheReconnect() throws Exception {
        try (RtspCameraServer cam = RtspCameraServer.start()) {
            record(cam, "segmentDuration=60");
            Await.until("3 s of video", 30, () -> videoPackets.get() >= 75);
            cam.kill();
            AvConsumer consumer = (AvConsumer) context.getRoute("rec").getConsumer();
            Await.until("the loss to be noticed", 15, () -> !"STREAMING".equals(consumer.getState()));
            Thread.sleep(1000);
            cam.restart();
            Await.until("the segment closed by the reconnect", 30, () -> closed.size() == 1);
            long mark = videoPackets.get();
            Await.until("2 s after the reconnect", 30, () -> videoPackets.get() >= mark + 50);
            context.getRouteController().stopRoute("rec");
        }
        assertTrue(failures.isEmpty(), "no exception reached the route: " + failures);
        List<Path> files = files();
        assertEquals(2, files.size(), files.toString());
        Exchange first = closed.get(0);
        assertEquals(files.get(0).toString(), first.getMessage().getHeader(AvConstants.SEGMENT_CLOSED));
        // the kill can cut the last frame before the outage short, as it would for ffmpeg -c copy; the rest decodes
        assertPlayableFromAKeyFrame(files.get(0), 1);
        assertPlayableFromAKeyFrame(files.get(1));
        Matcher a = NAME.matcher(dir.relativize(files.get(0)).toString());
        Matcher b = NAME.matcher(dir.relativize(files.get(1)).toString());
        assertTrue(a.matches() && b.matches());
        Instant end = Instant.parse(first.getMessage().getHeader(AvConstants.SEGMENT_END, String.class));
        Instant secondStart = LocalDateTime.parse(b.group(1) + "T" + b.group(2),
                DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HHmmss")).atZone(ZoneId.systemDefault()).toInstant();
        assertTrue(!secondStart.isBefore(end.minusSeconds(1)), "the gap shows: " + end + " then " + secondStart);
    }

    /**
     * A recording node can die without closing its segment (kill -9, power loss, a fleet failover): every packet
     * written so far must already be in the open file, not in the muxer's 32 KB I/O buffer.
     */
    @Test
    void theOpenSegmentHoldsEveryPacketWrittenSoFar() throws Exception {
        // H.264: MPEG-TS carries its parameter sets in-band (an MPEG-4 Part 2 copy into TS does not decode, with
        // ffmpeg -c copy either); .ts because it is readable while open, a plain .mp4 only once its index is written
        Path source = dir.resolve("source/h264.mp4");
        Files.createDirectories(source.getParent());
        FfmpegCli.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25", "-frames:v", "100", "-c:v", "libopenh264",
                "-g", "25", source.toString());
        AtomicLong written = new AtomicLong();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("av:file:" + source + "?mode=packets").routeId("open")
                        .to("av:" + dir + "/rec/open-%H%M%S.ts?record=true&segmentDuration=600")
                        .process(e -> written.incrementAndGet());
            }
        });
        Await.until("all 100 packets written", 30, () -> written.get() == 100);
        List<Path> files = files().stream().filter(f -> f.toString().endsWith(".ts")).toList();
        assertEquals(1, files.size(), files.toString());
        assertTrue(closed.isEmpty(), "the segment is still open");
        assertEquals(100, FfmpegCli.countFrames(files.get(0), "v:0"), "pictures on disk in the open segment");
        context.getRouteController().stopRoute("open");
    }

    /** clip=true from a 20 s file (GOP 1 s): triggers at 12 s and 18 s, preRoll=5, postRoll=5. */
    @Test
    void triggersCutClipsAndTheEndOfTheSourceClosesTheOpenOne() throws Exception {
        Path source = org.camelav.testsupport.TestMedia.clip("clip-route.mp4", 500, 25, true);
        double[] triggers = { 12, 18 };
        AtomicLong next = new AtomicLong();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                onException(Exception.class).handled(true).process(failures::add);
                from("av:file:" + source + "?mode=packets&streams=all").routeId("clips")
                        .process(e -> {
                            Double t = e.getMessage().getHeader(AvConstants.TIME, Double.class);
                            int i = (int) next.get();
                            if (i < triggers.length && "video".equals(e.getMessage().getHeader(AvConstants.MEDIA_TYPE))
                                && t != null && t >= triggers[i]) {
                                e.getMessage().setHeader(AvConstants.TRIGGER, "motion");
                                next.incrementAndGet();
                            }
                        })
                        .to("av:" + dir + "/clips/cam1-%Y%m%d-%H%M%S.mp4?clip=true&preRoll=5&postRoll=5")
                        .filter(header(AvConstants.CLIP_CLOSED).isNotNull()).process(closed::add);
            }
        });
        Await.until("both triggers", 30, () -> next.get() == 2);
        // the source's end closes the clip still open, while the route runs on
        Await.until("both clips", 30, () -> closed.size() == 2);
        assertTrue(context.getRouteController().getRouteStatus("clips").isStarted());
        context.getRouteController().stopRoute("clips");
        assertTrue(failures.isEmpty(), failures.toString());
        Exchange first = closed.get(0);
        assertEquals(10.0, first.getMessage().getHeader(AvConstants.SEGMENT_DURATION, Double.class), 0.05);
        List<Path> files = files();
        assertEquals(2, files.size(), files.toString());
        assertEquals(first.getMessage().getHeader(AvConstants.CLIP_CLOSED), files.get(0).toString());
        assertEquals(closed.get(1).getMessage().getHeader(AvConstants.CLIP_CLOSED), files.get(1).toString());
        files.forEach(RecordingRoutesTest::assertPlayableFromAKeyFrame);
        double second = Double.parseDouble(FfmpegCli.probeValues(files.get(1), "v:0", "stream=duration").get(0));
        assertEquals(20.0 - 13.0, second, 0.1, "from 18 - 5 to the end of the source");
    }

    /**
     * The camera's packets and the trigger come from different routes (an MQTT alarm, a REST call) to the same clip
     * URI: both producers share the endpoint's pre-roll buffer, so the trigger cuts a clip from the packets.
     */
    @Test
    void aTriggerFromAnotherRouteCutsAClipFromTheCamerasPackets() throws Exception {
        Path source = org.camelav.testsupport.TestMedia.clip("clip-shared.mp4", 250, 25, true);
        String clipUri = "av:" + dir + "/shared/cam1-%Y%m%d-%H%M%S.mp4?clip=true&preRoll=3&postRoll=2";
        AtomicLong packets = new AtomicLong();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                onException(Exception.class).handled(true).process(failures::add);
                from("av:file:" + source + "?mode=packets&streams=all&realtime=true").routeId("camera")
                        .process(e -> packets.incrementAndGet()).to(clipUri)
                        .filter(header(AvConstants.CLIP_CLOSED).isNotNull()).process(closed::add);
                from("direct:alarm").routeId("alarm").setHeader(AvConstants.TRIGGER, constant("mqtt")).to(clipUri);
            }
        });
        Await.until("4 s of the camera", 20, () -> packets.get() >= 250);
        template.sendBody("direct:alarm", "door opened");
        Await.until("the clip", 20, () -> closed.size() == 1);
        context.getRouteController().stopRoute("camera");
        context.getRouteController().stopRoute("alarm");
        assertTrue(failures.isEmpty(), failures.toString());
        List<Path> clips;
        try (var s = java.nio.file.Files.list(dir.resolve("shared"))) {
            clips = s.filter(p -> p.toString().endsWith(".mp4")).sorted().toList();
        }
        assertEquals(1, clips.size(), clips.toString());
        assertPlayableFromAKeyFrame(clips.get(0));
        double duration = Double.parseDouble(FfmpegCli.probeValues(clips.get(0), "v:0", "stream=duration").get(0));
        assertEquals(5.0, duration, 1.0, "preRoll 3 s + postRoll 2 s, within one GOP");
    }
}
