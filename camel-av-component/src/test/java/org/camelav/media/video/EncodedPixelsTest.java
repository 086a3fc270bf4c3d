package org.camelav.media.video;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

import org.camelav.media.MediaItem;
import org.camelav.media.container.MediaReader;
import org.camelav.media.container.MediaWriter;
import org.camelav.media.container.ReaderOptions;
import org.camelav.media.container.WriterOptions;
import org.camelav.testsupport.FfmpegCli;
import org.camelav.testsupport.TestMedia;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every way a picture reaches the encoder, encoded losslessly and decoded back by the bundled ffmpeg: the pixels
 * are the source's (or what the route drew), and each path makes the copies it should and no more, as
 * {@link PictureCopyDiagnostics} counts them. The width is odd in chroma (83), so FFmpeg's planes have padded rows.
 */
class EncodedPixelsTest {

    private static final int W = 166;
    private static final int H = 98;
    private static final int FRAMES = 8;
    private static final Path DIR = Path.of("target", "encoded-pixels");
    private static Path source;

    /** Copies, conversions and references one stage made. */
    private record Counts(long copies, long conversions, long references) {
        /** For every frame read. */
        static Counts perFrame(long copies, long conversions, long references) {
            return new Counts(copies * FRAMES, conversions * FRAMES, references * FRAMES);
        }

        /** For every frame written but the first, which waits for the header as a copy. */
        static Counts perLaterFrame(long copies, long conversions, long references) {
            int n = FRAMES - 1;
            return new Counts(copies * n, conversions * n, references * n);
        }
    }

    /** What the reader and the writer did, and the pixels the route handed over. */
    private record Run(Counts read, Counts written, byte[] routed) {
    }

