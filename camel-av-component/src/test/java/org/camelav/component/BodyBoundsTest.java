package org.camelav.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.camel.Exchange;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.camelav.media.AvRefusedException;
import org.camelav.media.container.MediaInfo;
import org.camelav.testsupport.FfmpegCli;
import org.junit.jupiter.api.Test;

/**
 * The bounds on untrusted bodies (maxBodySize, maxBodyDuration, maxBodyFrames, maxPixels): each refuses with an
 * AvRefusedException that names it, before the work it bounds is done, and a body inside the bounds still works.
 */
class BodyBoundsTest extends CamelTestSupport {

    /** 10 s, 250 frames of H.264 in MPEG-TS: streamable, so it can also arrive as an InputStream. */
    private static synchronized Path clip() {
        Path ts = Path.of("target", "test-media", "bounds-10s.ts");
        if (!Files.exists(ts)) {
            FfmpegCli.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25", "-frames:v", "250", "-c:v",
                    "libopenh264", "-g", "25", "-f", "mpegts", ts.toString());
        }
        return ts;
    }

    private Exchange send(String uri, Object body) {
        return template.send(uri, e -> e.getMessage().setBody(body));
    }

    private static void assertRefused(Exchange e, String named) {
        assertTrue(e.getException() instanceof AvRefusedException, String.valueOf(e.getException()));
        assertTrue(e.getException().getMessage().contains(named), e.getException().getMessage());
    }

    @Test
    void maxBodySizeRefusesBytesFilesAndStreamsAsSoonAsTheyCrossIt() throws Exception {
        byte[] media = Files.readAllBytes(clip());
        long bound = media.length - 1;
        assertRefused(send("av:body?operation=probe&maxBodySize=" + bound, media),
                "has " + media.length + " bytes, more than maxBodySize=" + bound);
        assertRefused(send("av:body?operation=probe&maxBodySize=" + bound, clip().toFile()),
                "has " + media.length + " bytes, more than maxBodySize=" + bound);
        // an endless stream: refused once 1 MB is read, never read (or buffered) whole
        AtomicLong served = new AtomicLong();
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                int n = Math.min(len, 4096);
                for (int i = 0; i < n; i++) {
                    b[off + i] = media[(int) ((served.get() + i) % media.length)];
                }
                served.addAndGet(n);
                return n;
            }
        };
        Exchange e = send("av:body?operation=transcode&format=matroska&maxBodySize=1000000", endless);
        assertRefused(e, "longer than maxBodySize=1000000");
        assertTrue(served.get() < 1_200_000, "read " + served.get() + " bytes of the stream");
        Exchange fits = send("av:body?operation=probe&maxBodySize=" + media.length, media);
        assertNull(fits.getException());
        assertEquals("h264", fits.getMessage().getBody(MediaInfo.class).streams().get(0).codecName());
    }

    @Test
    void maxBodyDurationAndMaxBodyFramesStopATranscodeWithTheBoundsName() throws Exception {
        byte[] media = Files.readAllBytes(clip());
        assertRefused(send("av:body?operation=transcode&format=matroska&maxBodyDuration=2", media),
                "later than maxBodyDuration=2.0 s");
        assertRefused(send("av:body?operation=transcode&format=matroska&maxBodyFrames=100", media),
                "more than maxBodyFrames=100 packets");
        Exchange fits = send("av:body?operation=transcode&format=matroska&maxBodyDuration=11&maxBodyFrames=250", media);
        assertNull(fits.getException());
        Path out = Files.createTempFile("bounds", ".mkv");
        Files.write(out, fits.getMessage().getBody(byte[].class));
        assertEquals(250, FfmpegCli.countFrames(out, "v:0"));
    }

    /**
     * A 60-byte YUV4MPEG body whose header claims 16000x8000 pictures (FFmpeg's own bound, about 16384x16384, lets
     * them through): refused on its header, before the demuxer reads (and allocates) a 192 MB first frame.
     */
    @Test
    void maxPixelsRefusesACraftedPictureHeader() throws Exception {
        byte[] y4m = "YUV4MPEG2 W16000 H8000 F25:1 Ip A1:1 C420jpeg\nFRAME\n\u0010\u0010"
                .getBytes(StandardCharsets.US_ASCII);
        assertRefused(send("av:body?operation=thumbnail", y4m), "has 16000x8000 pictures, more than maxPixels=67108864");
        assertRefused(send("av:body?operation=probe", y4m), "has 16000x8000 pictures");
        byte[] media = Files.readAllBytes(clip());
        assertRefused(send("av:body?operation=thumbnail&maxPixels=1000", media),
                "has 320x240 pictures, more than maxPixels=1000");
        Exchange fits = send("av:body?operation=thumbnail", media);
        assertNull(fits.getException());
        byte[] jpeg = fits.getMessage().getBody(byte[].class);
        assertTrue(jpeg.length > 100 && (jpeg[0] & 0xff) == 0xff && (jpeg[1] & 0xff) == 0xd8, "a JPEG thumbnail");
    }
}
