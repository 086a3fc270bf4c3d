package org.camelav.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.camelav.testsupport.FfmpegCli;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A camera that declares 25 fps and drops to 21 after 2 s (generated with setpts, timestamps kept as they are):
 * {@code CamelAvTime} follows each frame's real timestamp as ffprobe reads it, and a transcode keeps the real timing
 * as {@code ffmpeg -fps_mode passthrough} does, not the declared rate.
 */
class VariableFrameRateTest extends CamelTestSupport {

    private static final Path DIR = Path.of("target", "vfr");
    private static Path source;

    @BeforeAll
    static void media() throws Exception {
        Files.createDirectories(DIR);
        source = DIR.resolve("25-then-21fps.mkv");
        FfmpegCli.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=160x120:rate=25", "-frames:v", "100", "-vf",
                "settb=1/1000,setpts=if(lt(N\\,50)\\,N*0.04\\,2+(N-50)/21)/TB", "-fps_mode", "passthrough",
                "-enc_time_base:v", "1/1000", "-c:v", "mjpeg", source.toString());
    }

    private static List<Double> times(Path file) {
        return FfmpegCli.probeValues(file, "v:0", "frame=pts_time").stream().map(Double::parseDouble).toList();
    }

    @Test
    void frameTimesAndTheTranscodeFollowTheRealTimestamps() throws Exception {
        List<Double> expected = times(source);
        assertEquals(100, expected.size());
        assertEquals(2 + 49 / 21.0, expected.get(99), 0.002, "the source really is variable-rate");
        List<Double> delivered = new CopyOnWriteArrayList<>();
        Path out = DIR.resolve("transcoded.mkv");
        Files.deleteIfExists(out);
        NotifyBuilder done = new NotifyBuilder(context).whenCompleted(100).create();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("av:" + source).process(e -> delivered.add(e.getMessage().getHeader(AvConstants.TIME,
                        Double.class))).to("av:" + out + "?codec=mpeg4");
            }
        });
        assertTrue(done.matches(30, TimeUnit.SECONDS));
        context.stop();
        assertEquals(100, delivered.size());
        for (int i = 0; i < 100; i++) {
            assertEquals(expected.get(i), delivered.get(i), 0.0015, "CamelAvTime of frame " + i);
        }
        Path oracle = DIR.resolve("ffmpeg-passthrough.mkv");
        FfmpegCli.ffmpeg("-i", source.toString(), "-c:v", "mpeg4", "-fps_mode", "passthrough", oracle.toString());
        List<Double> ours = times(out);
        List<Double> theirs = times(oracle);
        assertEquals(theirs.size(), ours.size(), "as many frames as ffmpeg -fps_mode passthrough");
        double worst = 0;
        for (int i = 0; i < ours.size(); i++) {
            worst = Math.max(worst, Math.abs(ours.get(i) - expected.get(i)));
        }
        assertTrue(worst <= 0.021, "the transcode keeps each frame's time (worst " + worst + " s off)");
        System.out.printf("VFR 25 -> 21 fps: CamelAvTime exact; transcode worst %.4f s off the source, ffmpeg's"
                          + " last frame %.3f s, ours %.3f s%n", worst, theirs.get(theirs.size() - 1),
                ours.get(ours.size() - 1));
    }
}
