package org.camelav.media.video;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.imageio.ImageIO;

import org.camelav.media.AvException;
import org.camelav.media.container.ReaderOptions;
import org.camelav.testsupport.FfmpegCli;
import org.camelav.testsupport.TestMedia;
import org.junit.jupiter.api.Test;

/** Frames as Java2D images and as JPEG/PNG/WebP, with FFmpeg's codecs; ImageIO and the ffmpeg CLI are the oracles. */
class ImageCodecTest {

    private static final int R = 0x33;
    private static final int G = 0x66;
    private static final int B = 0xCC;

    private static VideoFrame firstFrame(Path clip, String pixelFormat) {
        ReaderOptions o = ReaderOptions.builder(clip.toString()).pixelFormat(pixelFormat).maxFrames(1).build();
        return (VideoFrame) org.camelav.testsupport.Await.readAll(o).get(0);
    }

    private static void assertRgb(int rgb, int tolerance, String where) {
        assertEquals(R, (rgb >> 16) & 0xff, tolerance, "R at " + where);
        assertEquals(G, (rgb >> 8) & 0xff, tolerance, "G at " + where);
        assertEquals(B, rgb & 0xff, tolerance, "B at " + where);
    }

    @Test
    void yuvFrameBecomesABgrImageOfTheSourceColour() {
        VideoFrame yuv = firstFrame(TestMedia.solid("solid.mkv", "0x3366CC", 5), null);
        assertEquals("yuv444p", yuv.pixelFormat(), "decoded as stored, so to_image must convert");
        BufferedImage img = VideoImages.toImage(yuv);
        assertEquals(BufferedImage.TYPE_3BYTE_BGR, img.getType());
        assertEquals(160, img.getWidth());
        assertEquals(120, img.getHeight());
        for (int[] p : new int[][] { { 0, 0 }, { 159, 0 }, { 80, 60 }, { 0, 119 }, { 159, 119 } }) {
            assertRgb(img.getRGB(p[0], p[1]), 2, p[0] + "," + p[1]);
        }
    }

    @Test
    void imagesBecomePackedFramesAndBackExactly() {
        BufferedImage rgb = new BufferedImage(7, 5, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 5; y++) {
            for (int x = 0; x < 7; x++) {
                rgb.setRGB(x, y, (x * 36) << 16 | (y * 60) << 8 | (x + y) * 20);
            }
        }
        VideoFrame f = VideoImages.fromImage(rgb);
        assertEquals("bgr24", f.pixelFormat());
        assertEquals(7 * 5 * 3, f.data().length);
        // pixel (3,2): B=(3+2)*20, G=2*60, R=3*36, stored B,G,R
        int at = (2 * 7 + 3) * 3;
        assertEquals(List.of(100, 120, 108), List.of(f.data()[at] & 0xff, f.data()[at + 1] & 0xff, f.data()[at + 2] & 0xff));
        BufferedImage back = VideoImages.toImage(f);
        for (int y = 0; y < 5; y++) {
            for (int x = 0; x < 7; x++) {
                assertEquals(rgb.getRGB(x, y), back.getRGB(x, y), "pixel " + x + "," + y);
            }
        }
        // a packed BGR image is copied as is, never shared with the frame
        VideoFrame copy = VideoImages.fromImage(back);
        assertArrayEquals(f.data(), copy.data());
        assertNotSame(f.data(), copy.data());

        BufferedImage argb = new BufferedImage(2, 1, BufferedImage.TYPE_INT_ARGB);
        argb.setRGB(1, 0, 0x80112233);
        VideoFrame bgra = VideoImages.fromImage(argb);
        assertEquals("bgra", bgra.pixelFormat());
        assertArrayEquals(new byte[] { 0x33, 0x22, 0x11, (byte) 0x80 }, java.util.Arrays.copyOfRange(bgra.data(), 4, 8));

        VideoFrame gray = VideoFrame.of(new byte[] { 0, 10, (byte) 200, (byte) 255 }, 2, 2, "gray");
        BufferedImage grayImg = VideoImages.toImage(gray);
        assertEquals(BufferedImage.TYPE_BYTE_GRAY, grayImg.getType());
        assertArrayEquals(gray.data(), VideoImages.fromImage(grayImg).data());
    }

