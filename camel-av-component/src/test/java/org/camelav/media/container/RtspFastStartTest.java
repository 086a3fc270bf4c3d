package org.camelav.media.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;

import org.camelav.media.MediaItem;
import org.camelav.media.MediaPacket;
import org.camelav.media.StreamInfo;
import org.camelav.testsupport.RtspCameraServer;
import org.junit.jupiter.api.Test;

/**
 * A fleet's new owner starts a known camera faster with FFmpeg's probing cut short ({@code probesize=32},
 * {@code analyzeduration=100000}): an RTSP camera's SDP already carries H.264's parameter sets, so codec and picture
 * size are known without reading a GOP first, and the packets a recorder needs are the same. Asserted: the short probe
 * knows what the full one knows (codec, width, height) and delivers packets. The time from open to the first packet,
 * both ways, goes to the output as {@code MEASURED} (docs/scale-out.md, failover).
 */
class RtspFastStartTest {

    @Test
    void aShortProbeKnowsTheStreamAndStartsSooner() {
        try (RtspCameraServer cam = RtspCameraServer.start()) {
            long full = 0;
            long quick = 0;
            for (int i = 0; i < 3; i++) { // alternated, so both see the same machine load
                Result f = open(cam.url("/test"), Map.of());
                Result q = open(cam.url("/test"), Map.of("probesize", "32", "analyzeduration", "100000"));
                assertEquals(f.video().codecName(), q.video().codecName());
                assertEquals(f.video().width(), q.video().width(), "the picture size without a full probe");
                assertEquals(f.video().height(), q.video().height());
                assertTrue(q.packets() > 0);
                full += f.firstPacketMs();
                quick += q.firstPacketMs();
            }
            System.out.printf("MEASURED RTSP open to first packet, mean of 3: full probe %d ms, probesize=32"
                              + " analyzeduration=100000 %d ms%n", full / 3, quick / 3);
        }
    }

    record Result(StreamInfo video, long firstPacketMs, int packets) {
    }

    private static Result open(String url, Map<String, Object> probe) {
        Map<String, Object> fmt = new HashMap<>(probe);
        fmt.put("rtsp_transport", "tcp");
        long t0 = System.nanoTime();
        try (MediaReader r = MediaReader.open(ReaderOptions.builder(url).formatOptions(fmt).packets(true)
                .timeoutMillis(10_000).build())) {
            MediaItem first = r.next();
            long ms = (System.nanoTime() - t0) / 1_000_000;
            int packets = first instanceof MediaPacket ? 1 : 0;
            for (int i = 0; i < 10; i++) {
                packets += r.next() instanceof MediaPacket ? 1 : 0;
            }
            StreamInfo v = r.selectedStreams().stream().filter(s -> s.width() > 0 || s.codecName() != null)
                    .findFirst().orElseThrow();
            return new Result(v, ms, packets);
        }
    }
}
