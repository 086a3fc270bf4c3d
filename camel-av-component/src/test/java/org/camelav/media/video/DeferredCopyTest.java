package org.camelav.media.video;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.camelav.media.MediaItem;
import org.camelav.media.container.MediaReader;
import org.camelav.media.container.MediaWriter;
import org.camelav.media.container.ReaderOptions;
import org.camelav.media.container.WriterOptions;
import org.camelav.testsupport.FfmpegCli;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The consumer's default path (issue 35 §2): a frame delivered as the decoder made it keeps a reference to FFmpeg's
 * picture and copies it into its own array only when it is released (the exchange completed) or its array is asked
 * for. It must behave exactly as a frame that owns its array: valid after the release, the source's pixels, the same
 * array on every call, while the copy it avoids in the route is counted by {@link PictureCopyDiagnostics}.
 */
class DeferredCopyTest {

    private static final int W = 166;
    private static final int H = 98;
    private static final int FRAMES = 8;
    private static final Path DIR = Path.of("target", "deferred-copy");
    private static Path source;

    @BeforeAll
    static void source() throws Exception {
        Files.createDirectories(DIR);
        source = DIR.resolve("source-yuv420p.mkv");
        if (!Files.exists(source)) {
            FfmpegCli.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=" + W + "x" + H + ":rate=25", "-frames:v",
                    String.valueOf(FRAMES), "-c:v", "ffv1", "-pix_fmt", "yuv420p", source.toString());
        }
    }

    /** What happened to pictures on this thread between two snapshots: copies, conversions, references. */
    private static List<Long> since(long[] before) {
        long[] now = PictureCopyDiagnostics.snapshot();
        return List.of(now[0] - before[0], now[1] - before[1], now[2] - before[2]);
    }

    private static List<Long> plus(List<Long> a, List<Long> b) {
        return List.of(a.get(0) + b.get(0), a.get(1) + b.get(1), a.get(2) + b.get(2));
    }

    @Test
    void encodedFromTheDecodersPictureAndCopiedOnlyAtTheRelease() throws Exception {
        Path out = DIR.resolve("deferred-matching.mkv");
        Files.deleteIfExists(out);
        long leases = FrameLease.outstanding();
        ReaderOptions in = ReaderOptions.builder(source.toString()).deferCopy(true).build();
        WriterOptions o = WriterOptions.builder(out.toString()).codec("ffv1").pixelFormat("yuv420p").build();
        List<VideoFrame> kept = new ArrayList<>();
        List<Long> read = List.of(0L, 0L, 0L);
        List<Long> written = List.of(0L, 0L, 0L);
        List<Long> released = List.of(0L, 0L, 0L);
        try (MediaReader r = MediaReader.open(in); MediaWriter w = new MediaWriter(o)) {
            while (true) {
                long[] before = PictureCopyDiagnostics.snapshot();
                MediaItem item = r.next();
                read = plus(read, since(before));
                if (item == null) {
                    break;
                }
                VideoFrame f = (VideoFrame) item;
                assertFalse(f.isLeased(), "not a zeroCopy lease: valid for as long as it is held");
                before = PictureCopyDiagnostics.snapshot();
                w.write(f);
                if (!kept.isEmpty()) { // the first frame waits for the header
                    written = plus(written, since(before));
                }
                before = PictureCopyDiagnostics.snapshot();
                f.release(); // what the consumer does when the exchange completes
                released = plus(released, since(before));
                kept.add(f);
            }
        }
        assertEquals(FRAMES, kept.size());
        assertEquals(List.of(0L, 0L, (long) FRAMES), read, "the reader references the decoder's picture, no copy");
        assertEquals(List.of(0L, 0L, FRAMES - 1L), written, "the encoder references it too: no copy in the route");
        assertEquals(List.of((long) FRAMES, 0L, 0L), released, "each release copies its picture once");
        assertEquals(leases, FrameLease.outstanding(), "no decoder picture is held after the releases");
        // the kept frames own their pixels: the source's, long after the decoder reused or freed its buffers
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (VideoFrame f : kept) {
            assertFalse(f.isReleased());
            all.write(f.data());
        }
        byte[] expected = FfmpegCli.rawVideo(source, "yuv420p");
        assertArrayEquals(expected, all.toByteArray());
        assertArrayEquals(expected, FfmpegCli.rawVideo(out, "yuv420p"));
    }

    @Test
    void anArrayAskedForInTheRouteIsTheFramesPixelsForGood() throws Exception {
        long leases = FrameLease.outstanding();
        byte[] expected = FfmpegCli.rawVideo(source, "yuv420p");
        int size = expected.length / FRAMES;
        ReaderOptions in = ReaderOptions.builder(source.toString()).deferCopy(true).build();
        try (MediaReader r = MediaReader.open(in)) {
            VideoFrame f = (VideoFrame) r.next();
            long[] before = PictureCopyDiagnostics.snapshot();
            byte[] a = f.data();
            a[0] = 42; // drawn into: these are the frame's pixels now
            f.release();
            assertEquals(List.of(1L, 0L, 0L), since(before), "one copy, for data(); the release makes none");
            assertSame(a, f.data());
            assertSame(f, f.copy(), "a frame that owns its pixels is its own copy");
            assertEquals(42, f.buffer().get(0));
            byte[] into = new byte[size];
            f.copyTo(into, 0);
            assertEquals(42, into[0]);
            assertArrayEquals(java.util.Arrays.copyOfRange(expected, 1, size), java.util.Arrays.copyOfRange(a, 1, size));
            // a frame released without anybody asking: buffer() and copyTo() read the copy the release made
            VideoFrame g = (VideoFrame) r.next();
            g.release();
            assertArrayEquals(java.util.Arrays.copyOfRange(expected, size, 2 * size), g.data());
            assertEquals(expected[size + 5], g.buffer().get(5));
            MediaItem rest;
            while ((rest = r.next()) != null) {
                rest.release();
            }
        }
        assertEquals(leases, FrameLease.outstanding());
    }

    @Test
    void convertedPicturesAreCopiedAtOnceAsBefore() throws Exception {
        ReaderOptions in = ReaderOptions.builder(source.toString()).deferCopy(true).pixelFormat("bgr24").build();
        ReaderOptions plain = ReaderOptions.builder(source.toString()).pixelFormat("bgr24").build();
        List<Long> read = List.of(0L, 0L, 0L);
        int n = 0;
        try (MediaReader r = MediaReader.open(in); MediaReader p = MediaReader.open(plain)) {
            while (true) {
                long[] before = PictureCopyDiagnostics.snapshot();
                VideoFrame f = (VideoFrame) r.next();
                read = plus(read, since(before));
                if (f == null) {
                    break;
                }
                n++;
                assertArrayEquals(((VideoFrame) p.next()).data(), f.data());
                f.release();
            }
        }
        assertEquals(FRAMES, n);
        // a deferred conversion would need a pooled native buffer per frame in flight: swscale's output is copied
        assertEquals(List.of((long) FRAMES, (long) FRAMES, 0L), read, "converted, then copied into the array");
    }
}
