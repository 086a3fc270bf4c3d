package org.camelav.component;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

import org.apache.camel.Exchange;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.camelav.dataformat.AvImageDataFormat;
import org.camelav.media.MediaItem;
import org.camelav.media.container.MediaReader;
import org.camelav.media.container.ReaderOptions;
import org.camelav.media.video.VideoFrame;
import org.camelav.media.video.VideoReformatter;
import org.camelav.testsupport.FfmpegCli;
import org.camelav.testsupport.TestMedia;
import org.junit.jupiter.api.Test;

/** Issue 6, frames as images: converters, the av-image data format and image bodies on the producer, in routes. */
class FramesAsImagesTest extends CamelTestSupport {

    private final Path dir = Path.of("target", "frames-as-images");
    private final Path solid = TestMedia.solid("solid.mkv", "0x3366CC", 5);
    private final Path clip = TestMedia.clip("thumbs-src.mp4", 100, 25, false);

    @Override
    protected RouteBuilder createRouteBuilder() throws Exception {
        Files.createDirectories(dir);
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("av:" + solid + "?maxFrames=1").routeId("solid").autoStartup(false).to("mock:solid");
                from("av:" + clip + "?maxFrames=1").routeId("one-frame").autoStartup(false).to("mock:frame");
                from("direct:jpeg20").marshal(new AvImageDataFormat("jpeg", 20));
                from("direct:jpeg90").marshal(new AvImageDataFormat("jpeg", 90));
                from("direct:png").marshal(new AvImageDataFormat("png", 80));
                from("direct:decode").unmarshal(new AvImageDataFormat());
                from("direct:images").to("av:" + dir.resolve("images.mp4") + "?codec=mpeg4&frameRate=10");
                from("av:" + clip + "?skipFrame=NONKEY").routeId("thumbs").autoStartup(false)
                        .marshal(new AvImageDataFormat("jpeg", 80))
                        .to("file:" + dir.resolve("thumbs") + "?fileName=thumb-${header.CamelAvPts}.jpg");
                // one encoder thread: each image is written by its own exchange (frame threads would hold some back)
                from("direct:continued").routeId("continued")
                        .to("av:" + dir.resolve("continued") + "/img-%2503d.png?codec=png&codecOptions.threads=1");
                from("av:" + clip + "?maxFrames=12").routeId("sequence").autoStartup(false)
                        .to("av:" + dir.resolve("frames") + "/f-%2503d.png?codec=png");
            }
        };
    }

    private VideoFrame firstFrame(String route, String mock) throws Exception {
        MockEndpoint m = getMockEndpoint(mock);
        m.expectedMessageCount(1);
        context.getRouteController().startRoute(route);
        m.assertIsSatisfied(30_000);
        return m.getReceivedExchanges().get(0).getMessage().getBody(VideoFrame.class);
    }

    private void runToCompletion(String route, int exchanges) {
        NotifyBuilder done = new NotifyBuilder(context).fromRoute(route).whenCompleted(exchanges).create();
        try {
            context.getRouteController().startRoute(route);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        assertTrue(done.matches(60, TimeUnit.SECONDS), route + " did not complete " + exchanges + " exchanges");
    }

    private static void deleteAll(Path folder) throws IOException {
        if (Files.exists(folder)) {
            try (Stream<Path> files = Files.list(folder)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
        }
    }

    private static List<Path> list(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.sorted().toList();
        }
    }

    @Test
    void frameBodyConvertsToABufferedImageOfTheExactColour() throws Exception {
        MockEndpoint m = getMockEndpoint("mock:solid");
        m.expectedMessageCount(1);
        context.getRouteController().startRoute("solid");
        m.assertIsSatisfied(30_000);
        Exchange e = m.getReceivedExchanges().get(0);
        assertEquals("yuv444p", e.getMessage().getHeader(AvConstants.PIXEL_FORMAT), "the converter must do swscale");
        BufferedImage img = e.getMessage().getBody(BufferedImage.class);
        assertEquals(List.of(160, 120), List.of(img.getWidth(), img.getHeight()));
        for (int[] p : new int[][] { { 0, 0 }, { 159, 0 }, { 80, 60 }, { 3, 117 }, { 159, 119 } }) {
            int rgb = img.getRGB(p[0], p[1]);
            assertEquals(0x33, (rgb >> 16) & 0xff, 2, "R at " + p[0] + "," + p[1]);
            assertEquals(0x66, (rgb >> 8) & 0xff, 2, "G at " + p[0] + "," + p[1]);
            assertEquals(0xCC, rgb & 0xff, 2, "B at " + p[0] + "," + p[1]);
        }
    }

    @Test
    void jpegHasTheFrameSizeAndHigherQualityMeansMoreBytes() throws Exception {
        VideoFrame frame = firstFrame("one-frame", "mock:frame");
        Exchange q20 = template.request("direct:jpeg20", ex -> ex.getMessage().setBody(frame));
        Exchange q90 = template.request("direct:jpeg90", ex -> ex.getMessage().setBody(frame));
        byte[] low = q20.getMessage().getBody(byte[].class);
        byte[] high = q90.getMessage().getBody(byte[].class);
        assertEquals("image/jpeg", q90.getMessage().getHeader(Exchange.CONTENT_TYPE));
        for (byte[] jpeg : List.of(low, high)) {
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(jpeg));
            assertEquals(List.of(320, 240), List.of(img.getWidth(), img.getHeight()));
        }
        assertTrue(high.length > low.length, "q90 " + high.length + " bytes vs q20 " + low.length);
        // a BufferedImage body is marshalled too, through the BufferedImage -> VideoFrame converter
        BufferedImage image = context.getTypeConverter().convertTo(BufferedImage.class, frame);
        byte[] fromImage = template.requestBody("direct:png", image, byte[].class);
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(fromImage));
        assertEquals(image.getRGB(160, 120), decoded.getRGB(160, 120), "PNG of the image keeps its pixels");
        System.out.printf("JPEG 320x240 testsrc2 frame: q20=%d bytes, q90=%d bytes%n", low.length, high.length);
    }

    @Test
    void pngRoundTripsPixelExactly() throws Exception {
        VideoFrame frame = firstFrame("one-frame", "mock:frame");
        VideoFrame rgb;
        try (VideoReformatter toRgb = new VideoReformatter("rgb24", 0, 0, null)) {
            rgb = toRgb.reformat(frame);
        }
        byte[] png = template.requestBody("direct:png", rgb, byte[].class);
        VideoFrame back = template.requestBody("direct:decode", png, VideoFrame.class);
        assertEquals(List.of(320, 240, "rgb24"), List.of(back.width(), back.height(), back.pixelFormat()));
        assertArrayEquals(rgb.data(), back.data());
        // found by name through the generated SPI file, options bound by reflection
        byte[] named = template.requestBody("dataformat:av-image:marshal?format=png", rgb, byte[].class);
        assertArrayEquals(png, named);
    }

    @Test
    void bufferedImagesSentToTheProducerBecomeAVideo() throws Exception {
        Path out = dir.resolve("images.mp4");
        Files.deleteIfExists(out);
        for (int i = 0; i < 10; i++) {
            BufferedImage img = new BufferedImage(200, 150, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = img.createGraphics();
            g.setColor(new Color(0x33, 0x66, 0xCC));
            g.fillRect(0, 0, 200, 150);
            g.setColor(Color.WHITE);
            g.fillRect(i * 10, 50, 40, 40);
            g.dispose();
            template.sendBody("direct:images", img);
        }
        context.stop(); // producer stop: flush + trailer
        assertEquals(List.of("mpeg4", "200", "150"), FfmpegCli.probeValues(out, "v:0", "stream=codec_name,width,height"));
        assertEquals(10, FfmpegCli.countFrames(out, "v:0"));
        ReaderOptions o = ReaderOptions.builder(out.toString()).pixelFormat("rgb24").maxFrames(1).build();
        try (MediaReader r = MediaReader.open(o)) {
            MediaItem first = r.next();
            byte[] px = ((VideoFrame) first).data();
            int corner = (140 * 200 + 190) * 3;
            assertEquals(0x33, px[corner] & 0xff, 6);
            assertEquals(0x66, px[corner + 1] & 0xff, 6);
            assertEquals(0xCC, px[corner + 2] & 0xff, 6);
        }
    }

    @Test
    void keyFrameThumbnailsOnePerKeyFrameNamedByPts() throws Exception {
        Path thumbs = dir.resolve("thumbs");
        deleteAll(thumbs);
        long keyFrames = FfmpegCli.countKeyFrames(clip);
        assertEquals(4, keyFrames, "100 frames, GOP 25");
        runToCompletion("thumbs", (int) keyFrames);
        context.getRouteController().stopRoute("thumbs");
        List<Path> files = list(thumbs);
        assertEquals(keyFrames, files.size(), "thumbnails: " + files);
        // the names carry the key frames' pts, as ffprobe reports them
        List<String> probe = FfmpegCli.probeValues(clip, "v:0", "frame=key_frame,pts");
        Set<String> keyPts = new TreeSet<>();
        for (int i = 0; i + 1 < probe.size(); i += 2) {
            if (probe.get(i).equals("1")) {
                keyPts.add("thumb-" + probe.get(i + 1) + ".jpg");
            }
        }
        assertEquals(keyPts, files.stream().map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new)));
        for (Path f : files) {
            BufferedImage img = ImageIO.read(f.toFile());
            assertEquals(List.of(320, 240), List.of(img.getWidth(), img.getHeight()), f.toString());
        }
    }

    @Test
    void imageSequenceThroughTheProducerWritesOnePngPerFrame() throws Exception {
        Path frames = dir.resolve("frames");
        deleteAll(frames);
        Files.createDirectories(frames); // like ffmpeg, the image2 muxer does not create folders
        runToCompletion("sequence", 12);
        context.stop();
        List<Path> files = list(frames);
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            names.add(String.format("f-%03d.png", i));
        }
        assertEquals(names, files.stream().map(p -> p.getFileName().toString()).toList());
        for (Path f : files) {
            File file = f.toFile();
            BufferedImage img = ImageIO.read(file);
            assertEquals(List.of(320, 240), List.of(img.getWidth(), img.getHeight()), file.toString());
        }
        assertEquals(List.of("png", "rgb24"), FfmpegCli.probeValues(files.get(0), "v:0", "stream=codec_name,pix_fmt"));
    }

    @Test
    void imageSequenceNumbersOnAfterAFailedWriteAndARestartInsteadOfOverwriting() throws Exception {
        Path seq = dir.resolve("continued");
        deleteAll(seq);
        Files.createDirectories(seq);
        VideoFrame frame = VideoFrame.of(new byte[64 * 48 * 3], 64, 48, "bgr24");
        for (int i = 0; i < 3; i++) {
            template.sendBody("direct:continued", frame);
        }
        assertEquals(List.of("img-001.png", "img-002.png", "img-003.png"), names(seq));
        deleteAll(seq);
        Files.delete(seq); // the folder goes away: the next image cannot be written
        Exchange failed = template.send("direct:continued", e -> e.getMessage().setBody(frame));
        assertTrue(failed.getException() != null, "the write fails the exchange");
        Files.createDirectories(seq);
        template.sendBody("direct:continued", frame); // a new writer: number 4, not 1 again
        template.sendBody("direct:continued", frame);
        context.getRouteController().stopRoute("continued");
        context.getRouteController().startRoute("continued");
        template.sendBody("direct:continued", frame);
        context.getRouteController().stopRoute("continued");
        assertEquals(List.of("img-004.png", "img-005.png", "img-006.png"), names(seq));
    }

    private static List<String> names(Path folder) throws IOException {
        return list(folder).stream().map(p -> p.getFileName().toString()).toList();
    }
}