    @Test
    void jpegQualityIsFfmpegsQscaleAndMatchesTheCli() throws IOException {
        assertEquals(31, ImageEncoder.jpegQscale(1));
        assertEquals(2, ImageEncoder.jpegQscale(100));
        assertEquals(8, ImageEncoder.jpegQscale(80));
        Path clip = TestMedia.clip("images-src.mp4", 25, 25, false);
        VideoFrame frame = firstFrame(clip, null);
        byte[] q20;
        byte[] q90;
        try (ImageEncoder low = new ImageEncoder(ImageFormat.JPEG, 20);
                ImageEncoder high = new ImageEncoder(ImageFormat.JPEG, 90)) {
            q20 = low.encode(frame);
            q90 = high.encode(frame);
        }
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(q90));
        assertEquals(320, img.getWidth());
        assertEquals(240, img.getHeight());
        assertTrue(q90.length > 2 * q20.length, "q90 " + q90.length + " bytes vs q20 " + q20.length);
        // the same frame through `ffmpeg -q:v 5` (quality 90 maps to q 5)
        Path cli = Path.of("target", "test-media", "images-src-q5.jpg");
        FfmpegCli.ffmpeg("-i", clip.toString(), "-frames:v", "1", "-q:v", "5", cli.toString());
        long cliSize = Files.size(cli);
        assertEquals(cliSize, q90.length, cliSize * 0.03, "ffmpeg -q:v 5 wrote " + cliSize + " bytes");
        System.out.printf("JPEG 320x240 testsrc2: q20=%d q90=%d ffmpeg -q:v 5=%d bytes%n", q20.length, q90.length,
                cliSize);
    }

    @Test
    void pngRoundTripsPixelExactly() throws IOException {
        VideoFrame rgb = firstFrame(TestMedia.clip("images-src.mp4", 25, 25, false), "rgb24");
        byte[] png;
        try (ImageEncoder enc = new ImageEncoder(ImageFormat.PNG, 80)) {
            png = enc.encode(rgb);
        }
        assertEquals(ImageFormat.PNG, ImageFormat.detect(png));
        VideoFrame decoded;
        try (ImageDecoder dec = new ImageDecoder(null)) {
            decoded = dec.decode(png);
        }
        assertEquals("rgb24", decoded.pixelFormat());
        assertArrayEquals(rgb.data(), decoded.data(), "PNG is lossless");
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
        int p = (100 * 320 + 200) * 3;
        int expected = (rgb.data()[p] & 0xff) << 16 | (rgb.data()[p + 1] & 0xff) << 8 | rgb.data()[p + 2] & 0xff;
        assertEquals(expected, img.getRGB(200, 100) & 0xffffff, "ImageIO reads the same pixel");
    }

    @Test
    void webpAndJpegDecodeToTheSourceColour() {
        VideoFrame solid = firstFrame(TestMedia.solid("solid.mkv", "0x3366CC", 5), null);
        try (ImageDecoder dec = new ImageDecoder("rgb24")) {
            for (ImageFormat format : List.of(ImageFormat.WEBP, ImageFormat.JPEG)) {
                byte[] encoded;
                try (ImageEncoder enc = new ImageEncoder(format, 90)) {
                    encoded = enc.encode(solid);
                }
                assertEquals(format, ImageFormat.detect(encoded));
                VideoFrame back = dec.decode(encoded);
                assertEquals(List.of(160, 120, "rgb24"), List.of(back.width(), back.height(), back.pixelFormat()));
                int mid = (60 * 160 + 80) * 3;
                assertRgb((back.data()[mid] & 0xff) << 16 | (back.data()[mid + 1] & 0xff) << 8
                          | back.data()[mid + 2] & 0xff, 3, format + " centre");
            }
        }
    }

    @Test
    void webpQualityReachesLibwebp() {
        VideoFrame frame = firstFrame(TestMedia.clip("images-src.mp4", 25, 25, false), null);
        int[] sizes = new int[2];
        int i = 0;
        for (int quality : new int[] { 20, 90 }) {
            try (ImageEncoder enc = new ImageEncoder(ImageFormat.WEBP, quality)) {
                sizes[i++] = enc.encode(frame).length;
            }
        }
        assertTrue(sizes[1] > sizes[0] * 3 / 2, "WebP q90 " + sizes[1] + " bytes vs q20 " + sizes[0]);
        System.out.printf("WebP 320x240 testsrc2: q20=%d q90=%d bytes%n", sizes[0], sizes[1]);
    }

    @Test
    void encoderKeepsItsContextUntilTheSizeChanges() {
        VideoFrame big = firstFrame(TestMedia.clip("images-src.mp4", 25, 25, false), null);
        VideoFrame small = firstFrame(TestMedia.solid("solid.mkv", "0x3366CC", 5), null);
        try (ImageEncoder enc = new ImageEncoder(ImageFormat.JPEG, 80)) {
            byte[] first = enc.encode(big);
            byte[] second = enc.encode(big);
            assertEquals(1, enc.opens());
            assertArrayEquals(first, second, "same frame, same quality, same bytes from the reused context");
            enc.encode(small);
            enc.encode(small);
            assertEquals(2, enc.opens());
            assertEquals(ImageFormat.JPEG, ImageFormat.detect(enc.encode(big)));
            assertEquals(3, enc.opens());
        }
    }

    @Test
    void conversionsAreThreadSafe() throws Exception {
        VideoFrame solid = firstFrame(TestMedia.solid("solid.mkv", "0x3366CC", 5), null);
        VideoFrame clip = firstFrame(TestMedia.clip("images-src.mp4", 25, 25, false), null);
        byte[] expected = VideoImages.fromImage(VideoImages.toImage(clip)).data();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 25; i++) {
                        assertRgb(VideoImages.toImage(solid).getRGB(5, 5), 2, "solid");
                        assertArrayEquals(expected, VideoImages.fromImage(VideoImages.toImage(clip)).data());
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void unknownBytesAndBadQualityGiveClearErrors() {
        AvException e = assertThrows(AvException.class, () -> ImageFormat.detect("GIF89a....".getBytes()));
        assertTrue(e.getMessage().contains("Not a JPEG, PNG or WebP image"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ImageEncoder(ImageFormat.JPEG, 0));
        assertThrows(IllegalArgumentException.class, () -> ImageFormat.of("gif"));
        assertEquals(ImageFormat.JPEG, ImageFormat.of("jpg"));
    }
}
