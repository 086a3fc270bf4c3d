package org.camelav.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.camelav.component.AvConstants;
import org.camelav.testsupport.Await;
import org.camelav.testsupport.FfmpegCli;
import org.camelav.testsupport.FleetFixture;
import org.junit.jupiter.api.Test;

/**
 * Which node wrote a segment, as an auditor sees it: a fleet node recording its camera in 1 s MPEG-TS segments puts its
 * id in the segment-closed exchange ({@code CamelAvNodeId}) and in the file itself (ffprobe's program tags). A real
 * ZooKeeper and one GStreamer RTSP camera on 127.0.0.1.
 */
class FleetSegmentNodeTest {

    @Test
    void theSegmentClosedHeadersAndTheFileNameTheNode() throws Exception {
        Path dir = Path.of("target", "fleet-segment-node", String.valueOf(System.currentTimeMillis())).toAbsolutePath();
        List<String[]> closed = new CopyOnWriteArrayList<>(); // path, node id
        try (FleetFixture fleet = FleetFixture.start(dir, 1)) {
            FleetReconcileTest.Node node = FleetReconcileTest.node(fleet, "node-audit-7", Map.of(
                    "camel.av.fleet.camera-to", "av:" + dir + "/rec/{camera}/%H%M%S.ts?record=true&segmentDuration=1"));
            node.context().getManagementStrategy().addEventNotifier(new EventNotifierSupport() {
                @Override
                public void notify(CamelEvent event) {
                    var exchange = ((CamelEvent.ExchangeCompletedEvent) event).getExchange();
                    String path = exchange.getMessage().getHeader(AvConstants.SEGMENT_CLOSED, String.class);
                    if (path != null) {
                        closed.add(new String[] {path, exchange.getMessage().getHeader(AvConstants.NODE_ID,
                                String.class)});
                    }
                }

                @Override
                public boolean isEnabled(CamelEvent event) {
                    return event instanceof CamelEvent.ExchangeCompletedEvent;
                }
            });
            try {
                Await.until("two segments closed", 30, () -> closed.size() >= 2);
            } finally {
                node.context().stop();
            }
        }
        for (String[] c : closed) {
            assertEquals("node-audit-7", c[1], "CamelAvNodeId on the segment-closed exchange of " + c[0]);
            // MPEG-TS keeps no comment tag: the node is its service's provider
            String provider = FfmpegCli.ffprobe("-v", "error", "-show_entries", "program_tags=service_provider",
                    "-of", "default=nw=1:nk=1", c[0]).strip();
            assertEquals("camel-av node node-audit-7", provider, "ffprobe's view of " + c[0]);
            assertTrue(FfmpegCli.countPackets(Path.of(c[0]), "v:0") > 0, c[0] + " holds video");
        }
    }
}
