package org.camelav.media.video;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.camelav.media.MediaItem;
import org.camelav.media.container.MediaReader;
import org.camelav.media.container.MediaWriter;
import org.camelav.media.container.ReaderOptions;
import org.camelav.media.container.WriterOptions;
import org.camelav.testsupport.Await;
import org.camelav.testsupport.FfmpegCli;
import org.camelav.testsupport.TestMedia;
import org.junit.jupiter.api.Test;

/** zeroCopy frames: the same pixels as copied ones, released exactly once, unusable (not unsafe) afterwards. */
class ZeroCopyFramesTest {

    private static ReaderOptions options(Path clip, boolean zeroCopy, String pixelFormat, int width) {
        ReaderOptions o = ReaderOptions.builder(clip.toString()).zeroCopy(zeroCopy).pixelFormat(pixelFormat)
                .width(width).build();
        return o;
    }

    /** Reads every frame both ways side by side and compares pixels through all three accessors. */
    private static int compare(Path clip, String pixelFormat, int width) {
        long before = FrameLease.outstanding();
        int n = 0;
        try (MediaReader copied = MediaReader.open(options(clip, false, pixelFormat, width));
             MediaReader leased = MediaReader.open(options(clip, true, pixelFormat, width))) {
            MediaItem a;
            while ((a = copied.next()) != null) {
                VideoFrame c = (VideoFrame) a;
                VideoFrame z = (VideoFrame) leased.next();
                assertFalse(c.isLeased());
                assertTrue(z.isLeased());
                assertEquals(c.pts(), z.pts());
                assertEquals(c.width(), z.width());
                assertEquals(c.pixelFormat(), z.pixelFormat());
                assertEquals(c.size(), z.size());
                byte[] into = new byte[z.size() + 7];
                z.copyTo(into, 7);
                assertArrayEquals(c.data(), java.util.Arrays.copyOfRange(into, 7, into.length), "copyTo, frame " + n);
                ByteBuffer view = z.buffer();
                assertTrue(view.isReadOnly());
                assertEquals(0, view.position());
                assertEquals(z.size(), view.remaining());
                byte[] viewed = new byte[view.remaining()];
                view.get(viewed);
                assertArrayEquals(c.data(), viewed, "buffer(), frame " + n);
                assertArrayEquals(c.data(), z.data(), "data(), frame " + n);
                z.release();
                n++;
            }
            assertEquals(null, leased.next());
        }
        assertEquals(before, FrameLease.outstanding(), "every lease given back");
        return n;
    }

    @Test
    void decoderPicturesLeasedAsIsMatchCopiedOnes() {
        // no conversion: the body references the decoder's own picture
        assertEquals(60, compare(TestMedia.clip("v-60.mp4", 60, 12, false), null, 0));
    }

    @Test
    void convertedPicturesLeasedFromThePoolMatchCopiedOnes() {
        // swscale writes bgr24, and a 160-wide scaled picture, straight into pooled buffers
        Path clip = TestMedia.clip("v-60.mp4", 60, 12, false);
        assertEquals(60, compare(clip, "bgr24", 0));
        assertEquals(60, compare(clip, "gray", 160));
    }

    @Test
    void releasedFrameThrowsWhileCopiesAndReturnedArraysStayValid() {
        Path clip = TestMedia.solid("zc.mkv", "0x3366CC", 5);
        ReaderOptions o = options(clip, true, "bgr24", 0);
        try (MediaReader r = MediaReader.open(o)) {
            VideoFrame read = (VideoFrame) r.next();
            byte[] pixels = read.data();
            read.release();
            read.release(); // idempotent
            assertSame(pixels, read.data(), "an array data() returned stays the frame's");

            VideoFrame unread = (VideoFrame) r.next();
            unread.release();
            IllegalStateException e = assertThrows(IllegalStateException.class, unread::data);
            assertTrue(e.getMessage().contains("zeroCopy"), e.getMessage());
            assertThrows(IllegalStateException.class, unread::buffer);
            assertThrows(IllegalStateException.class, () -> unread.copyTo(new byte[unread.size()], 0));
            VideoFrame third = (VideoFrame) r.next();
            VideoFrame kept = third.copy();
            third.release();
            assertFalse(kept.isLeased());
            assertEquals(third.pts(), kept.pts());
            byte[] px = kept.data();
            assertEquals(160 * 120 * 3, px.length);
            for (int i = 0; i < px.length; i += 3 * 997) {
                assertEquals(0xCC, px[i] & 0xFF, 2.0, "B at " + i);
                assertEquals(0x66, px[i + 1] & 0xFF, 2.0, "G at " + i);
                assertEquals(0x33, px[i + 2] & 0xFF, 2.0, "R at " + i);
            }
        }
    }

