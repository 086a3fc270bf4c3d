package org.camelav.quarkus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.camel.CamelContext;
import org.camelav.component.AvComponent;
import org.camelav.component.AvEndpoint;
import org.camelav.media.Ffmpeg;
import org.camelav.media.FfmpegLog;
import org.junit.jupiter.api.Test;

@QuarkusTest
class FramesRouteTest {

    @Inject
    CamelContext camel;

    @Inject
    FramesRoute route;

    @Test
    void theRouteDecodesFramesAndTheComponentIsConfiguredFromApplicationProperties() throws Exception {
        AvComponent av = camel.getComponent("av", AvComponent.class);
        assertEquals("ERROR", av.getLogLevel(), "camel.component.av.log-level");
        assertEquals(FfmpegLog.Level.ERROR, FfmpegLog.getLevel());
        AvEndpoint from = (AvEndpoint) camel.getRoute("av-frames").getEndpoint();
        assertEquals("testsrc2=size=640x360:rate=25", from.getUrl());
        assertEquals(100, from.getConfiguration().getMaxFrames());
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (route.frames() < 100 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(100, route.frames(), "every frame of the source went through the route");
        // stopping the route stops its av: producer, which finishes the MP4
        camel.getRouteController().stopRoute("av-frames");
        Path mp4 = Path.of("target", "quarkus-frames.mp4");
        assertTrue(Files.size(mp4) > 10_000);
        assertEquals("mpeg4,640,360,100", probe(mp4));
    }

    @Test
    void theCamelAvExtensionRegisteredTheComponentsJavaCppClassesForJni() {
        // set by the extension's build step from the component's index: its deployment module ran at build time
        List<String> callbacks = List.of(System.getProperty("camel.av.quarkus.jni-classes", "").split(","));
        // the callbacks FFmpeg calls back into today; a new callback class may join them without breaking this
        List<String> required = List.of("org.camelav.media.FfmpegLog$Bridge", "org.camelav.media.OpaqueId",
                "org.camelav.media.io.Interrupter$SharedCallback",
                "org.camelav.media.io.JavaIo$ReadCallback", "org.camelav.media.io.JavaIo$SeekCallback",
                "org.camelav.media.io.JavaIo$WriteCallback");
        assertTrue(callbacks.containsAll(required), "registered for JNI: " + callbacks);
    }

    /** codec, size and decoded frame count of the first video stream, per the bundled ffprobe. */
    private static String probe(Path file) throws Exception {
        Process p = Ffmpeg.cli(true, List.of("-v", "error", "-count_frames", "-select_streams", "v:0", "-show_entries",
                "stream=codec_name,width,height,nb_read_frames", "-of", "csv=p=0", file.toString()))
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, out);
        return out;
    }
}