    @BeforeAll
    static void source() throws Exception {
        Files.createDirectories(DIR);
        source = DIR.resolve("source-yuv420p.mkv");
        FfmpegCli.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=" + W + "x" + H + ":rate=25", "-frames:v",
                String.valueOf(FRAMES), "-c:v", "ffv1", "-pix_fmt", "yuv420p", source.toString());
    }

    private static Run encode(boolean zeroCopy, String readFormat, Consumer<VideoFrame> route, Path out, String codec,
            String encodeFormat) throws Exception {
        Files.deleteIfExists(out);
        long leases = FrameLease.outstanding();
        ReaderOptions in = ReaderOptions.builder(source.toString()).zeroCopy(zeroCopy).pixelFormat(readFormat).build();
        WriterOptions o = WriterOptions.builder(out.toString()).codec(codec).pixelFormat(encodeFormat).build();
        long[] read = new long[3];
        long[] written = new long[3];
        ByteArrayOutputStream routed = new ByteArrayOutputStream();
        try (MediaReader r = MediaReader.open(in); MediaWriter w = new MediaWriter(o)) {
            int n = 0;
            while (true) {
                long[] before = PictureCopyDiagnostics.snapshot();
                MediaItem item = r.next();
                add(read, before, true); // the reader decodes ahead: count all its calls
                if (item == null) {
                    break;
                }
                VideoFrame f = (VideoFrame) item;
                route.accept(f);
                before = PictureCopyDiagnostics.snapshot();
                w.write(f);
                add(written, before, n > 0);
                if (!zeroCopy || readFormat != null) {
                    routed.write(f.data());
                }
                f.release(); // as the consumer does when the exchange completes
                n++;
            }
            assertEquals(FRAMES, n);
        }
        assertEquals(leases, FrameLease.outstanding(), "every lease given back");
        assertEquals(FRAMES, FfmpegCli.countFrames(out, "v:0"));
        return new Run(counts(read), counts(written), routed.toByteArray());
    }

    private static void add(long[] into, long[] before, boolean counted) {
        long[] now = PictureCopyDiagnostics.snapshot();
        for (int i = 0; i < 3 && counted; i++) {
            into[i] += now[i] - before[i];
        }
    }

    private static Counts counts(long[] c) {
        return new Counts(c[0], c[1], c[2]);
    }

    private static byte[] sourcePixels(String pixelFormat) {
        return FfmpegCli.rawVideo(source, pixelFormat);
    }

    @Test
    void leasedFrameOfTheEncodersFormatIsReferencedNotCopied() throws Exception {
        Run run = encodeAsIs(true);
        assertEquals(Counts.perFrame(0, 0, 1), run.read(), "the consumer references the decoder's picture");
        assertEquals(Counts.perLaterFrame(0, 0, 1), run.written(), "the encoder references it too: no copy at all");
    }

    /** The source's own format and size into the same lossless encoder: the output pixels are the source's. */
    private static Run encodeAsIs(boolean zeroCopy) throws Exception {
        Path out = DIR.resolve((zeroCopy ? "leased" : "array") + "-matching.mkv");
        Run run = encode(zeroCopy, null, f -> { }, out, "ffv1", "yuv420p");
        assertArrayEquals(sourcePixels("yuv420p"), FfmpegCli.rawVideo(out, "yuv420p"));
        return run;
    }

    @Test
    void leasedFrameDrawnIntoIsEncodedWithTheDrawing() throws Exception {
        Path out = DIR.resolve("leased-drawn.mkv");
        // data() makes the array the frame's pixels: a white bar over the top ten rows of luma
        Run run = encode(true, null, f -> Arrays.fill(f.data(), 0, 10 * W, (byte) 235), out, "ffv1", "yuv420p");
        assertEquals(Counts.perLaterFrame(1, 0, 0), run.written(),
                "the drawn array is encoded (copied once into the encoder's frame), not the decoder's picture");
        byte[] expected = sourcePixels("yuv420p");
        int frameSize = expected.length / FRAMES;
        for (int i = 0; i < FRAMES; i++) {
            Arrays.fill(expected, i * frameSize, i * frameSize + 10 * W, (byte) 235);
        }
        assertArrayEquals(expected, FfmpegCli.rawVideo(out, "yuv420p"));
    }

    @Test
    void arrayFrameOfTheEncodersFormatIsCopiedOnce() throws Exception {
        Run run = encodeAsIs(false);
        assertEquals(Counts.perFrame(1, 0, 0), run.read(), "one copy into the body's array");
        assertEquals(Counts.perLaterFrame(1, 0, 0), run.written(), "one copy into the encoder's frame, no swscale");
        assertArrayEquals(sourcePixels("yuv420p"), run.routed());
    }

    @Test
    void arrayFrameOfAnotherFormatIsConverted() throws Exception {
        Path out = DIR.resolve("array-converted.mkv");
        // bgr24 to bgr0 (ffv1's RGB) loses nothing, so the pixels compare exactly
        Run run = encode(false, "bgr24", f -> { }, out, "ffv1", "bgr0");
        assertEquals(Counts.perFrame(1, 1, 0), run.read(), "converted by swscale, then copied into the array");
        assertEquals(Counts.perLaterFrame(1, 1, 0), run.written(),
                "copied to native memory (swscale cannot read Java arrays), converted into the encoder's frame");
        assertArrayEquals(run.routed(), FfmpegCli.rawVideo(out, "bgr24"));
    }

    @Test
    void leasedFrameOfAnotherFormatIsConvertedStraightFromTheDecodersPicture() throws Exception {
        Path out = DIR.resolve("leased-converted.nut");
        // yuv420p to nv12 interleaves the chroma planes: exact, as ffmpeg's own conversion of the source is
        Run run = encode(true, null, f -> { }, out, "rawvideo", "nv12");
        assertEquals(Counts.perLaterFrame(0, 1, 0), run.written(), "converted into the encoder's frame, no copy");
        assertArrayEquals(sourcePixels("nv12"), FfmpegCli.rawVideo(out, "nv12"));
    }

    @Test
    void referencedPicturesLeaveTheFrameTypesToTheEncoder() throws Exception {
        // a key frame every 12 in the source; gopSize=60 asks for one: decoded I pictures must not force more
        ReaderOptions in = ReaderOptions.builder(TestMedia.clip("v-60.mp4", 60, 12, false).toString()).zeroCopy(true)
                .build();
        Path out = DIR.resolve("gop.mp4");
        Files.deleteIfExists(out);
        WriterOptions o = WriterOptions.builder(out.toString()).codec("mpeg4").gopSize(60).build();
        long references = PictureCopyDiagnostics.snapshot()[2];
        try (MediaReader r = MediaReader.open(in); MediaWriter w = new MediaWriter(o)) {
            MediaItem item;
            while ((item = r.next()) != null) {
                w.write(item);
                item.release();
            }
        }
        assertEquals(2 * 60 - 1, PictureCopyDiagnostics.snapshot()[2] - references, "read and written by reference");
        assertEquals(60, FfmpegCli.countFrames(out, "v:0"));
        assertEquals(1, FfmpegCli.countKeyFrames(out));
    }

    @Test
    void reformattingALeasedFrameConvertsFromFfmpegsMemory() throws Exception {
        ReaderOptions leased = ReaderOptions.builder(source.toString()).zeroCopy(true).build();
        ReaderOptions copied = ReaderOptions.builder(source.toString()).pixelFormat("bgr24").build();
        try (MediaReader z = MediaReader.open(leased); MediaReader c = MediaReader.open(copied);
             VideoReformatter toBgr = new VideoReformatter("bgr24", 0, 0, copied.delivery().interpolation())) {
            VideoFrame f = (VideoFrame) z.next();
            long[] before = PictureCopyDiagnostics.snapshot();
            VideoFrame bgr = toBgr.reformat(f);
            long[] now = PictureCopyDiagnostics.snapshot();
            assertEquals(List.of(1L, 1L), List.of(now[0] - before[0], now[1] - before[1]),
                    "one conversion and the copy into the new frame's array, no data() copy first");
            assertEquals(f.props(), bgr.props());
            assertArrayEquals(((VideoFrame) c.next()).data(), bgr.data());
            f.release();
            assertTrue(f.isReleased(), "its pixels were never copied out of FFmpeg's picture");
        }
    }

    @Test
    void oddWidthsAreConvertedToTheLastPixelOfEveryRow() throws Exception {
        // swscale's x86 yuv-to-rgb shortcut stops at a multiple of 8 pixels when rows are tightly packed
        Path solid = DIR.resolve("solid-166.mkv");
        FfmpegCli.ffmpeg("-f", "lavfi", "-i", "color=c=0x3366CC:size=" + W + "x" + H + ":rate=25", "-frames:v", "2",
                "-c:v", "ffv1", "-pix_fmt", "yuv420p", solid.toString());
        for (boolean zeroCopy : new boolean[] { false, true }) {
            ReaderOptions in = ReaderOptions.builder(solid.toString()).zeroCopy(zeroCopy).pixelFormat("bgr24").build();
            try (MediaReader r = MediaReader.open(in)) {
                MediaItem item;
                while ((item = r.next()) != null) {
                    byte[] px = ((VideoFrame) item).data();
                    item.release();
                    for (int i = 0; i < px.length; i += 3) {
                        int at = i / 3;
                        String where = "pixel " + at % W + "," + at / W + (zeroCopy ? " leased" : "");
                        assertEquals(0xCC, px[i] & 0xFF, 3.0, "B of " + where);
                        assertEquals(0x66, px[i + 1] & 0xFF, 3.0, "G of " + where);
                        assertEquals(0x33, px[i + 2] & 0xFF, 3.0, "R of " + where);
                    }
                }
            }
        }
    }
}
