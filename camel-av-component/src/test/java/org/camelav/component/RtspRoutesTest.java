package org.camelav.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.camelav.testsupport.FfmpegCli;
import org.camelav.testsupport.RtspCameraServer;
import org.camelav.testsupport.RtspReceiver;
import org.camelav.testsupport.Await;
import org.junit.jupiter.api.Test;

/** Routes against a real RTSP camera (GStreamer's RTSP server) and a real RTSP receiver, all on 127.0.0.1. */
class RtspRoutesTest extends CamelTestSupport {

    /** The seed's relay: camera -> decode -> H.264 re-encode (preset/crf/tune) -> RTSP publish. */
    @Test
    void relaysACameraToAnRtspServerWithReencoding() throws Exception {
        Path out = Path.of("target", "rtsp-relay", "received.mkv");
        Files.createDirectories(out.getParent());
        Files.deleteIfExists(out);
        AtomicLong relayed = new AtomicLong();
        try (RtspCameraServer cam = RtspCameraServer.start(); RtspReceiver receiver = RtspReceiver.start(out, "tcp")) {
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("av:" + cam.url("/test") + "?formatOptions.rtsp_transport=tcp&maxFrames=75").routeId("relay")
                            .to("av:" + receiver.url() + "?format=rtsp&formatOptions.rtsp_transport=tcp&codec=h264"
                                + "&codecOptions.preset=fast&codecOptions.crf=28&codecOptions.tune=zerolatency"
                                + "&gopSize=25&frameRate=25")
                            .process(e -> relayed.incrementAndGet());
                }
            });
            Await.until("75 relayed frames", 60, () -> relayed.get() >= 75);
            context.getRouteController().stopRoute("relay"); // the producer sends TEARDOWN: the receiver finishes
            assertEquals(0, receiver.awaitExit(Duration.ofSeconds(20)), receiver.log());
        }
        assertEquals(List.of("h264", "320", "240"), FfmpegCli.probeValues(out, "v:0", "stream=codec_name,width,height"));
        long frames = FfmpegCli.countFrames(out, "v:0");
        assertTrue(frames >= 70 && frames <= 75, "received " + frames + " of 75 frames");
    }

    @Test
    void consumerReconnectsWhenTheCameraCrashesAndComesBack() throws Exception {
        List<Exchange> got = new CopyOnWriteArrayList<>();
        try (RtspCameraServer cam = RtspCameraServer.start()) {
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("av:" + cam.url("/test") + "?formatOptions.rtsp_transport=tcp&reconnectDelay=200"
                         + "&reconnectMaxDelay=1000&timeout=5000").routeId("cam").process(got::add);
                }
            });
            Await.until("frames", 30, () -> got.size() >= 25);
            cam.kill();
            AvConsumer consumer = (AvConsumer) context.getRoute("cam").getConsumer();
            Await.until("the loss to be noticed", 15, () -> !"STREAMING".equals(consumer.getState()));
            Thread.sleep(1500);
            cam.restart();
            Await.until("frames after the restart", 30, () -> got.stream()
                    .anyMatch(e -> Boolean.TRUE.equals(e.getMessage().getHeader(AvConstants.DISCONTINUITY))));
            int mark = got.size();
            Await.until("25 more frames", 30, () -> got.size() >= mark + 25);
            assertTrue(consumer.getReconnects() >= 1);
            assertEquals("STREAMING", consumer.getState());
        }
    }

    /** Eight consumers on one JVM, one reader thread each, all delivering at once (how many keep up: bench live row). */
    @Test
    void eightCamerasAtOnce() throws Exception {
        int n = 8;
        Map<Integer, List<Double>> times = new ConcurrentHashMap<>();
        try (RtspCameraServer cam = RtspCameraServer.start()) {
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    for (int i = 0; i < n; i++) {
                        int id = i;
                        times.put(id, new CopyOnWriteArrayList<>());
                        from("av:" + cam.url("/test") + "?formatOptions.rtsp_transport=tcp&pixelFormat=bgr24"
                             + "&formatOptions.user_agent=cam" + i) // one endpoint per camera
                                .routeId("cam" + i).autoStartup(false)
                                .process(e -> times.get(id).add(e.getMessage().getHeader(AvConstants.TIME, 0.0,
                                        Double.class)));
                    }
                }
            });
            // gst-rtsp-server 1.22 aborts (gst_rtsp_media_get_rates assertion) when many clients set up its shared
            // mount before it is prepared: let the first client prepare it, then connect the rest
            context.getRouteController().startRoute("cam0");
            Await.until("the first camera's first frame", 30, () -> !times.get(0).isEmpty());
            for (int i = 1; i < n; i++) {
                context.getRouteController().startRoute("cam" + i);
            }
            // liveness, not speed (the bench's live row measures how many sources keep up): every camera goes on
            // delivering in order while all eight share the machine. The test camera's shared mount restarts its RTP
            // time when a later client PLAYs (test-servers.md), so order is checked on each camera's latest run
            Await.until("three seconds of media in order from every camera", 60, () -> times.values().stream()
                    .allMatch(t -> latestRun(List.copyOf(t)) >= 3.0));
            List<String> report = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                List<Double> t = List.copyOf(times.get(i));
                report.add("cam" + i + ": " + t.size() + " frames, latest run " + String.format("%.2f", latestRun(t))
                           + " s");
            }
            System.out.println("MEASURED eight cameras: " + report);
        }
    }

    /** Seconds covered by the frames since the last time the camera's clock went back. */
    private static double latestRun(List<Double> t) {
        int start = t.size() - 1;
        while (start > 0 && t.get(start - 1) < t.get(start)) {
            start--;
        }
        return t.isEmpty() ? 0 : t.get(t.size() - 1) - t.get(start);
    }
}
