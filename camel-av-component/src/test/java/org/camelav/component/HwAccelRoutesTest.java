package org.camelav.component;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.apache.logging.log4j.Level;
import org.camelav.testsupport.FfmpegCli;
import org.camelav.testsupport.LogCapture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Hardware acceleration on a host without the hardware (CI, this project's machines): every device type falls back to
 * the CPU with one warning that names what is missing, gives the software path's frames bit for bit, and fails the
 * route at start when falling back is forbidden. A hardware encoder falls back to the named software encoder.
 */
class HwAccelRoutesTest extends CamelTestSupport {

    private static final Path DIR = Path.of("target", "hwaccel");
    private static final Path CLIP = DIR.resolve("h264-30.mp4");
    private static final String SELECTION_LOG = "org.camelav.media.codec.HwSelection";
    private static final String WRITER_LOG = "org.camelav.media.container.VideoStreamEncoder";

    @BeforeAll
    static void clip() throws Exception {
        // a GPU host with its driver decodes on the device: these tests are about the fallback
        assumeFalse(Files.exists(Path.of("/dev/nvidia0")) || Files.exists(Path.of("/dev/dri")),
                "this host has a GPU device node: the fallback tests need one without");
        Files.createDirectories(DIR);
        if (!Files.exists(CLIP)) {
            FfmpegCli.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=160x120:rate=25", "-frames:v", "30", "-c:v",
                    "libopenh264", "-g", "10", CLIP.toString());
        }
    }

    private List<Exchange> decode(String options) throws Exception {
        String id = "decode-" + Integer.toHexString(options.hashCode());
        MockEndpoint mock = getMockEndpoint("mock:" + id);
        mock.expectedMessageCount(30);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("av:" + CLIP + "?pixelFormat=bgr24" + options).routeId(id).to("mock:" + id);
            }
        });
        mock.assertIsSatisfied(20_000);
        context.getRouteController().stopRoute(id);
        return mock.getReceivedExchanges();
    }

    @ParameterizedTest
    @CsvSource({ "cuda, libcuda.so.1", "vaapi, /dev/dri/renderD", "qsv, /dev/dri/renderD", "vulkan, Decoder h264",
                 "auto, libcuda.so.1" })
    void everyDeviceTypeFallsBackToTheCpuWithTheSoftwarePathsFramesAndOneWarning(String type, String named)
            throws Exception {
        List<Exchange> software = decode("");
        List<Exchange> hw;
        try (LogCapture log = new LogCapture(SELECTION_LOG)) {
            hw = decode("&hwaccel=" + type);
            assertEquals(1, log.count(Level.WARN), "one WARN: " + log.events());
            String warning = log.events().get(0).message();
            assertTrue(warning.contains(named) && warning.contains("decoding on the CPU"), warning);
        }
        assertEquals(FfmpegCli.countFrames(CLIP, "v:0"), hw.size());
        for (int i = 0; i < hw.size(); i++) {
            assertArrayEquals(software.get(i).getMessage().getBody(byte[].class),
                    hw.get(i).getMessage().getBody(byte[].class), "frame " + i);
            assertEquals(software.get(i).getMessage().getHeader(AvConstants.PTS),
                    hw.get(i).getMessage().getHeader(AvConstants.PTS));
            assertNull(hw.get(i).getMessage().getHeader(AvConstants.HWACCEL), "decoded on the CPU");
        }
        assertEquals("h264", hw.get(0).getMessage().getHeader(AvConstants.CODEC_NAME));
    }

    @Test
    void withoutFallbackTheRouteFailsAtStartNamingTheMissingLibrary() throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("av:" + CLIP + "?hwaccel=cuda&hwaccelFallback=false").routeId("strict").autoStartup(false)
                        .to("mock:strict");
            }
        });
        Exception e = assertThrows(Exception.class, () -> context.getRouteController().startRoute("strict"));
        assertTrue(messages(e).contains("libcuda.so.1 not found"), messages(e));
        assertEquals(0, getMockEndpoint("mock:strict").getReceivedCounter());
    }

    @Test
    void anUnknownDeviceTypeFailsAtRouteCreation() {
        Exception e = assertThrows(Exception.class, () -> context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("av:" + CLIP + "?hwaccel=nosuch").to("mock:none");
            }
        }));
        assertTrue(messages(e).contains("av: invalid option hwaccel=nosuch"), messages(e));
        assertTrue(messages(e).contains("cuda"), "lists the build's types: " + messages(e));
    }

    @Test
    void nvencFallsBackToTheNamedSoftwareEncoderAndWritesValidH264() throws Exception {
        Path out = DIR.resolve("nvenc-fallback.mp4");
        Files.deleteIfExists(out);
        try (LogCapture log = new LogCapture(WRITER_LOG)) {
            write(out, "codec=h264_nvenc&fallbackCodec=libopenh264&codecOptions.preset=p4");
            assertEquals(1, log.count(Level.WARN, "libopenh264"), "one WARN: " + log.events());
            assertTrue(log.count(Level.WARN, "libcuda.so.1 not found") == 1, log.events().toString());
        }
        assertEquals(List.of("h264"), FfmpegCli.probeValues(out, "v:0", "stream=codec_name"));
        assertEquals(30, FfmpegCli.countFrames(out, "v:0"));
    }

    @Test
    void withoutFallbackTheHardwareEncoderFailsTheExchange() throws Exception {
        Path out = DIR.resolve("nvenc-strict.mp4");
        Files.deleteIfExists(out);
        Exchange failed = template.send("av:" + out + "?codec=h264_nvenc&hwaccelFallback=false",
                e -> e.getMessage().setBody(decode("").get(0).getMessage().getBody()));
        assertTrue(failed.getException() != null && messages(failed.getException()).contains("libcuda.so.1"),
                String.valueOf(failed.getException()));
        assertTrue(!Files.exists(out) || Files.size(out) == 0, "no media written");
    }

    private void write(Path out, String options) throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("av:testsrc2=size=160x120:rate=25?format=lavfi&maxFrames=30").routeId("encode")
                        .to("av:" + out + "?" + options);
            }
        });
        // the producer writes the trailer when the route stops: wait for the 30 frames to pass first
        long deadline = System.currentTimeMillis() + 20_000;
        AvConsumer consumer = (AvConsumer) context.getRoute("encode").getConsumer();
        while (consumer.getExchanges() < 30 && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        context.getRouteController().stopRoute("encode");
        context.removeRoute("encode");
    }

    private static String messages(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            sb.append(t.getMessage()).append(" | ");
        }
        return sb.toString();
    }
}
