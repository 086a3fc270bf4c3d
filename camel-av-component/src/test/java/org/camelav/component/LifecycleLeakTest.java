package org.camelav.component;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.camelav.testsupport.TestMedia;
import org.junit.jupiter.api.Test;

/** Starting and stopping routes must not leak threads, file descriptors or native contexts. */
class LifecycleLeakTest extends CamelTestSupport {

    private static long openFds() throws Exception {
        try (var s = Files.list(Path.of("/proc/self/fd"))) {
            return s.count();
        }
    }

    @Test
    void twoHundredStartStopCyclesLeakNothing() throws Exception {
        Path clip = TestMedia.clip("v-60.mp4", 60, 12, false);
        AtomicReference<CountDownLatch> frames = new AtomicReference<>();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("av:" + clip + "?pixelFormat=bgr24").routeId("cycle").autoStartup(false)
                        .process(e -> frames.get().countDown());
                from("av:" + clip + ".out.mp4?codec=mpeg4").routeId("unused").autoStartup(false).to("log:x");
                from("direct:enc").routeId("enc").autoStartup(false).to("av:target/cycle.mkv?codec=mpeg4");
            }
        });
        // warm up: class loading, native libraries, Camel's own threads
        for (int i = 0; i < 5; i++) {
            cycle(frames);
        }
        Thread.sleep(200);
        int threads = Thread.activeCount();
        long fds = openFds();
        for (int i = 0; i < 200; i++) {
            cycle(frames);
        }
        Thread.sleep(500);
        int threadsAfter = Thread.activeCount();
        long fdsAfter = openFds();
        System.out.printf("MEASURED 200 start/stop cycles: threads %d -> %d, file descriptors %d -> %d%n", threads,
                threadsAfter, fds, fdsAfter);
        assertTrue(threadsAfter <= threads + 2, "threads " + threads + " -> " + threadsAfter);
        assertTrue(fdsAfter <= fds + 3, "file descriptors " + fds + " -> " + fdsAfter);
    }

    private void cycle(AtomicReference<CountDownLatch> frames) throws Exception {
        frames.set(new CountDownLatch(3));
        context.getRouteController().startRoute("cycle");
        assertTrue(frames.get().await(10, TimeUnit.SECONDS));
        context.getRouteController().stopRoute("cycle");
    }
}
