package org.camelav.dataformat;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.camelav.media.AvException;
import org.camelav.media.video.VideoFrame;
import org.camelav.testsupport.DamagedMedia;
import org.camelav.testsupport.FfmpegCli;
import org.camelav.testsupport.QuietFfmpeg;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Damaged PNG, JPEG and WebP (lossy and lossless) bodies, damaged as DamagedMediaFuzzTest damages media, through
 * {@code unmarshal().custom("av-image")} and the BufferedImage converter, and through
 * {@code av:body?operation=thumbnail}: each ends with a picture that has pixels or an error, within its timeout, never
 * a crash (surefire's fork would die), a hang or an empty result. {@code -Dav.fuzz.images=N} sets the number of files.
 */
@ExtendWith(QuietFfmpeg.class)
class DamagedImageFuzzTest extends CamelTestSupport {

    private static final long SEED = Long.getLong("av.fuzz.seed", 16);
    private static final int COUNT = Integer.getInteger("av.fuzz.images", 160);
    private static final String[][] SOURCES = { { "png" }, { "jpg" }, { "webp", "-c:v", "libwebp" },
        { "webp", "-c:v", "libwebp", "-lossless", "1" } };
    private static final String[] DAMAGES = { "flip", "truncate", "zero", "swap" };

    private final ExecutorService calls = Executors.newCachedThreadPool();


    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:unmarshal").unmarshal().custom("av-image");
            }
        };
    }

    private static byte[] source(int i, Path dir) throws Exception {
        String[] s = SOURCES[i];
        Path file = dir.resolve("clean-" + i + "." + s[0]);
        if (!Files.exists(file)) {
            List<String> args = new ArrayList<>(List.of("-f", "lavfi", "-i", "testsrc2=size=96x64", "-frames:v", "1"));
            args.addAll(Arrays.asList(s).subList(1, s.length));
            args.add(file.toString());
            FfmpegCli.ffmpeg(args.toArray(String[]::new));
        }
        return Files.readAllBytes(file);
    }

    @Test
    void everyDamagedImageEndsWithPixelsOrAnError() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "fuzz-images"));
        byte[][] clean = new byte[SOURCES.length][];
        for (int i = 0; i < SOURCES.length; i++) {
            clean[i] = source(i, dir);
        }
        Random random = new Random(SEED);
        Map<String, Integer> outcomes = new TreeMap<>();
        List<String> bad = new ArrayList<>();
        for (int i = 0; i < COUNT; i++) {
            int si = i % SOURCES.length;
            String kind = DAMAGES[(i / SOURCES.length) % DAMAGES.length];
            byte[] b = clean[si].clone();
            String how = DamagedMedia.damage(kind, b, random);
            byte[] image = kind.equals("truncate") ? Arrays.copyOf(b, Integer.parseInt(how)) : b;
            String name = String.join(" ", SOURCES[si]) + " " + kind + " " + how;
            for (String op : new String[] { "av-image", "thumbnail" }) {
                String outcome = call(op.equals("av-image") ? () -> unmarshal(image) : () -> thumbnail(image));
                outcomes.merge(op + " " + outcome, 1, Integer::sum);
                if (outcome.equals("hang") || outcome.startsWith("silent")) {
                    bad.add(op + " " + name + ": " + outcome);
                }
            }
        }
        System.out.println("MEASURED image fuzz seed " + SEED + ", " + COUNT + " images: " + outcomes);
        assertTrue(bad.isEmpty(), bad.size() + " cases hung or ended silently: " + bad);
        assertTrue(outcomes.keySet().stream().anyMatch(k -> k.startsWith("av-image ok")), outcomes.toString());
        assertTrue(outcomes.keySet().stream().anyMatch(k -> k.startsWith("av-image error")), outcomes.toString());
    }

    /** Decoded through the data format, then converted to a BufferedImage as a route would. */
    private String unmarshal(byte[] image) {
        VideoFrame frame = template.requestBody("direct:unmarshal", image, VideoFrame.class);
        if (frame == null || frame.width() <= 0 || frame.height() <= 0) {
            return "silent (frame " + frame + ")";
        }
        BufferedImage img = context.getTypeConverter().convertTo(BufferedImage.class, frame);
        return img == null || img.getWidth() != frame.width() ? "silent (no BufferedImage)" : "ok";
    }

    private String thumbnail(byte[] image) {
        byte[] png = template.requestBody("av:body?operation=thumbnail&imageFormat=png", image, byte[].class);
        return png == null || png.length < 8 ? "silent (thumbnail " + (png == null ? "null" : png.length + " bytes")
                + ")" : "ok";
    }

    private String call(Callable<String> job) throws InterruptedException {
        Future<String> f = calls.submit(job);
        try {
            return f.get(30, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            return "hang";
        } catch (ExecutionException e) {
            Throwable t = e.getCause();
            while (t.getCause() != null && !(t instanceof AvException)) {
                t = t.getCause();
            }
            return "error " + t.getClass().getSimpleName();
        }
    }
}
