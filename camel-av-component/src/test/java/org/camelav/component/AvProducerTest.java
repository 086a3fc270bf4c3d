package org.camelav.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.camelav.testsupport.FfmpegCli;
import org.camelav.testsupport.TestMedia;
import org.junit.jupiter.api.Test;

class AvProducerTest extends CamelTestSupport {

    private final Path dir = Path.of("target", "producer-test");
    private final Path clip = TestMedia.clip("producer-src.mp4", 50, 25, false);

    @Override
    protected RouteBuilder createRouteBuilder() throws Exception {
        Files.createDirectories(dir);
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("av:testsrc2=size=320x240:rate=25?format=lavfi&maxFrames=30").routeId("encode").autoStartup(false)
                        .to("av:" + dir.resolve("lavfi.mp4") + "?codec=h264&gopSize=10");
                from("av:" + clip + "?mode=packets").routeId("remux").autoStartup(false)
                        .to("av:" + dir.resolve("remux.mkv"));
            }
        };
    }

    private void runToCompletion(String route, int exchanges) throws Exception {
        NotifyBuilder done = new NotifyBuilder(context).fromRoute(route).whenCompleted(exchanges).create();
        context.getRouteController().startRoute(route);
        assertTrue(done.matches(60, TimeUnit.SECONDS), route + " did not complete " + exchanges + " exchanges");
    }

    @Test
    void encodesLavfiFramesToPlayableMp4() throws Exception {
        Path out = dir.resolve("lavfi.mp4");
        Files.deleteIfExists(out);
        runToCompletion("encode", 30);
        context.stop(); // producer stop: flush + trailer
        assertEquals(30, FfmpegCli.countFrames(out, "v:0"), "ffprobe decodes every frame");
        List<String> facts = FfmpegCli.probeValues(out, "v:0", "stream=codec_name,width,height");
        assertEquals(List.of("h264", "320", "240"), facts);
        double duration = Double.parseDouble(FfmpegCli.probeValues(out, "v:0", "format=duration").get(0));
        assertEquals(1.2, duration, 0.05, "30 frames at 25 fps");
    }

    @Test
    void remuxesPacketsWithoutReencoding() throws Exception {
        Path out = dir.resolve("remux.mkv");
        Files.deleteIfExists(out);
        runToCompletion("remux", (int) FfmpegCli.countPackets(clip, "v:0"));
        context.stop();
        assertEquals(FfmpegCli.countPackets(clip, "v:0"), FfmpegCli.countPackets(out, "v:0"));
        assertEquals(FfmpegCli.probeValues(clip, "v:0", "stream=codec_name,width,height,pix_fmt"),
                FfmpegCli.probeValues(out, "v:0", "stream=codec_name,width,height,pix_fmt"));
        assertEquals(50, FfmpegCli.countFrames(out, "v:0"));
    }
}
