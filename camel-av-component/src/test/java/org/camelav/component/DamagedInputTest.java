package org.camelav.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.camelav.media.AvInvalidDataException;
import org.camelav.media.AvNotFoundException;
import org.camelav.media.container.MediaInfo;
import org.camelav.testsupport.Await;
import org.camelav.testsupport.FfmpegCli;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Inputs that hold no media end visibly (an error or an end-of-stream exchange), and headers never steer an output. */
class DamagedInputTest extends CamelTestSupport {

    private static final Path DIR = Path.of("target", "damaged-input");

    /** A 10-frame 64x48 testsrc2 clip made by the bundled ffmpeg once; {@code extra} goes before the output name. */
    private static Path clip(String name, String codec, String... extra) throws Exception {
        Path file = DIR.resolve(name);
        if (!Files.exists(file)) {
            Files.createDirectories(DIR);
            List<String> args = new java.util.ArrayList<>(List.of("-f", "lavfi", "-i", "testsrc2=size=64x48:rate=25",
                    "-frames:v", "10", "-c:v", codec));
            args.addAll(List.of(extra));
            args.add(file.toString());
            FfmpegCli.ffmpeg(args.toArray(String[]::new));
        }
        return file;
    }

    /** A MOV whose only stream is a data stream (the timecode track of a clip, copied alone), as ffprobe sees it. */
    private static Path dataOnlyMov() throws Exception {
        Path withTimecode = clip("timecode.mov", "mpeg4", "-timecode", "00:00:00:00");
        Path dataOnly = DIR.resolve("data-only.mov");
        FfmpegCli.ffmpeg("-i", withTimecode.toString(), "-map", "0:d", "-c", "copy", dataOnly.toString());
        assertEquals(List.of("data"), FfmpegCli.probeValues(dataOnly, "", "stream=codec_type"));
        return dataOnly;
    }

    /** A WebM cut inside its first block: headers and tracks intact, no frame to decode (as ffprobe finds too). */
    private static Path headersOnlyWebm() throws Exception {
        Path clean = clip("clean.webm", "libvpx");
        Path cut = DIR.resolve("headers-only.webm");
        long first = FfmpegCli.probeValues(clean, "v:0", "packet=pos").stream().filter(s -> s.matches("\\d+"))
                .mapToLong(Long::parseLong).min().orElseThrow();
        Files.write(cut, Arrays.copyOf(Files.readAllBytes(clean), (int) first - 8));
        String frames = FfmpegCli.probeValues(cut, "v:0", "stream=nb_read_frames", "-count_frames").get(0);
        assertTrue(frames.equals("0") || frames.equals("N/A"), "ffprobe decodes no frame either: " + frames);
        return cut;
    }

    private static Throwable cause(CamelExecutionException e) {
        return e.getCause();
    }

    @Test
    void transcodeOfADataOnlyMovFailsSayingNoStreamWasSelected() throws Exception {
        byte[] body = Files.readAllBytes(dataOnlyMov());
        CamelExecutionException e = assertThrows(CamelExecutionException.class, () -> template
                .requestBody("av:body?operation=transcode&format=matroska", body, byte[].class));
        AvNotFoundException av = assertInstanceOf(AvNotFoundException.class, cause(e));
        assertTrue(av.getMessage().contains("No stream selected by streams=best; input has #0 data"), av.getMessage());

        Path out = DIR.resolve("data-only-out.mkv");
        Files.deleteIfExists(out);
        e = assertThrows(CamelExecutionException.class,
                () -> template.sendBody("av:" + out + "?operation=transcode", body));
        assertInstanceOf(AvNotFoundException.class, cause(e));
        assertFalse(Files.exists(out), "no output file for no media");
    }

