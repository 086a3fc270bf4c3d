package org.camelav.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.logging.log4j.Level;
import org.camelav.media.MediaItem;
import org.camelav.media.MediaPacket;
import org.camelav.media.MediaType;
import org.camelav.media.container.MediaReader;
import org.camelav.media.container.ReaderOptions;
import org.camelav.testsupport.FfmpegCli;
import org.camelav.testsupport.LogCapture;
import org.camelav.testsupport.RtspCameraServer;
import org.junit.jupiter.api.Test;

/**
 * The GStreamer RTSP camera's H.264 + AAC packets, as a camera route reads them, muxed for a live viewer: FFmpeg's
 * muxer takes every timestamp as given (no warning: a fixed-up timestamp would shift the browser's timeline), every
 * fragment carries its prft, and ffprobe reads back each picture muxed, with the audio.
 */
class LiveFragmentsCameraTest {

    @Test
    void aCamerasPacketsMuxWithoutATimestampFixUp() throws Exception {
        try (RtspCameraServer cam = RtspCameraServer.start(); LogCapture ffmpegLog = new LogCapture("org.camelav.ffmpeg")) {
            LiveFragments live = new LiveFragments(true);
            LiveViewer viewer = live.join(4 << 20, List.of());
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            int pictures = 0;
            try (MediaReader r = MediaReader.open(ReaderOptions.builder(cam.url("/audio")).packets(true)
                    .streams("best").build())) {
                for (MediaItem i; pictures < 150 && (i = r.next()) != null; ) { // 6 s at 25 fps
                    live.offer((MediaPacket) i);
                    pictures += i.mediaType() == MediaType.VIDEO && live.fragments() > 0 ? 1 : 0;
                    for (byte[] b; (b = viewer.poll()) != null; ) {
                        got.writeBytes(b);
                    }
                }
            }
            viewer.close();
            // FFmpeg says once per start that the moov (written before any sample) carries no start offset; any other
            // warning would be a fixed-up timestamp (out of range, pts without value, negative, missing prft)
            List<String> warnings = ffmpegLog.events().stream().filter(e -> e.level() == Level.WARN)
                    .map(LogCapture.Event::message).filter(m -> !m.contains("starts with a nonzero dts")
                                                                && !m.contains("No meaningful edit list"))
                    .toList();
            assertEquals(List.of(), warnings);
            Path file = Path.of("target", "live", "camera.mp4");
            Files.createDirectories(file.getParent());
            Files.write(file, got.toByteArray());
            assertEquals(List.of("h264", "aac"), FfmpegCli.probeValues(file, "", "stream=codec_name"));
            long frames = FfmpegCli.countFrames(file, "v:0");
            assertEquals(live.fragments(), frames, "one picture per fragment");
            assertTrue(frames >= 140, "pictures: " + frames);
            String text = new String(got.toByteArray(), java.nio.charset.StandardCharsets.ISO_8859_1);
            assertEquals(frames, text.split("prft", -1).length - 1, "a prft box in every fragment");
        }
    }
}
