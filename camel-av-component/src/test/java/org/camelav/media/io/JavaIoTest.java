package org.camelav.media.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.camelav.media.AvException;
import org.camelav.media.MediaItem;
import org.camelav.media.container.MediaWriter;
import org.camelav.media.container.ReaderOptions;
import org.camelav.media.container.WriterOptions;
import org.camelav.testsupport.Await;
import org.camelav.testsupport.FfmpegCli;
import org.camelav.testsupport.TestMedia;
import org.junit.jupiter.api.Test;

/** Media read from and written to Java memory and streams through a custom AVIOContext: no temporary files. */
class JavaIoTest {

    @Test
    void decodesAnMp4FromABytesBody() throws Exception {
        byte[] mp4 = Files.readAllBytes(TestMedia.clip("v-60.mp4", 60, 12, false));
        ReaderOptions o = ReaderOptions.builder("clip.mp4").source(IoAdapters.of(mp4)).build();
        List<MediaItem> items = Await.readAll(o);
        assertEquals(60, items.size());
        assertTrue(items.get(59).endOfStream(), "a body is finite");
    }

    @Test
    void decodesMpegTsFromAStreamThatCannotSeek() throws Exception {
        Path ts = Path.of("target", "test-media", "io.ts");
        if (!Files.exists(ts)) {
            FfmpegCli.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=160x120:rate=25", "-frames:v", "30", "-c:v", "mpeg4",
                    ts.toString());
        }
        // a plain InputStream: no mark/reset, no seeking
        InputStream in = new FilterInputStream(new ByteArrayInputStream(Files.readAllBytes(ts))) {
            @Override
            public boolean markSupported() {
                return false;
            }
        };
        ReaderOptions o = ReaderOptions.builder("upload").source(IoAdapters.of(in)).build();
        assertEquals(30, Await.readAll(o).size());
    }

    @Test
    void writesAPlayableMp4IntoMemory() throws Exception {
        ByteSink sink = new ByteSink();
        WriterOptions w = WriterOptions.builder("memory.mp4").sink(sink).codec("mpeg4").build();
        ReaderOptions o = ReaderOptions.builder("testsrc2=size=160x120:rate=25").format("lavfi").maxFrames(25).build();
        try (MediaWriter writer = new MediaWriter(w)) {
            for (MediaItem i : Await.readAll(o)) {
                writer.write(i);
            }
        }
        byte[] mp4 = sink.toByteArray();
        Path out = Files.write(Path.of("target", "memory.mp4"), mp4);
        assertEquals(25, FfmpegCli.countFrames(out, "v:0"), "MP4 needs seeking back for its index: the sink seeks");
    }

    @Test
    void textIsNotMediaAndFailsCleanly() {
        ReaderOptions o = ReaderOptions.builder("notes.txt")
                .source(IoAdapters.of("hello, this is not a video".repeat(200).getBytes())).build();
        AvException e = assertThrows(AvException.class, () -> Await.readAll(o));
        assertTrue(e.getMessage().contains("Invalid data found when processing input"), e.getMessage());
    }
}
