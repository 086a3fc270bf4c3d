package org.camelav.media.video;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camelav.media.MediaItem;
import org.camelav.media.MediaPacket;
import org.camelav.media.MediaType;
import org.camelav.media.container.MediaReader;
import org.camelav.media.container.ReaderOptions;
import org.camelav.testsupport.FfmpegCli;
import org.camelav.testsupport.TestMedia;
import org.junit.jupiter.api.Test;

/**
 * Snapshots of a packets window taken after every packet, as a polling live page takes them: each is exactly the
 * picture a frames reader decodes for the newest packet (for B-frames, the newest in display order), and without
 * B-frames one decoder serves a whole GOP.
 */
class KeyFrameWindowTest {

    @Test
    void everySnapshotIsTheNewestPictureAndOneDecoderServesEachGop() {
        Path clip = TestMedia.clip("kfw.mp4", 60, 25, false); // key frames at 0, 25, 50; no B-frames
        KeyFrameWindow window = new KeyFrameWindow(32L << 20);
        Map<Double, byte[]> pictures = pictures(clip);
        int snapshots = 0;
        long nanos = 0;
        for (MediaPacket p : videoPackets(clip)) {
            window.add(p);
            long t0 = System.nanoTime();
            VideoFrame snapshot = window.latestPicture();
            nanos += System.nanoTime() - t0;
            assertArrayEquals(pictures.get(p.time()), snapshot.data(), "snapshot after the packet at " + p.time());
            snapshots++;
        }
        assertEquals(60, snapshots);
        System.out.printf("[snapshots] kept decoder: %.2f ms a snapshot%n", nanos / 1e6 / snapshots);
        assertEquals(3, window.decodersOpened(), "one decoder per GOP, fed packet by packet");
        window.release();
        window.latestPicture();
        assertEquals(4, window.decodersOpened(), "released: the next snapshot opens another");
        window.release();
    }

    @Test
    void withBFramesEverySnapshotIsTheNewestPictureInDisplayOrder() throws Exception {
        Path clip = Path.of("target", "test-media", "kfw-bframes.mp4");
        if (!Files.exists(clip)) {
            Files.createDirectories(clip.getParent());
            FfmpegCli.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25", "-frames:v", "50", "-c:v", "mpeg4",
                    "-g", "25", "-bf", "2", "-q:v", "5", clip.toString());
        }
        KeyFrameWindow window = new KeyFrameWindow(32L << 20);
        Map<Double, byte[]> pictures = pictures(clip);
        double newest = Double.NEGATIVE_INFINITY;
        long nanos = 0;
        List<MediaPacket> packets = videoPackets(clip);
        for (MediaPacket p : packets) {
            window.add(p);
            newest = p.keyFrame() ? p.time() : Math.max(newest, p.time());
            byte[] expected = pictures.get(newest);
            assertNotNull(expected);
            long t0 = System.nanoTime();
            VideoFrame snapshot = window.latestPicture();
            nanos += System.nanoTime() - t0;
            assertArrayEquals(expected, snapshot.data(), "snapshot after the packet at " + p.time());
        }
        assertEquals(2, window.decodersOpened(), "each GOP tried once, then decoded whole (pictures held back)");
        System.out.printf("[snapshots] whole GOP each time: %.2f ms a snapshot%n", nanos / 1e6 / packets.size());
        window.release();
    }

    private static List<MediaPacket> videoPackets(Path clip) {
        List<MediaPacket> packets = new ArrayList<>();
        try (MediaReader r = MediaReader.open(ReaderOptions.builder(clip.toString()).packets(true).build())) {
            for (MediaItem i; (i = r.next()) != null; ) {
                if (i.mediaType() == MediaType.VIDEO) {
                    packets.add((MediaPacket) i);
                }
            }
        }
        return packets;
    }

    /** Each decoded picture's pixels by its time, from a frames reader (the decoder's own pixel format). */
    private static Map<Double, byte[]> pictures(Path clip) {
        Map<Double, byte[]> pictures = new HashMap<>();
        try (MediaReader r = MediaReader.open(ReaderOptions.builder(clip.toString()).build())) {
            for (MediaItem i; (i = r.next()) != null; ) {
                if (i instanceof VideoFrame v) {
                    pictures.put(v.time(), v.data().clone());
                }
            }
        }
        return pictures;
    }
}
