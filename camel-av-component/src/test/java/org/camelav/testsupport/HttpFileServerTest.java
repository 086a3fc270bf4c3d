package org.camelav.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.camelav.media.MediaItem;
import org.camelav.media.container.MediaReader;
import org.camelav.media.container.ReaderOptions;
import org.camelav.media.video.VideoFrame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HLS over the static HTTP server: what HLS output tests will read back. */
class HttpFileServerTest {

    @TempDir
    Path dir;

    @Test
    void servesAnHlsPlaylistMediaReaderCanPlay() {
        Path clip = TestMedia.clip("v-75.mp4", 75, 25, false);
        // MPEG-TS needs MPEG-4's VOL header in the stream; MP4 keeps it in extradata: dump_extra puts it back
        FfmpegCli.ffmpeg("-i", clip.toString(), "-c", "copy", "-bsf:v", "dump_extra", "-f", "hls", "-hls_time", "1", "-hls_playlist_type", "vod",
                "-hls_segment_filename", dir.resolve("seg%03d.ts").toString(), dir.resolve("index.m3u8").toString());
        try (HttpFileServer http = HttpFileServer.serve(dir)) {
            String url = http.url("/index.m3u8");
            assertTrue(url.startsWith("http://127.0.0.1:"), url);
            long frames = 0;
            try (MediaReader r = MediaReader.open(ReaderOptions.of(url))) {
                assertEquals("hls", r.input().formatName());
                MediaItem item;
                while ((item = r.next()) != null) {
                    assertEquals(320, ((VideoFrame) item).width());
                    frames++;
                }
            }
            assertEquals(75, frames);
            assertTrue(http.log().contains("GET /index.m3u8"), http.log());
            assertTrue(http.log().contains("GET /seg000.ts"), http.log());
        }
    }
}
