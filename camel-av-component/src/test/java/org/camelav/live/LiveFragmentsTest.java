package org.camelav.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.camelav.media.MediaItem;
import org.camelav.media.MediaPacket;
import org.camelav.media.container.MediaReader;
import org.camelav.media.container.ReaderOptions;
import org.camelav.testsupport.FfmpegCli;
import org.junit.jupiter.api.Test;

/**
 * One camera's live fragmented MP4 from its packets, checked with ffprobe as a browser's MSE would take it: the init
 * segment then one fragment per packet, H.264 and AAC copied, a joining viewer starting at the newest key frame, and a
 * viewer that never reads held to its byte bound.
 */
class LiveFragmentsTest {

    /** 4 s of H.264 (openh264, GOP 25 at 25 fps) with AAC mono 48 kHz. */
    private static Path clip() throws Exception {
        Path clip = Path.of("target", "test-media", "live-h264-aac.mp4");
        if (!Files.exists(clip)) {
            Files.createDirectories(clip.getParent());
            FfmpegCli.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25", "-f", "lavfi", "-i",
                    "sine=frequency=440:sample_rate=48000", "-t", "4", "-c:v", "libopenh264", "-g", "25", "-b:v",
                    "400k", "-c:a", "aac", "-ac", "1", clip.toString());
        }
        return clip;
    }

    private static List<MediaPacket> packets(Path clip) {
        List<MediaPacket> packets = new ArrayList<>();
        try (MediaReader r = MediaReader.open(ReaderOptions.builder(clip.toString()).packets(true).streams("best")
                .build())) {
            for (MediaItem i; (i = r.next()) != null; ) {
                packets.add((MediaPacket) i);
            }
        }
        // in the order a camera sends them (MP4 stores a second of video, then a second of audio)
        packets.sort(java.util.Comparator.comparingDouble(p -> p.time() == null ? 0 : p.time()));
        return packets;
    }

    @Test
    void viewersGetInitThenOneFragmentPerPacketFromTheNewestKeyFrame() throws Exception {
        Path clip = clip();
        List<MediaPacket> packets = packets(clip);
        LiveFragments live = new LiveFragments(true);
        packets.subList(0, 10).forEach(live::offer); // nobody watches: nothing is muxed
        assertEquals(0, live.fragments());
        LiveViewer first = live.join(4 << 20, List.of());
        ByteArrayOutputStream firstBytes = new ByteArrayOutputStream();
        LiveViewer second = null;
        ByteArrayOutputStream secondBytes = new ByteArrayOutputStream();
        int video = 0; // pictures offered since the first key frame the viewer could start from
        int inSecondGop = 0;
        int keys = 0;
        for (MediaPacket p : packets.subList(10, packets.size())) {
            live.offer(p);
            drain(first, firstBytes);
            if (p.mediaType() != org.camelav.media.MediaType.VIDEO) {
                continue;
            }
            keys += p.keyFrame() ? 1 : 0;
            video += keys > 0 ? 1 : 0;
            inSecondGop += keys > 1 ? 1 : 0;
            if (inSecondGop == 4) { // four pictures into the second GOP, another viewer joins
                second = live.join(4 << 20, List.of());
                break;
            }
        }
        assertTrue(second != null, "the clip has a second key frame");
        assertTrue(first.awaitCodecs(0).startsWith("avc1.") && first.awaitCodecs(0).contains("mp4a.40.2"),
                first.awaitCodecs(0));
        drain(first, firstBytes);
        drain(second, secondBytes);
        assertEquals(2, live.viewers());
        first.close();
        second.close();
        assertEquals(0, live.viewers());

        Path one = write("live-first.mp4", firstBytes.toByteArray());
        Path two = write("live-second.mp4", secondBytes.toByteArray());
        assertTrue(new String(firstBytes.toByteArray(), StandardCharsets.ISO_8859_1).contains("prft"),
                "each fragment says when the server muxed it");
        assertEquals(List.of("h264", "aac"), FfmpegCli.probeValues(one, "", "stream=codec_name"));
        // the first viewer: every picture from the first key frame on, as copied, but the newest (muxed when the
        // next one gives its duration)
        assertEquals(video - 1, FfmpegCli.countFrames(one, "v:0"));
        // the second: the init segment and the GOP it joined in (its key frame and the 2 muxed after it), nothing before
        assertEquals(3, FfmpegCli.countFrames(two, "v:0"));
        assertEquals(List.of("h264", "aac"), FfmpegCli.probeValues(two, "", "stream=codec_name"));
        assertEquals("1", FfmpegCli.probeValues(two, "v:0", "frame=key_frame", "-read_intervals", "%+#1").get(0));
    }

    @Test
    void aViewerThatNeverReadsStaysWithinItsBoundAndJumpsToTheNewestKeyFrame() throws Exception {
        List<MediaPacket> packets = packets(clip());
        LiveFragments live = new LiveFragments(true);
        long bound = 96 * 1024; // about two GOPs of this clip (400 kbit/s)
        LiveViewer slow = live.join(bound, List.of());
        long most = 0;
        for (MediaPacket p : packets) {
            live.offer(p);
            most = Math.max(most, slow.queuedBytes());
        }
        assertTrue(most <= bound, "queued at most " + most);
        assertTrue(slow.jumps() >= 1, "it fell behind and jumped: " + slow.jumps());
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        drain(slow, got);
        Path file = write("live-slow.mp4", got.toByteArray());
        // what it has now decodes from its start: the init segment, then a key frame
        assertEquals("1", FfmpegCli.probeValues(file, "v:0", "frame=key_frame", "-read_intervals", "%+#1").get(0));
        assertTrue(FfmpegCli.countFrames(file, "v:0") >= 1);
        slow.close();
    }

    @Test
    void aStreamNoBrowserPlaysTurnsViewersAway() throws Exception {
        Path mpeg4 = Path.of("target", "test-media", "live-mpeg4.mp4");
        if (!Files.exists(mpeg4)) {
            Files.createDirectories(mpeg4.getParent());
            FfmpegCli.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25", "-t", "1", "-c:v", "mpeg4",
                    mpeg4.toString());
        }
        LiveFragments live = new LiveFragments(true);
        LiveViewer v = live.join(1 << 20, List.of());
        packets(mpeg4).forEach(live::offer);
        assertTrue(v.isClosed(), "its stream ended");
        assertTrue(live.problem().contains("mpeg4"), live.problem());
        assertEquals(-1, v.read(), "a reader sees the end");
    }

    @Test
    void aReconnectAndARefusedPacketStartANewInitAndNeverFailTheCamerasExchange() throws Exception {
        List<MediaPacket> packets = packets(clip());
        LiveFragments live = new LiveFragments(true);
        LiveViewer v = live.join(4 << 20, List.of());
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        int half = packets.size() / 2;
        java.util.function.Consumer<MediaPacket> offer = p -> {
            live.offer(p);
            drain(v, got); // a restart replaces what is queued: read as a browser does
        };
        packets.subList(0, half).forEach(offer);
        // a packet FFmpeg refuses (pts before dts), then the camera reconnects: its timestamps start over at 0
        MediaPacket bad = packets.get(half);
        offer.accept(withTimes(bad, bad.dts() - 1000, bad.dts(), false));
        packets.subList(half + 1, packets.size()).forEach(offer);
        MediaPacket firstVideo = packets.stream().filter(p -> p.mediaType() == org.camelav.media.MediaType.VIDEO)
                .findFirst().orElseThrow();
        long fragmentsBefore = live.fragments();
        for (MediaPacket p : packets) {
            offer.accept(p == firstVideo ? withTimes(p, p.pts(), p.dts(), true) : p);
        }
        String stream = new String(got.toByteArray(), StandardCharsets.ISO_8859_1);
        assertTrue(stream.split("ftyp", -1).length - 1 >= 3, "a new init segment after each restart");
        assertTrue(live.fragments() > fragmentsBefore + 90, "the second pass is muxed: " + live.fragments());
        v.close();
    }

    private static MediaPacket withTimes(MediaPacket p, Long pts, Long dts, boolean discontinuity) {
        org.camelav.media.FrameProps f = p.props();
        return p.withProps(new org.camelav.media.FrameProps(f.streamIndex(), pts, dts, f.duration(), f.timeBase(),
                f.keyFrame(), f.frameIndex(), f.stream(), f.streamGroup(), false, discontinuity));
    }

    private static void drain(LiveViewer v, ByteArrayOutputStream out) {
        for (byte[] b; (b = v.poll()) != null; ) {
            out.writeBytes(b);
        }
    }

    private static Path write(String name, byte[] bytes) throws Exception {
        Path f = Path.of("target", "live", name);
        Files.createDirectories(f.getParent());
        Files.write(f, bytes);
        return f;
    }
}
