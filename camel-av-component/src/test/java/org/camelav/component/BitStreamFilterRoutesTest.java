package org.camelav.component;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.camelav.media.AvException;
import org.camelav.media.BitStreamFilter;
import org.camelav.media.BitStreamFilters;
import org.camelav.media.MediaPacket;
import org.camelav.media.container.ReaderOptions;
import org.camelav.testsupport.Await;
import org.camelav.testsupport.FfmpegCli;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * bsf= on the consumer (mode=packets) and on the producer (stream copy), byte for byte against the ffmpeg CLI with
 * the same -bsf:v chain on the same generated H.264 MP4.
 */
class BitStreamFilterRoutesTest extends CamelTestSupport {

    private static final Path DIR = Path.of("target", "bsf-routes");
    private static final Path MP4 = DIR.resolve("openh264.mp4");
    private static long packets;

    @BeforeAll
    static void clip() throws Exception {
        Files.createDirectories(DIR);
        if (!Files.exists(MP4)) {
            FfmpegCli.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25", "-frames:v", "50", "-c:v",
                    "libopenh264", "-g", "25", MP4.toString());
        }
        packets = FfmpegCli.countPackets(MP4, "v:0");
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("av:" + MP4 + "?mode=packets&bsf=h264_mp4toannexb").routeId("consumer").autoStartup(false)
                        .to("av:" + DIR.resolve("consumer.h264") + "?format=h264").to("mock:annexb");
                from("av:" + MP4 + "?mode=packets").routeId("producer").autoStartup(false)
                        .to("av:" + DIR.resolve("producer.h264") + "?format=h264&bsf=h264_metadata=aud=insert");
                from("av:testsrc2=size=160x120:rate=25?format=lavfi&maxFrames=10").routeId("encoded").autoStartup(false)
                        .to("av:" + DIR.resolve("encoded.h264") + "?format=h264&codec=libopenh264"
                            + "&bsf=h264_metadata=aud=insert");
            }
        };
    }

    private void run(String route) throws Exception {
        run(route, (int) packets);
    }

    private void run(String route, int exchanges) throws Exception {
        NotifyBuilder done = new NotifyBuilder(context).fromRoute(route).whenCompleted(exchanges).create();
        context.getRouteController().startRoute(route);
        assertTrue(done.matches(60, TimeUnit.SECONDS), route + " did not complete " + exchanges + " exchanges");
        context.getRouteController().stopRoute(route); // producer stop: trailer written
    }

    private static byte[] ffmpeg(String bsf, String name) throws Exception {
        Path out = DIR.resolve(name);
        FfmpegCli.ffmpeg("-i", MP4.toString(), "-c", "copy", "-bsf:v", bsf, "-f", "h264", out.toString());
        return Files.readAllBytes(out);
    }

    @Test
    void consumerMp4ToAnnexBIsByteExact() throws Exception {
        MockEndpoint annexb = getMockEndpoint("mock:annexb");
        annexb.expectedMinimumMessageCount(1);
        run("consumer");
        byte[] expected = ffmpeg("h264_mp4toannexb", "ffmpeg-annexb.h264");
        assertArrayEquals(expected, Files.readAllBytes(DIR.resolve("consumer.h264")));
        byte[] first = annexb.getExchanges().get(0).getMessage().getBody(MediaPacket.class).data();
        assertArrayEquals(new byte[] { 0, 0, 0, 1 }, Arrays.copyOf(first, 4), "a start code, not an avcC length");
    }

    @Test
    void producerBsfIsByteExact() throws Exception {
        run("producer");
        byte[] expected = ffmpeg("h264_metadata=aud=insert", "ffmpeg-aud.h264");
        byte[] ours = Files.readAllBytes(DIR.resolve("producer.h264"));
        assertArrayEquals(expected, ours);
        assertFalse(Arrays.equals(ffmpeg("null", "ffmpeg-plain.h264"), ours), "the filter inserted AUDs");
    }

    @Test
    void encodedStreamsGoThroughTheChainToo() throws Exception {
        run("encoded", 10);
        Path out = DIR.resolve("encoded.h264");
        assertEquals(10, FfmpegCli.countFrames(out, "v:0"));
        assertEquals(10, accessUnitDelimiters(Files.readAllBytes(out)), "one AUD per frame, as -c:v ... -bsf:v gives");
    }

    /** H.264 NAL units of type 9 (access unit delimiter) after a 3- or 4-byte start code. */
    private static int accessUnitDelimiters(byte[] h264) {
        int n = 0;
        for (int i = 0; i + 3 < h264.length; i++) {
            if (h264[i] == 0 && h264[i + 1] == 0 && h264[i + 2] == 1 && (h264[i + 3] & 0x1f) == 9) {
                n++;
            }
        }
        return n;
    }

    @Test
    void packetsAreFilteredInTheMediaLayerToo() {
        List<MediaPacket> plain = packets(BitStreamFilters.NONE);
        List<MediaPacket> annexb = packets(new BitStreamFilters("h264_mp4toannexb", null));
        assertEquals(plain.size(), annexb.size());
        assertEquals(plain.get(0).pts(), annexb.get(0).pts());
        assertFalse(Arrays.equals(plain.get(0).data(), annexb.get(0).data()));
        assertEquals(0, annexb.get(0).stream().codecParameters().extradata().length > 0
                ? annexb.get(0).stream().codecParameters().extradata()[0] : 0, "Annex B extradata: no avcC version 1");
    }

    @Test
    void unknownOrUnfitFilterFailsTheOpen() {
        assertThrows(AvException.class, () -> packets(new BitStreamFilters("no_such_bsf", null)));
        assertThrows(AvException.class, () -> packets(new BitStreamFilters("hevc_mp4toannexb", null)),
                "an H.264 stream refused by an HEVC-only filter");
        assertTrue(BitStreamFilter.available().containsAll(List.of("h264_mp4toannexb", "dump_extra", "filter_units")));
    }

    /**
     * audioBsf=aac_adtstoasc on MPEG-TS audio: every packet (pts and data) is what ffmpeg -c copy -bsf:a aac_adtstoasc
     * gives (its framemd5), and the stream's extradata becomes the AudioSpecificConfig an MP4 needs.
     */
    @Test
    void audioBsfTakesTheAdtsHeadersOff() throws Exception {
        Path ts = DIR.resolve("aac.ts");
        if (!Files.exists(ts)) {
            FfmpegCli.ffmpeg("-f", "lavfi", "-i", "sine=f=440:sample_rate=48000:d=1", "-c:a", "aac", ts.toString());
        }
        List<MediaPacket> ours = Await.readAll(ReaderOptions.builder(ts.toString()).packets(true)
                .bsf(new BitStreamFilters(null, "aac_adtstoasc")).build()).stream().map(MediaPacket.class::cast).toList();
        List<String> expected = List.of(new String(FfmpegCli.output("-i", ts.toString(), "-map", "0:a", "-c", "copy",
                "-bsf:a", "aac_adtstoasc", "-f", "framemd5", "-"), java.nio.charset.StandardCharsets.US_ASCII)
                .split("\\R")).stream().filter(l -> !l.startsWith("#")).map(l -> {
                    String[] f = l.split(",\\s*");
                    return f[1] + " " + f[5];
                }).toList();
        long first = ours.get(0).pts(); // the CLI's output starts at 0, the TS at 1.4 s
        assertEquals(expected, ours.stream().map(p -> (p.pts() - first) + " " + md5(p.data())).toList());
        assertEquals(2, ours.get(0).stream().codecParameters().extradata().length, "AudioSpecificConfig");
        List<MediaPacket> plain = Await.readAll(ReaderOptions.builder(ts.toString()).packets(true).build()).stream()
                .map(MediaPacket.class::cast).toList();
        assertEquals(0xFF, plain.get(0).data()[0] & 0xFF, "without the filter: an ADTS sync word");

        // and a route remuxes them into an MP4 that ffprobe reads whole
        Path mp4 = DIR.resolve("aac.mp4");
        Files.deleteIfExists(mp4);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("av:" + ts + "?mode=packets&streams=audio&audioBsf=aac_adtstoasc").routeId("aac").autoStartup(false)
                        .to("av:" + mp4);
            }
        });
        run("aac", ours.size());
        assertEquals(ours.size(), FfmpegCli.countPackets(mp4, "a:0"));
        assertEquals(ours.size(), FfmpegCli.countFrames(mp4, "a:0"));
    }

    private static String md5(byte[] data) throws RuntimeException {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5").digest(data));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<MediaPacket> packets(BitStreamFilters bsf) {
        return Await.readAll(ReaderOptions.builder(MP4.toString()).packets(true).bsf(bsf).build()).stream()
                .map(MediaPacket.class::cast).toList();
    }
}
