package org.camelav.component;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelExecutionException;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.camelav.media.AvException;
import org.camelav.media.AvTimeoutException;
import org.camelav.media.MediaItem;
import org.camelav.media.container.MediaOperations;
import org.camelav.media.container.MediaReader;
import org.camelav.media.container.ReaderOptions;
import org.camelav.media.container.WriterOptions;
import org.camelav.testsupport.Await;
import org.camelav.testsupport.FfmpegCli;
import org.camelav.testsupport.StalledSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Media that stalls after 64 KB, as a body stream that ignores interrupts and close() (a read blocked on a pipe) and
 * behind an HTTP URL: every operation fails as an AvTimeoutException within timeout + 1 s, and a context stop is not
 * held by such a read. Two files: in "open" 64 KB is two 640x480 frames, so the stall comes while FFmpeg looks for
 * the stream info; in "read" it is two seconds of 160x120, so the stall comes while packets are read.
 */
class StalledSourceTest extends CamelTestSupport {

    private static final long TIMEOUT = 2000;
    private static final Path DIR = Path.of("target", "test-media", "stalled");
    private static Path open;
    private static Path read;

    @BeforeAll
    static void media() throws Exception {
        Files.createDirectories(DIR);
        open = DIR.resolve("stall-in-open.ts");
        read = DIR.resolve("stall-in-read.ts");
        FfmpegCli.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=640x480:rate=25", "-t", "4", "-c:v", "mpeg4", "-q:v", "2",
                "-g", "25", "-f", "mpegts", open.toString());
        FfmpegCli.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=160x120:rate=25", "-t", "4", "-c:v", "mpeg4", "-q:v", "8",
                "-g", "25", "-f", "mpegts", read.toString());
    }

    private static String bodyUri(String operation) {
        return "av:body?operation=" + operation + "&timeout=" + TIMEOUT
               + ("transcode".equals(operation) ? "&format=mpegts" : "");
    }

    /** The failure of {@code call}, which must come within timeout + 1 s (the test fails, not hangs, before that). */
    private static Throwable failsInTime(String what, org.junit.jupiter.api.function.Executable call) {
        long t0 = System.nanoTime();
        Throwable e = assertTimeoutPreemptively(Duration.ofSeconds(15), () -> assertThrows(Throwable.class, call),
                what + " never returned");
        double took = (System.nanoTime() - t0) / 1e9;
        Throwable cause = e instanceof CamelExecutionException c ? c.getCause() : e;
        System.out.printf("MEASURED %s: failed after %.3f s with %s%n", what, took, cause);
        assertTrue(took < (TIMEOUT + 1000) / 1000.0, what + " took " + took + " s");
        return cause;
    }

    @ParameterizedTest
    @ValueSource(strings = { "probe", "transcode", "thumbnail" })
    void aBodyThatStallsWhileOpeningFailsAsATimeout(String operation) throws Exception {
        try (StalledSource stalled = new StalledSource(open)) {
            Throwable e = failsInTime(operation + " of a body stalled in open",
                    () -> template.requestBody(bodyUri(operation), stalled.stream()));
            assertInstanceOf(AvTimeoutException.class, e, e::toString);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "probe", "transcode" })
    void aBodyThatStallsWhileReadingFailsAsATimeout(String operation) throws Exception {
        try (StalledSource stalled = new StalledSource(read)) {
            Throwable e = failsInTime(operation + " of a body stalled in read",
                    () -> template.requestBody(bodyUri(operation), stalled.stream()));
            assertInstanceOf(AvTimeoutException.class, e, e::toString);
        }
    }

    /**
     * Behind a URL the stream has no length, so it is a live input: the probe reports what the 64 KB show, as ffprobe
     * does, and the thumbnail, which needs a decoded frame, times out.
     */
    @Test
    void aUrlThatStallsProbesLikeFfprobeAndTheThumbnailFailsAsATimeout() throws Exception {
        try (StalledSource stalled = new StalledSource(open)) {
            String uri = "av:" + stalled.url() + "?timeout=" + TIMEOUT + "&operation=";
            org.camelav.media.container.MediaInfo info = template.requestBody(uri + "probe", null,
                    org.camelav.media.container.MediaInfo.class);
            assertTrue(info.streams().get(0).codecName().equals("mpeg4"), info::toString);
            Throwable e = failsInTime("thumbnail of a URL that stalls", () -> template.requestBody(uri + "thumbnail",
                    (Object) null));
            assertInstanceOf(AvTimeoutException.class, e, e::toString);
        }
    }

    /** The "Cannot read packet: Immediate exit requested": a URL that stalls once packets flow. */
    @Test
    void aUrlThatStallsWhileReadingFailsAsATimeout() throws Exception {
        try (StalledSource stalled = new StalledSource(read)) {
            ReaderOptions o = ReaderOptions.builder(stalled.url()).timeoutMillis(TIMEOUT).build();
            Throwable e = failsInTime("reading a URL stalled in read", () -> {
                try (MediaReader r = MediaReader.open(o)) {
                    MediaItem item;
                    while ((item = r.next()) != null) {
                        item.release();
                    }
                }
            });
            assertInstanceOf(AvTimeoutException.class, e, e::toString);
            Path out = DIR.resolve("url-transcode.ts");
            Throwable t = failsInTime("transcode of a URL stalled in read", () -> MediaOperations.transcode(
                    o.toBuilder().duration(10.0).build(), WriterOptions.builder(out.toString()).build()));
            assertInstanceOf(AvTimeoutException.class, t, t::toString);
        }
    }

    /** A consumer of a URL that stalls once packets flow: the route gets the timeout as an AvTimeoutException. */
    @Test
    void aConsumerOfAUrlThatStallsGetsATimeout() throws Exception {
        java.util.List<Throwable> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (StalledSource stalled = new StalledSource(read)) {
            String uri = "av:" + stalled.url() + "?timeout=" + TIMEOUT + "&reconnect=false&bridgeErrorHandler=true";
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    onException(Exception.class).handled(true)
                            .process(e -> errors.add(e.getProperty(org.apache.camel.Exchange.EXCEPTION_CAUGHT,
                                    Exception.class)));
                    from(uri).to("mock:frames");
                }
            });
            Await.until("the stall to reach the route", 15, () -> !errors.isEmpty());
            System.out.println("MEASURED consumer of a URL that stalls: " + errors.get(0));
            assertInstanceOf(AvTimeoutException.class, errors.get(0), errors.get(0)::toString);
        }
    }

    @Test
    void contextStopIsNotHeldByAProbeBlockedOnAStalledBody() throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                // Camel 4 caches stream bodies by default, reading them whole before the producer: a stalled upload
                // would block in Camel's own cache, out of the component's reach
                from("direct:probe").noStreamCaching().to("av:body?operation=probe&timeout=60000");
            }
        });
        try (StalledSource stalled = new StalledSource(open)) {
            CompletableFuture<Object> reply = template.asyncRequestBody("direct:probe", stalled.stream());
            Await.until("the probe to block on the stall", 10, () -> stalled.blocked() > 0);
            long t0 = System.nanoTime();
            assertTimeoutPreemptively(Duration.ofSeconds(30), () -> context.stop(), "context stop never returned");
            double took = (System.nanoTime() - t0) / 1e9;
            System.out.printf("MEASURED context stop with a probe blocked on a stalled body (timeout=60000,"
                              + " stopTimeout=5000 by default): %.3f s%n", took);
            // stuck (no I/O for 1 s): interrupted before its stopTimeout ends; then at most the second Camel's
            // graceful shutdown waits between looks at what is in flight
            assertTrue(took < 5, "stop took " + took + " s, over the default stopTimeout");
            ExecutionException e = assertThrows(ExecutionException.class, () -> reply.get(5, TimeUnit.SECONDS));
            assertInstanceOf(AvException.class, e.getCause().getCause(), e::toString);
        }
    }
}
