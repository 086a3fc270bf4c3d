package org.camelav.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.camelav.testsupport.FfmpegCli;
import org.camelav.testsupport.TestMedia;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The per-stream headers (codec name, time base, rotation) are computed once per stream, not per frame (issue 35 §2):
 * with the video and audio items of one source interleaved, every exchange still carries its own stream's values,
 * as ffprobe reports them.
 */
class StreamHeadersTest extends CamelTestSupport {

    private static final Path DIR = Path.of("target", "stream-headers");
    private static Path clip;

    @BeforeAll
    static void clip() throws Exception {
        Files.createDirectories(DIR);
        clip = DIR.resolve("rotated-with-audio.mp4"); // a phone video: coded upright, "show it rotated by 90"
        if (!Files.exists(clip)) {
            FfmpegCli.ffmpeg("-display_rotation", "90", "-i", TestMedia.clip("sh.mp4", 25, 25, true).toString(), "-c",
                    "copy", clip.toString());
        }
    }

    @Test
    void interleavedStreamsEachCarryTheirOwnValues() throws Exception {
        List<Map<String, Object>> headers = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(1);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("av:" + clip + "?streams=all").routeId("all")
                        .process(e -> {
                            headers.add(new HashMap<>(e.getMessage().getHeaders())); // null values too
                            if (Boolean.TRUE.equals(e.getMessage().getHeader(AvConstants.END_OF_STREAM))) {
                                done.countDown();
                            }
                        });
            }
        });
        assertTrue(done.await(20, TimeUnit.SECONDS));
        List<String> probed = FfmpegCli.probeValues(clip, "v:0", "stream=codec_name,time_base");
        List<String> audio = FfmpegCli.probeValues(clip, "a:0", "stream=codec_name,time_base");
        int video = 0;
        int sound = 0;
        String previous = null;
        int switches = 0;
        for (Map<String, Object> h : headers) {
            String type = (String) h.get(AvConstants.MEDIA_TYPE);
            switches += previous != null && !previous.equals(type) ? 1 : 0;
            previous = type;
            if ("video".equals(type)) {
                video++;
                assertEquals(probed, List.of(h.get(AvConstants.CODEC_NAME), h.get(AvConstants.TIME_BASE)));
                assertEquals(90, h.get(AvConstants.ROTATION));
            } else {
                sound++;
                assertEquals(audio, List.of(h.get(AvConstants.CODEC_NAME), h.get(AvConstants.TIME_BASE)));
                assertEquals(null, h.get(AvConstants.ROTATION));
            }
        }
        assertEquals(25, video);
        assertTrue(sound > 0);
        assertTrue(switches > 4, "video and audio items interleave: " + switches + " switches");
    }
}
