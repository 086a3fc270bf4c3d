package org.camelav.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.camelav.testsupport.FfmpegCli;
import org.junit.jupiter.api.Test;

/** A route alerts on silence: silencedetect's measurements arrive in header CamelAvFrameMetadata. */
class AudioFilterRoutesTest extends CamelTestSupport {

    @Test
    void silenceStartAndEndReachTheRouteAsHeaders() throws Exception {
        Path wav = Path.of("target", "audio-filter-routes", "gap.wav");
        Files.createDirectories(wav.getParent());
        if (!Files.exists(wav)) { // 1 s tone, 1 s digital silence, 1 s tone at 16 kHz
            FfmpegCli.ffmpeg("-f", "lavfi", "-i", "aevalsrc=if(between(t\\,1\\,1.9999)\\,0\\,0.5*sin(2*PI*300*t)):s=16000:d=3",
                    "-c:a", "pcm_s16le", wav.toString());
        }
        String uri = "av:" + wav + "?audioFilter=silencedetect=n=-40dB:d=0.5&sampleFormat=s16";
        List<Map<?, ?>> reports = new ArrayList<>();
        Exchange e;
        int frames = 0;
        while ((e = consumer.receive(uri, 20_000)) != null) {
            frames++;
            Map<?, ?> m = e.getMessage().getHeader(AvConstants.FRAME_METADATA, Map.class);
            if (m != null) {
                reports.add(m);
            }
            if (Boolean.TRUE.equals(e.getMessage().getHeader(AvConstants.END_OF_STREAM))) {
                break;
            }
        }
        assertEquals(2, reports.size(), "one frame says silence started, a later one that it ended: " + reports);
        assertEquals("1", reports.get(0).get("lavfi.silence_start"));
        assertNull(reports.get(0).get("lavfi.silence_end"));
        assertNotNull(reports.get(1).get("lavfi.silence_end"));
        assertEquals(2.0, Double.parseDouble((String) reports.get(1).get("lavfi.silence_end")), 0.001);
        assertEquals(1.0, Double.parseDouble((String) reports.get(1).get("lavfi.silence_duration")), 0.001);
        assertEquals(true, frames > 2);
    }
}
