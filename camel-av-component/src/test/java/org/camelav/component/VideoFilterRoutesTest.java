package org.camelav.component;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.camelav.testsupport.FfmpegCli;
import org.junit.jupiter.api.Test;

/** A route alerts on a black picture: blackdetect's measurements arrive in header CamelAvFrameMetadata. */
class VideoFilterRoutesTest extends CamelTestSupport {

    @Test
    void blackStartAndEndReachTheRouteAsHeaders() throws Exception {
        Path clip = Path.of("target", "video-filter-routes", "black-second.mkv");
        java.nio.file.Files.createDirectories(clip.getParent());
        if (!java.nio.file.Files.exists(clip)) { // 1 s pattern, 1 s black, 1 s pattern at 10 fps
            FfmpegCli.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=160x120:rate=10:d=1[a];"
                    + "color=black:size=160x120:rate=10:d=1[b];testsrc2=size=160x120:rate=10:d=1[c];"
                    + "[a][b][c]concat=n=3", "-c:v", "ffv1", "-pix_fmt", "yuv420p", clip.toString());
        }
        String uri = "av:" + clip + "?filter=blackdetect=d=0.5&pixelFormat=bgr24";
        List<Long> indexes = new ArrayList<>();
        List<Map<?, ?>> reports = new ArrayList<>();
        Exchange e;
        while ((e = consumer.receive(uri, 20_000)) != null) {
            Map<?, ?> m = e.getMessage().getHeader(AvConstants.FRAME_METADATA, Map.class);
            if (m != null) {
                reports.add(m);
                indexes.add(e.getMessage().getHeader(AvConstants.FRAME_INDEX, Long.class));
            }
            if (Boolean.TRUE.equals(e.getMessage().getHeader(AvConstants.END_OF_STREAM))) {
                break;
            }
        }
        assertEquals(List.of(10L, 20L), indexes, "the first black frame and the first one after: " + reports);
        assertEquals(Map.of("lavfi.black_start", "1"), reports.get(0));
        assertEquals(Map.of("lavfi.black_end", "2"), reports.get(1), "as ffprobe tags it");
    }
}
