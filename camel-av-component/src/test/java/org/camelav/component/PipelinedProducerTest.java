package org.camelav.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.Exchange;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.camelav.media.FrameProps;
import org.camelav.media.MediaPacket;
import org.camelav.media.container.PacketRefusedException;
import org.camelav.testsupport.FfmpegCli;
import org.camelav.testsupport.TestMedia;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The pipelined producer (the default): the consumer reads ahead while the producer's thread writes, never more than
 * maxInflightExchanges at once; a failed write fails its own exchange; a route stop writes everything queued and the
 * trailer. Outputs are checked with ffprobe.
 */
class PipelinedProducerTest extends CamelTestSupport {

    private static final String SOURCE = "av:testsrc2=size=160x120:rate=25?format=lavfi";

    private Path dir;
    private final Set<String> writerThreads = ConcurrentHashMap.newKeySet();
    private final AtomicInteger maxInflight = new AtomicInteger();
    private final AtomicInteger written = new AtomicInteger();

    @BeforeEach
    void folder() throws Exception {
        dir = Files.createDirectories(Path.of("target", "pipelined", String.valueOf(System.nanoTime())));
    }

    /** from(source).process(count in flight).to(out).process(slow, on whatever thread completes the write). */
    private void route(String id, String from, String to, long slowMillis) throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(from).routeId(id)
                        .process(e -> maxInflight.accumulateAndGet(context.getInflightRepository().size(id), Math::max))
                        .to(to)
                        .process(e -> {
                            String name = Thread.currentThread().getName();
                            writerThreads.add(name.substring(name.indexOf(" - ") + 3, name.indexOf('[')));
                            written.incrementAndGet();
                            Thread.sleep(slowMillis);
                        });
            }
        });
    }

    @Test
    void theConsumerReadsAheadWhileTheProducersThreadEncodes() throws Exception {
        Path out = dir.resolve("ahead.mp4");
        NotifyBuilder done = new NotifyBuilder(context).fromRoute("ahead").whenCompleted(100).create();
        route("ahead", SOURCE + "&maxFrames=100", "av:" + out + "?codec=mpeg4", 10);
        assertTrue(done.matches(60, TimeUnit.SECONDS));
        context.getRouteController().stopRoute("ahead");
        // the route after to() runs where the write completed: the producer's own thread
        assertEquals(Set.of("AvProducer"), writerThreads);
        // the slow step after the write holds exchanges: the consumer ran ahead, but never past the window
        assertEquals(4, maxInflight.get(), "exchanges in flight at most maxInflightExchanges (4), and reached");
        assertEquals(100, written.get());
        assertEquals(100, FfmpegCli.countFrames(out, "v:0"));
        List<String> pts = FfmpegCli.probeValues(out, "v:0", "packet=pts");
        assertEquals(100, pts.stream().distinct().count(), "every frame once: " + pts);
    }

    @Test
    void theWindowBoundsHowFarTheConsumerRunsAhead() throws Exception {
        Path out = dir.resolve("window.mkv");
        NotifyBuilder done = new NotifyBuilder(context).fromRoute("window").whenCompleted(30).create();
        route("window", SOURCE + "&maxFrames=30&maxInflightExchanges=2", "av:" + out + "?codec=mpeg4", 10);
        assertTrue(done.matches(60, TimeUnit.SECONDS));
        context.getRouteController().stopRoute("window");
        assertEquals(2, maxInflight.get());
        assertEquals(30, FfmpegCli.countFrames(out, "v:0"));
    }

    @Test
    void notPipelinedTheSendersThreadWritesOneExchangeAtATime() throws Exception {
        Path out = dir.resolve("serial.mkv");
        NotifyBuilder done = new NotifyBuilder(context).fromRoute("serial").whenCompleted(30).create();
        route("serial", SOURCE + "&maxFrames=30", "av:" + out + "?codec=mpeg4&pipelined=false", 5);
        assertTrue(done.matches(60, TimeUnit.SECONDS));
        context.getRouteController().stopRoute("serial");
        assertEquals(Set.of("AvConsumer"), writerThreads);
        assertEquals(1, maxInflight.get(), "a synchronous route completes each exchange before the next is read");
        assertEquals(30, FfmpegCli.countFrames(out, "v:0"));
    }

    @Test
    void aFailedWriteFailsItsOwnExchangeAndTheOutputGoesOn() throws Exception {
        Path in = TestMedia.clip("pipelined-refused.mp4", 50, 25, false);
        Path out = dir.resolve("refused.mkv");
        List<Long> failed = new CopyOnWriteArrayList<>();
        List<Throwable> causes = new CopyOnWriteArrayList<>();
        NotifyBuilder done = new NotifyBuilder(context).fromRoute("refused").whenDone(50).create();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                onException(Exception.class).handled(true).process(e -> {
                    failed.add(e.getMessage().getHeader(AvConstants.FRAME_INDEX, Long.class));
                    causes.add(e.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class));
                });
                from("av:" + in + "?mode=packets").routeId("refused")
                        .process(e -> {
                            if (e.getMessage().getHeader(AvConstants.FRAME_INDEX, Long.class) == 20) {
                                // pts before dts: the muxer refuses the packet, on the producer's thread
                                MediaPacket p = e.getMessage().getBody(MediaPacket.class);
                                FrameProps f = p.props();
                                e.getMessage().setBody(p.withProps(new FrameProps(f.streamIndex(),
                                        f.dts() - 2 * f.duration(), f.dts(), f.duration(), f.timeBase(), f.keyFrame(),
                                        f.frameIndex(), f.stream(), f.streamGroup(), false, false)));
                            }
                        })
                        .to("av:" + out);
            }
        });
        assertTrue(done.matches(60, TimeUnit.SECONDS));
        context.getRouteController().stopRoute("refused");
        assertEquals(List.of(20L), failed, "only the refused packet's exchange failed");
        assertInstanceOf(PacketRefusedException.class, causes.get(0));
        assertEquals(49, FfmpegCli.countFrames(out, "v:0"));
    }

    @Test
    void aRouteStopWritesWhatIsQueuedAndTheTrailer() throws Exception {
        Path out = dir.resolve("stopped.mp4");
        NotifyBuilder some = new NotifyBuilder(context).fromRoute("stopped").whenCompleted(20).create();
        route("stopped", SOURCE, "av:" + out + "?codec=mpeg4", 20);
        assertTrue(some.matches(60, TimeUnit.SECONDS));
        context.getRouteController().stopRoute("stopped");
        // every exchange that reached the producer was written before the trailer: none queued and lost
        assertTrue(written.get() >= 20);
        assertEquals(written.get(), FfmpegCli.countFrames(out, "v:0"));
    }
}