    @Test
    void readerReleasesFramesItDecodedButNeverReturned() {
        long before = FrameLease.outstanding();
        Path clip = TestMedia.clip("v-60.mp4", 60, 12, false);
        // closed mid-stream with decoded frames queued
        try (MediaReader r = MediaReader.open(options(clip, true, null, 0))) {
            r.next().release();
            r.next().release();
        }
        assertEquals(before, FrameLease.outstanding());
        // bounds that end reading with frames already decoded
        ReaderOptions bounded = options(clip, true, "bgr24", 0);
        bounded = bounded.toBuilder().maxFrames(5).build();
        List<MediaItem> items = Await.readAll(bounded);
        assertEquals(5, items.size());
        items.forEach(MediaItem::release);
        ReaderOptions timed = options(clip, true, null, 0);
        timed = timed.toBuilder().duration(0.5).build();
        items = Await.readAll(timed);
        assertEquals(13, items.size());
        items.forEach(MediaItem::release);
        assertEquals(before, FrameLease.outstanding());
    }

    @Test
    void writerEncodesStraightFromLeasedFrames() throws Exception {
        long before = FrameLease.outstanding();
        Path clip = TestMedia.solid("zc-relay.mkv", "0x3366CC", 30);
        Path out = Path.of("target", "zero-copy-relay.mp4");
        Files.deleteIfExists(out);
        for (String fmt : new String[] { null, "bgr24" }) {
            Files.deleteIfExists(out);
            try (MediaReader r = MediaReader.open(options(clip, true, fmt, 0));
                 MediaWriter w = new MediaWriter(WriterOptions.of(out.toString()))) {
                MediaItem item;
                while ((item = r.next()) != null) {
                    w.write(item);
                    item.release(); // as the consumer does when the exchange completes
                }
            }
            assertEquals(30, FfmpegCli.countFrames(out, "v:0"), "frames written from " + fmt);
            ReaderOptions back = options(out, false, "bgr24", 0);
            back = back.toBuilder().maxFrames(1).build();
            byte[] px = ((VideoFrame) Await.readAll(back).get(0)).data();
            int mid = (60 * 160 + 80) * 3;
            assertEquals(0xCC, px[mid] & 0xFF, 6.0, "B of a " + fmt + " relay");
            assertEquals(0x66, px[mid + 1] & 0xFF, 6.0, "G of a " + fmt + " relay");
            assertEquals(0x33, px[mid + 2] & 0xFF, 6.0, "R of a " + fmt + " relay");
        }
        assertEquals(before, FrameLease.outstanding());
    }

    @Test
    void writerRefusesAReleasedFrameAndKeepsItsOutput() throws Exception {
        Path clip = TestMedia.clip("v-60.mp4", 60, 12, false);
        Path out = Path.of("target", "zero-copy-refused.mkv");
        Files.deleteIfExists(out);
        ReaderOptions o = options(clip, true, null, 0);
        o = o.toBuilder().maxFrames(10).build();
        int written = 0;
        try (MediaReader r = MediaReader.open(o); MediaWriter w = new MediaWriter(WriterOptions.of(out.toString()))) {
            MediaItem item;
            while ((item = r.next()) != null) {
                if (item.frameIndex() == 4) {
                    item.release(); // released before it reached the writer
                    MediaItem late = item;
                    IllegalStateException e = assertThrows(IllegalStateException.class, () -> w.write(late));
                    assertTrue(e.getMessage().contains("copy()"), e.getMessage());
                    continue;
                }
                w.write(item);
                item.release();
                written++;
            }
        }
        assertEquals(9, written);
        assertEquals(9, FfmpegCli.countFrames(out, "v:0"), "the output survived the refused frame");
    }
}
