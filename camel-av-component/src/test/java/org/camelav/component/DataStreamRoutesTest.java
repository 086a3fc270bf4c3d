package org.camelav.component;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.apache.camel.Exchange;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.camelav.media.MediaPacket;
import org.camelav.media.container.DataStreamMedia;
import org.camelav.testsupport.FfmpegCli;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Data streams (issue 33 §3): SMPTE 336M KLV in MPEG-TS, as drones send it, and timed ID3, delivered in packets mode with timing and
 * the codec's name, and remuxed byte for byte. ffprobe -show_packets with -show_data_hash is the oracle.
 */
class DataStreamRoutesTest extends CamelTestSupport {

    /** The MISB ST 0601 UAS Datalink local set key. */
    private static final byte[] ST0601_KEY = {6, 14, 43, 52, 2, 11, 1, 1, 14, 1, 3, 1, 1, 0, 0, 0};

    @ParameterizedTest
    @ValueSource(strings = { "klv", "timed_id3" })
    void dataPacketsArriveWithTheirTimeAndRemuxIntact(String codec) throws Exception {
        boolean klv = codec.equals("klv");
        Path ts = klv ? DataStreamMedia.klvTs() : DataStreamMedia.id3Ts();
        // MPEG-TS: ffprobe lists each stream under its program and again on its own; the first pair is enough
        assertEquals(List.of(codec, "data"), FfmpegCli.probeValues(ts, "d:0", "stream=codec_name,codec_type")
                .subList(0, 2));
        List<String> probed = packets(ts);
        assertEquals(50, probed.size(), "one KLV packet per video frame");

        Path out = Path.of("target", "datastream-" + codec + "-remux.ts");
        Files.deleteIfExists(out);
        List<Exchange> seen = new CopyOnWriteArrayList<>();
        int all = (int) (FfmpegCli.countPackets(ts, "v:0") + probed.size());
        NotifyBuilder done = new NotifyBuilder(context).fromRoute("remux-" + codec).whenCompleted(all).create();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("av:" + ts + "?mode=packets&streams=all").routeId("remux-" + codec).process(seen::add)
                        .to("av:" + out + "?copyTimestamps=true");
            }
        });
        assertTrue(done.matches(60, TimeUnit.SECONDS), "remux completed " + all + " exchanges");
        // copyTimestamps: the output keeps the source's timestamps, so ffprobe's pts compare as they are
        context.getRouteController().stopRoute("remux-" + codec);

        List<Exchange> data = seen.stream()
                .filter(e -> "data".equals(e.getMessage().getHeader(AvConstants.MEDIA_TYPE))).toList();
        assertEquals(probed.size(), data.size());
        for (int i = 0; i < data.size(); i++) {
            Exchange e = data.get(i);
            assertEquals(codec, e.getMessage().getHeader(AvConstants.CODEC_NAME), "the header says what the data is");
            assertEquals(1, e.getMessage().getHeader(AvConstants.STREAM_INDEX));
            assertEquals("1/90000", e.getMessage().getHeader(AvConstants.TIME_BASE));
            MediaPacket p = e.getMessage().getBody(MediaPacket.class);
            if (klv) {
                assertArrayEquals(ST0601_KEY, Arrays.copyOf(p.data(), 16), "a MISB ST 0601 local set");
            } else {
                assertEquals("ID3", new String(p.data(), 0, 3, java.nio.charset.StandardCharsets.ISO_8859_1));
            }
            assertEquals(probed.get(i), p.pts() + "," + p.data().length + "," + md5(p.data()),
                    "packet " + i + " as ffprobe shows it");
        }
        assertEquals(List.of("h264", "video", codec, "data"), FfmpegCli.probeValues(out, "", "stream=codec_name,codec_type"
                ).subList(0, 4), "ffprobe sees the KLV stream in the remuxed file");
        assertEquals(probed, packets(out), "every KLV packet, byte-identical, at the same time");
    }

    /** pts,size,md5 of each packet of the first data stream, per ffprobe (its packet side data left out). */
    private static List<String> packets(Path file) {
        return FfmpegCli.ffprobe("-select_streams", "d:0", "-show_packets", "-show_data_hash", "MD5",
                "-show_entries", "packet=pts,size,data_hash", "-of", "csv=p=0", file.toString()).lines()
                .map(l -> String.join(",", Arrays.asList(l.replace("MD5:", "").split(",")).subList(0, 3))).toList();
    }

    private static String md5(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
    }
}