    @Test
    void transcodeOfAFileWithNoDecodableFrameFails() throws Exception {
        byte[] body = Files.readAllBytes(headersOnlyWebm());
        CamelExecutionException e = assertThrows(CamelExecutionException.class, () -> template
                .requestBody("av:body?operation=transcode&format=matroska", body, byte[].class));
        AvInvalidDataException av = assertInstanceOf(AvInvalidDataException.class, cause(e));
        assertTrue(av.getMessage().contains("Transcode produced no media: no frame could be decoded from #0 video"),
                av.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "?latestFrame=true", "?mode=packets" })
    void aConsumerOnAFileWithNoFrameEmitsOneEmptyEndOfStreamExchange(String query) throws Exception {
        Path file = headersOnlyWebm();
        List<Exchange> got = new CopyOnWriteArrayList<>();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("av:" + file + query).routeId("empty").process(got::add);
            }
        });
        AvConsumer consumer = (AvConsumer) context.getRoute("empty").getConsumer();
        Await.until("the end of the input", 20, () -> "ENDED".equals(consumer.getState()) && !got.isEmpty());
        // the empty end-of-stream exchange is the reader's last act (AvConsumer.endedEmpty): nothing can follow it
        assertEquals(1, got.size());
        Exchange eos = got.get(0);
        assertNull(eos.getMessage().getBody());
        assertEquals(Boolean.TRUE, eos.getMessage().getHeader(AvConstants.END_OF_STREAM));
        assertNull(eos.getMessage().getHeader(AvConstants.FRAME_INDEX));
        assertNull(eos.getMessage().getHeader(AvConstants.MEDIA_TYPE));
    }

    @Test
    void aConsumerOnADataOnlyFileRaisesTheError() throws Exception {
        Path file = dataOnlyMov();
        List<Exchange> failures = new CopyOnWriteArrayList<>();
        List<Exchange> got = new CopyOnWriteArrayList<>();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                onException(Exception.class).handled(true).process(failures::add);
                from("av:" + file + "?bridgeErrorHandler=true").process(got::add);
            }
        });
        Await.until("the error", 20, () -> !failures.isEmpty());
        Exception e = failures.get(0).getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        assertInstanceOf(AvNotFoundException.class, e);
        assertTrue(e.getMessage().contains("No video or audio stream in input (#0 data"), e.getMessage());
        assertTrue(got.isEmpty(), "the error, not an end-of-stream exchange as well");
    }

    @ParameterizedTest
    @ValueSource(strings = { "1/0", "0/1", "-1/25", "1/-25", "x/y", "" })
    void aRawPixelBodyWithAnInvalidTimeBaseIsRejected(String timeBase) throws Exception {
        Path out = DIR.resolve("raw-tb.mkv");
        Files.createDirectories(DIR);
        Files.deleteIfExists(out);
        Map<String, Object> headers = Map.of(AvConstants.WIDTH, 64, AvConstants.HEIGHT, 48, AvConstants.PIXEL_FORMAT,
                "bgr24", AvConstants.PTS, 0L, AvConstants.TIME_BASE, timeBase);
        CamelExecutionException e = assertThrows(CamelExecutionException.class,
                () -> template.sendBodyAndHeaders("av:" + out + "?codec=mpeg4", new byte[64 * 48 * 3], headers));
        IllegalArgumentException iae = assertInstanceOf(IllegalArgumentException.class, cause(e));
        assertTrue(iae.getMessage().contains("header CamelAvTimeBase '" + timeBase + "' is not a valid time base"),
                iae.getMessage());
        assertFalse(Files.exists(out));
    }

    @Test
    void aRawPixelBodyWithAValidTimeBaseIsWritten() throws Exception {
        Path out = DIR.resolve("raw-ok.mkv");
        Files.createDirectories(DIR);
        Files.deleteIfExists(out);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:raw").routeId("raw").to("av:" + out + "?codec=mpeg4");
            }
        });
        for (long pts = 0; pts < 5; pts++) {
            template.sendBodyAndHeaders("direct:raw", new byte[64 * 48 * 3], Map.of(AvConstants.WIDTH, 64,
                    AvConstants.HEIGHT, 48, AvConstants.PIXEL_FORMAT, "bgr24", AvConstants.PTS, pts,
                    AvConstants.TIME_BASE, "1/25"));
        }
        context.getRouteController().stopRoute("raw");
        assertEquals(5, FfmpegCli.countFrames(out, "v:0"));
    }

    /** File-name headers, traversal included, and made-up CamelAv* ones neither move nor add an output. */
    @Test
    void hostileHeadersNeverRedirectAnOutput() throws Exception {
        Path dir = DIR.resolve("headers");
        Path out = dir.resolve("out.mkv");
        Files.createDirectories(dir);
        Files.deleteIfExists(out);
        Path clip = clip("clip.mp4", "mpeg4");
        Map<String, Object> hostile = Map.of(Exchange.FILE_NAME, "../../escaped-name.mkv",
                Exchange.OVERRULE_FILE_NAME, "../escaped-overrule.mkv", "CamelAvOutput", "../escaped-output.mkv",
                "CamelAvUrl", "file:../escaped-url.mkv", "CamelAvFormat", "image2");
        template.sendBodyAndHeaders("av:" + out + "?operation=transcode", Files.readAllBytes(clip), hostile);
        assertEquals(10, FfmpegCli.countFrames(out, "v:0"));
        try (var files = Files.walk(DIR.getParent(), 3)) {
            assertEquals(List.of(), files.filter(p -> p.getFileName().toString().startsWith("escaped")).toList());
        }
        // the probe reports the name FFmpeg was given, the header's, as ffprobe prints the name it is given; the
        // format comes from the bytes
        MediaInfo info = template.requestBodyAndHeaders("av:body?operation=probe", Files.readAllBytes(clip), hostile,
                MediaInfo.class);
        assertEquals("../../escaped-name.mkv", info.name());
        assertTrue(info.formatName().contains("mp4"), info.formatName());
    }
}
