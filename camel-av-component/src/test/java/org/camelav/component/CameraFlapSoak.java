package org.camelav.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.camelav.testsupport.Await;
import org.camelav.testsupport.RtspCameraServer;
import org.junit.jupiter.api.Test;

/**
 * Soak, not in the default suite (the name matches none of surefire's patterns): the GStreamer RTSP camera crashes and
 * comes back {@code av.soak.flaps} times (default 100) under a consumer with reconnect=true. Measures how long frames
 * take to resume after the camera is back, checks each resume is flagged as a discontinuity and that health is DOWN
 * during each outage, then that file descriptors and threads are back to their baseline after the route stops.
 * Run by bench/soak.
 */
class CameraFlapSoak extends CamelTestSupport {

    private static final int FLAPS = Integer.getInteger("av.soak.flaps", 100);
    private static final long OUTAGE_MS = Long.getLong("av.soak.outageMillis", 1000);

    @Test
    void flapsTheCameraAndResumesEveryTime() throws Exception {
        AtomicLong frames = new AtomicLong();
        AtomicLong discontinuities = new AtomicLong();
        AtomicReference<Long> flaggedAt = new AtomicReference<>();
        List<Double> resumes = new ArrayList<>();
        int downDuringOutage = 0;
        try (RtspCameraServer cam = RtspCameraServer.start()) {
            long fds = openFds();
            int threads = ManagementFactory.getThreadMXBean().getThreadCount();
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("av:" + cam.url("/test") + "?formatOptions.rtsp_transport=tcp&reconnectDelay=200"
                         + "&reconnectMaxDelay=1000&timeout=5000").routeId("cam").process(e -> {
                             frames.incrementAndGet();
                             if (Boolean.TRUE.equals(e.getMessage().getHeader(AvConstants.DISCONTINUITY))) {
                                 discontinuities.incrementAndGet();
                                 flaggedAt.set(System.nanoTime());
                             }
                         });
                }
            });
            AvConsumer consumer = (AvConsumer) context.getRoute("cam").getConsumer();
            Await.until("first frames", 30, () -> frames.get() >= 25);
            for (int i = 0; i < FLAPS; i++) {
                long flaggedBefore = discontinuities.get();
                cam.kill();
                Await.until("flap " + i + ": the loss to be noticed", 15,
                        () -> !"STREAMING".equals(consumer.getState()));
                Thread.sleep(OUTAGE_MS);
                if (consumer.getHealthCheck().call().getState() == HealthCheck.State.DOWN) {
                    downDuringOutage++;
                }
                cam.restart();
                long back = System.nanoTime();
                Await.until("flap " + i + ": frames after the restart", 30,
                        () -> discontinuities.get() > flaggedBefore);
                resumes.add((flaggedAt.get() - back) / 1e9);
                long mark = frames.get();
                Await.until("flap " + i + ": frames flowing", 30, () -> frames.get() >= mark + 10);
            }
            long t0 = System.nanoTime();
            context.getRouteController().stopRoute("cam");
            double stopSeconds = (System.nanoTime() - t0) / 1e9;
            Thread.sleep(500);
            long fdsAfter = openFds();
            int threadsAfter = ManagementFactory.getThreadMXBean().getThreadCount();
            List<Double> sorted = new ArrayList<>(resumes);
            Collections.sort(sorted);
            String report = String.format("%d flaps (outage %d ms): resume median %.2f s, max %.2f s, min %.2f s;"
                                          + " %d/%d discontinuities flagged; health DOWN in %d/%d outages;"
                                          + " reconnects %d; fds %d -> %d, threads %d -> %d; stop %.2f s; frames %d",
                    FLAPS, OUTAGE_MS, sorted.get(sorted.size() / 2), sorted.get(sorted.size() - 1), sorted.get(0),
                    discontinuities.get(), FLAPS, downDuringOutage, FLAPS, consumer.getReconnects(), fds, fdsAfter,
                    threads, threadsAfter, stopSeconds, frames.get());
            System.out.println("MEASURED soak " + report);
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target", "soak-report.txt"), report + "\n");
            assertEquals(FLAPS, discontinuities.get());
            assertEquals(FLAPS, downDuringOutage);
            assertTrue(fdsAfter <= fds + 3, "file descriptors " + fds + " -> " + fdsAfter);
            assertTrue(threadsAfter <= threads + 2, "threads " + threads + " -> " + threadsAfter);
        }
    }

    private static long openFds() throws Exception {
        try (var s = Files.list(Path.of("/proc/self/fd"))) {
            return s.count();
        }
    }
}
