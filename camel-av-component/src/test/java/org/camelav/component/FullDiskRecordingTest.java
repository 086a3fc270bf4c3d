package org.camelav.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.camelav.recording.RecordingStats;
import org.camelav.testsupport.Await;
import org.camelav.testsupport.FfmpegCli;
import org.camelav.testsupport.Tmpfs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Recording into a real 3 MB tmpfs that fills up: a full disk is an outage that ends by itself and is visible. The
 * source is a paced, looped file of about 200 KB/s (the disk is full within seconds), recorded in 1 s segments.
 */
class FullDiskRecordingTest extends CamelTestSupport {

    private static final long DISK = 3 * 1024 * 1024;
    private static Path source;
    private Tmpfs disk;
    private final AtomicLong failures = new AtomicLong();

    @BeforeAll
    static void media() throws Exception {
        source = Path.of("target", "test-media", "noisy-200k.mp4");
        if (!Files.exists(source)) {
            Files.createDirectories(source.getParent());
            FfmpegCli.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25", "-vf", "noise=alls=12:allf=t",
                    "-frames:v", "250", "-c:v", "mpeg4", "-g", "25", "-bf", "0", "-q:v", "8", source.toString());
        }
    }

    @AfterEach
    void unmount() throws Exception {
        context.stop(); // the recorder lets go of its files first
        if (disk != null) {
            disk.close();
        }
    }

    private String record(String options) throws Exception {
        disk = Tmpfs.mount(DISK);
        String uri = "av:" + disk.dir() + "/rec/seg-%s.mkv?record=true&segmentDuration=1" + options;
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                onException(Exception.class).handled(true).process(e -> failures.incrementAndGet());
                from("av:file:" + source + "?mode=packets&realtime=true&loop=true").routeId("cam").to(uri);
            }
        });
        return uri;
    }

    private RecordingStats stats(String uri) {
        return context.getEndpoint(uri, AvEndpoint.class).recording().stats();
    }

    private HealthCheck.Result health(String uri) {
        return new AvRecordingHealthCheck(context.getEndpoint(uri, AvEndpoint.class)).call();
    }

    private List<Path> recordings() throws Exception {
        try (Stream<Path> s = Files.list(disk.dir().resolve("rec"))) {
            return s.filter(p -> p.toString().endsWith(".mkv")).sorted().toList();
        }
    }

    /** Once the recording stopped, every file holds at least one decodable picture: none is empty or unreadable. */
    private void assertNoEmptyOrUnreadableFile() throws Exception {
        context.getRouteController().stopRoute("cam");
        for (Path f : recordings()) {
            assertTrue(Files.size(f) > 0, "0-byte file left behind: " + f);
            assertTrue(FfmpegCli.countFrames(f, "v:0") > 0, "no picture in " + f);
        }
    }

    @Test
    void aSharedVolumeThatFillsBeforeRetainBytesDoesNotStopRecording() throws Exception {
        String uri = record("&retainBytes=2000000");
        disk.fill("other-data.bin", 1_800_000); // someone else's 1.8 MB: 1.2 MB left, under retainBytes
        Thread.sleep(16_000);
        RecordingStats s = stats(uri);
        assertTrue(s.failed() >= 1, "the disk filled up: " + s.failed());
        assertTrue(s.deleted() >= 1, "retention made room although under retainBytes: " + s.deleted());
        long sinceLastClose = System.currentTimeMillis() - s.lastClosedAt().toEpochMilli();
        assertTrue(sinceLastClose < 3_000, "still recording at the end: last segment closed " + sinceLastClose
                                           + " ms ago");
        assertEquals(HealthCheck.State.UP, health(uri).getState(), health(uri).getMessage().orElse(""));
        assertTrue(Files.exists(disk.dir().resolve("other-data.bin")), "never deletes what it did not write");
        assertNoEmptyOrUnreadableFile();
    }

    @Test
    void aDiskFullOfOtherDataIsVisibleAndRecordingResumesWhenSpaceReturns() throws Exception {
        String uri = record(""); // no retention: nothing of the user's may be deleted
        Await.until("a first segment", 10, () -> stats(uri) != null && stats(uri).closed() >= 2);
        Path filler = disk.fill("other-data.bin", DISK);
        Await.until("health DOWN", 15, () -> health(uri).getState() == HealthCheck.State.DOWN);
        String why = health(uri).getMessage().orElse("");
        assertTrue(why.contains("No space left on device"), why);
        long closedBefore = stats(uri).closed();
        Files.delete(filler);
        long freed = System.nanoTime();
        Await.until("recording again", 10, () -> stats(uri).failingInARow() == 0);
        double resumed = (System.nanoTime() - freed) / 1e9;
        assertTrue(resumed < 3, "resumed " + resumed + " s after space returned");
        Await.until("new segments", 10, () -> stats(uri).closed() >= closedBefore + 2);
        assertEquals(HealthCheck.State.UP, health(uri).getState());
        assertNoEmptyOrUnreadableFile();
        System.out.printf("full disk: DOWN with \"%s\"; resumed %.2f s after space returned%n", why, resumed);
    }
}
