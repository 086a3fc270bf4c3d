package org.camelav.media;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.camelav.media.container.MediaWriter;
import org.camelav.media.container.ReaderOptions;
import org.camelav.media.container.WriterOptions;
import org.camelav.testsupport.Await;
import org.camelav.testsupport.RtspCameraServer;
import org.camelav.testsupport.TestMedia;
import org.junit.jupiter.api.Test;

/**
 * Every exception says what FFmpeg said: five real failures whose AVERROR alone ("Invalid data found", "Invalid
 * argument") does not tell the cause, each message carrying FFmpeg's own line for it, with secrets masked.
 */
class FfmpegReasonTest {

    private static void assertSays(AvException e, String... words) {
        for (String w : words) {
            assertTrue(e.getMessage().contains(w), "'" + w + "' missing from: " + e.getMessage());
        }
        assertTrue(!e.getMessage().contains(" @ 0x"), "no pointer in: " + e.getMessage());
        System.out.println("FFmpeg's reason: " + e.getMessage());
    }

    @Test
    void moovAtomNotFound() throws Exception {
        Path whole = TestMedia.clip("reason.mp4", 25, 25, false);
        Path cut = Path.of("target", "reason-truncated.mp4");
        byte[] bytes = Files.readAllBytes(whole);
        Files.write(cut, Arrays.copyOf(bytes, bytes.length / 2)); // the index is at the end
        AvException e = assertThrows(AvException.class,
                () -> Await.readAll(ReaderOptions.builder(cut.toString()).build()));
        assertSays(e, "moov atom not found");
    }

    @Test
    void aFilterSyntaxError() {
        Path clip = TestMedia.clip("reason.mp4", 25, 25, false);
        AvException e = assertThrows(AvException.class,
                () -> Await.readAll(ReaderOptions.builder(clip.toString()).filter("nosuchfilter").build()));
        assertSays(e, "No such filter", "nosuchfilter");
    }

    @Test
    void anEncoderOptionValueItCannotParse() {
        Path clip = TestMedia.clip("reason.mp4", 25, 25, false);
        List<MediaItem> frames = Await.readAll(ReaderOptions.builder(clip.toString()).build());
        Path out = Path.of("target", "reason-out.mkv");
        AvException e = assertThrows(AvException.class, () -> {
            try (MediaWriter w = new MediaWriter(WriterOptions.builder(out.toString()).codec("mpeg4")
                    .codecOptions(Map.of("b", "fast")).build())) {
                w.write(frames.get(0));
                w.close();
            }
        });
        assertSays(e, "fast");
    }

    @Test
    void theMuxerRefusesAPacket() {
        Path clip = TestMedia.clip("reason.mp4", 25, 25, false);
        List<MediaItem> packets = Await.readAll(ReaderOptions.builder(clip.toString()).packets(true).build());
        Path out = Path.of("target", "reason-refused.mkv");
        try (MediaWriter w = new MediaWriter(WriterOptions.of(out.toString()))) {
            w.write(packets.get(0));
            w.write(packets.get(1));
            MediaPacket p = (MediaPacket) packets.get(2);
            FrameProps f = p.props();
            MediaPacket bad = p.withProps(new FrameProps(f.streamIndex(), f.dts() - 2 * f.duration(), f.dts(),
                    f.duration(), f.timeBase(), f.keyFrame(), f.frameIndex(), f.stream(), f.streamGroup(), false,
                    false));
            AvException e = assertThrows(AvException.class, () -> w.write(bad));
            assertSays(e, "pts", "dts");
        }
    }

    @Test
    void rtspUnauthorizedWithThePasswordMasked() {
        try (RtspCameraServer cam = RtspCameraServer.start("admin", "s3cret")) {
            String url = cam.url("/test", "admin", "wrong@pass");
            AvException e = assertThrows(AvException.class, () -> Await.readAll(ReaderOptions.builder(url)
                    .timeoutMillis(10_000).build()));
            assertSays(e, "401", "Unauthorized");
            assertTrue(!e.getMessage().contains("wrong@pass"), e.getMessage());
        }
    }
}
