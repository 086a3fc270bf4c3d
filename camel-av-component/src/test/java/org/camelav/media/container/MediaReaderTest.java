package org.camelav.media.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.camelav.media.AvException;
import org.camelav.media.MediaItem;
import org.camelav.media.MediaType;
import org.camelav.media.Rational;
import org.camelav.media.StreamInfo;
import org.camelav.media.video.VideoFrame;
import org.camelav.testsupport.Await;
import org.camelav.testsupport.FfmpegCli;
import org.camelav.testsupport.TestMedia;
import org.junit.jupiter.api.Test;

class MediaReaderTest {

    @Test
    void inputReportsStreamFactsLikeFfprobe() {
        Path clip = TestMedia.clip("av-50.mp4", 50, 10, true);
        try (MediaInput in = MediaInput.open(clip.toString(), null, null, 10_000)) {
            assertEquals(2, in.streams().size());
            StreamInfo v = in.streams().get(in.bestStream(MediaType.VIDEO));
            assertEquals("mpeg4", v.codecName());
            assertEquals(320, v.width());
            assertEquals(240, v.height());
            assertEquals(50, v.frames());
            assertEquals(new Rational(25, 1), v.averageRate());
            assertEquals(new Rational(25, 1), v.guessedRate());
            assertEquals(2.0, v.durationSeconds(), 0.05);
            StreamInfo a = in.streams().get(in.bestStream(MediaType.AUDIO));
            assertEquals("aac", a.codecName());
            assertEquals(48000, a.sampleRate());
            assertEquals(1, a.channels());
            assertTrue(in.isFinite());
        }
    }

    @Test
    void decodesEveryFrameWithIncreasingPtsAndMarksTheLast() {
        Path clip = TestMedia.clip("v-60.mp4", 60, 12, false);
        List<MediaItem> items = Await.readAll(ReaderOptions.of(clip.toString()));
        assertEquals(FfmpegCli.countFrames(clip, "v:0"), items.size());
        assertEquals(60, items.size());
        long last = Long.MIN_VALUE;
        for (int i = 0; i < items.size(); i++) {
            VideoFrame f = (VideoFrame) items.get(i);
            assertTrue(f.pts() > last, "pts must increase at frame " + i);
            last = f.pts();
            assertEquals(i, f.frameIndex());
            assertEquals(320 * 240 * 3 / 2, f.data().length, "yuv420p, tightly packed");
            assertEquals(i == items.size() - 1, f.endOfStream());
        }
    }

    @Test
    void missingFileFailsWithFfmpegText() {
        AvException e = assertThrows(AvException.class, () -> MediaReader.open(ReaderOptions.of("/nonexistent/x.mp4")));
        assertTrue(e.getMessage().contains("No such file or directory"), e.getMessage());
        assertTrue(e.getErrorCode() < 0);
    }

    @Test
    void unknownFormatIsRejected() {
        AvException e = assertThrows(AvException.class,
                () -> MediaInput.open("x", "no-such-format", null, 0));
        assertTrue(e.getMessage().contains("no-such-format"));
    }

    @Test
    void lavfiSourceWithMaxFrames() {
        ReaderOptions o = ReaderOptions.builder("testsrc2=size=160x120:rate=30").format("lavfi").maxFrames(15).build();
        List<MediaItem> items = Await.readAll(o);
        assertEquals(15, items.size());
        assertTrue(items.get(14).endOfStream());
        assertFalse(items.get(13).endOfStream());
        VideoFrame f = (VideoFrame) items.get(0);
        assertEquals(160, f.width());
        assertNotNull(f.pixelFormat());
    }
}
