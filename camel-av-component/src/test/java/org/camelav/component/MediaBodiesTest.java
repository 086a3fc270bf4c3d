package org.camelav.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;

import org.apache.camel.Exchange;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.camelav.media.AvException;
import org.camelav.media.MediaType;
import org.camelav.media.StreamInfo;
import org.camelav.media.container.MediaInfo;
import org.camelav.testsupport.FfmpegCli;
import org.junit.jupiter.api.Test;

/** Media that arrives as a message body (file, bytes, stream): probe, transcode, thumbnail. */
class MediaBodiesTest extends CamelTestSupport {

    private static final Path INBOX = Path.of("target", "inbox");
    private static final Path DIR = Path.of("target", "bodies");

    /** Clips in three containers, with and without audio, written by the bundled ffmpeg (the oracle's own encoder). */
    private static Path clip(String name, boolean audio) {
        Path p = DIR.resolve(name);
        if (!Files.exists(p)) {
            try {
                Files.createDirectories(DIR);
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
            if (audio) {
                FfmpegCli.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=160x120:rate=25", "-f", "lavfi", "-i",
                        "sine=frequency=440:sample_rate=44100", "-t", "1.6", "-c:v", "mpeg4", "-g", "10", "-c:a", "aac",
                        p.toString());
            } else {
                FfmpegCli.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=160x120:rate=25", "-frames:v", "37", "-c:v",
                        "mpeg4", "-g", "10", p.toString());
            }
        }
        return p;
    }

    @Override
    protected RouteBuilder createRouteBuilder() throws Exception {
        Files.createDirectories(INBOX);
        try (var s = Files.list(INBOX)) {
            s.forEach(p -> p.toFile().delete());
        }
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("file:" + INBOX + "?noop=true").routeId("inbox").to("av:body?operation=probe").to("mock:probed");
                from("direct:probe").to("av:body?operation=probe");
                from("direct:webm").to("av:body?operation=transcode&format=webm&codec=libvpx-vp9&bitRate=200000");
                from("direct:thumb").to("av:body?operation=thumbnail&thumbnailTime=0.4&quality=95");
            }
        };
    }

    @Test
    void probeOfFilesFromAnInboxMatchesFfprobe() throws Exception {
        List<String> names = List.of("a.mp4", "b.mkv", "c.ts", "d-audio.mp4", "e-audio.mkv", "f-audio.ts");
        MockEndpoint mock = getMockEndpoint("mock:probed");
        mock.expectedMessageCount(names.size());
        for (String n : names) {
            Files.copy(clip(n, n.contains("audio")), INBOX.resolve(n));
        }
        mock.assertIsSatisfied(30_000);
        for (Exchange e : mock.getReceivedExchanges()) {
            String name = e.getMessage().getHeader(Exchange.FILE_NAME, String.class);
            Path original = DIR.resolve(name);
            MediaInfo info = e.getMessage().getBody(MediaInfo.class);
            StreamInfo v = info.first(MediaType.VIDEO);
            assertEquals(FfmpegCli.countFrames(original, "v:0"), v.frames(), name + " video frames");
            double ffDuration = Double.parseDouble(FfmpegCli.probeValues(original, "v:0", "format=duration").get(0));
            assertEquals(ffDuration, info.durationSeconds(), 0.001, name + " duration");
            assertEquals(160, v.width());
            if (name.contains("audio")) {
                StreamInfo a = info.first(MediaType.AUDIO);
                // audio frames as the container counts them (packets): decoding drops AAC's priming frame in MP4
                assertEquals(FfmpegCli.countPackets(original, "a:0"), a.frames(), name + " audio frames");
                assertEquals(44100, a.sampleRate());
            }
            String json = e.getMessage().getBody(String.class);
            assertTrue(json.contains("\"nb_frames\":" + v.frames()), json);
        }
    }

    @Test
    void bytesMp4TranscodesToWebmBytes() throws Exception {
        byte[] mp4 = Files.readAllBytes(clip("d-audio.mp4", true));
        Exchange out = template.request("direct:webm", x -> x.getMessage().setBody(mp4));
        if (out.getException() != null) {
            throw out.getException();
        }
        byte[] webm = assertInstanceOf(byte[].class, out.getMessage().getBody());
        Path file = Files.write(DIR.resolve("out.webm"), webm);
        assertEquals(List.of("vp9"), FfmpegCli.probeValues(file, "v", "stream=codec_name"));
        assertEquals(List.of("opus"), FfmpegCli.probeValues(file, "a", "stream=codec_name"), "webm's default audio");
        assertEquals(FfmpegCli.countFrames(clip("d-audio.mp4", true), "v:0"), FfmpegCli.countFrames(file, "v:0"));
    }

    @Test
    void thumbnailOfASolidColourHasThatColour() throws Exception {
        Path solid = DIR.resolve("solid.mp4");
        if (!Files.exists(solid)) {
            Files.createDirectories(DIR);
            FfmpegCli.ffmpeg("-f", "lavfi", "-i", "color=c=0x3366CC:size=160x120:rate=25", "-frames:v", "25", "-c:v",
                    "mpeg4", "-q:v", "2", solid.toString());
        }
        Exchange out = template.request("direct:thumb", x -> x.getMessage().setBody(solid.toFile()));
        assertEquals("image/jpeg", out.getMessage().getHeader(Exchange.CONTENT_TYPE));
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(out.getMessage().getBody(byte[].class)));
        assertEquals(160, img.getWidth());
        int rgb = img.getRGB(80, 60);
        assertEquals(0x33, (rgb >> 16) & 0xff, 6);
        assertEquals(0x66, (rgb >> 8) & 0xff, 6);
        assertEquals(0xCC, rgb & 0xff, 6);
    }

    @Test
    void mpegTsFromAStreamThatCannotSeek() throws Exception {
        byte[] ts = Files.readAllBytes(clip("c.ts", false));
        FilterInputStream once = new FilterInputStream(new ByteArrayInputStream(ts)) {
            @Override
            public boolean markSupported() {
                return false;
            }
        };
        MediaInfo info = template.requestBody("direct:probe", once, MediaInfo.class);
        assertEquals(37, info.first(MediaType.VIDEO).frames());
    }

    @Test
    void aTextBodyFailsCleanlyAndStaysOnTheExchange() {
        String text = "Dear customer, please find the video attached.\n".repeat(50);
        Exchange out = template.request("direct:probe", x -> x.getMessage().setBody(text));
        AvException e = assertInstanceOf(AvException.class, out.getException());
        assertTrue(e.getMessage().contains("Invalid data found when processing input"), e.getMessage());
        assertSame(text, out.getMessage().getBody(), "the original body is not lost");
    }
}
