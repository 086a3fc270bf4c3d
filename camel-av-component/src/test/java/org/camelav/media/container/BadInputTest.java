package org.camelav.media.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;

import org.camelav.media.AvErrors;
import org.camelav.media.AvException;
import org.camelav.media.AvInvalidDataException;
import org.camelav.media.AvIoException;
import org.camelav.media.AvNotFoundException;
import org.camelav.media.AvTimeoutException;
import org.camelav.media.AvUnsupportedException;
import org.camelav.media.io.Interrupter;
import org.camelav.testsupport.HttpTsCamera;
import org.camelav.testsupport.TestMedia;
import org.junit.jupiter.api.Test;

/** Every bad input gets a typed AvException with FFmpeg's own text; none of them may crash the JVM. */
class BadInputTest {

    private static final Path DIR = Path.of("target", "bad-input");

    private static AvException failsToRead(ReaderOptions o) {
        return assertThrows(AvException.class, () -> {
            try (MediaReader r = MediaReader.open(o)) {
                while (r.next() != null) {
                    // read to the end
                }
            }
        });
    }

    private static Path write(String name, byte[] bytes) throws IOException {
        Files.createDirectories(DIR);
        return Files.write(DIR.resolve(name), bytes);
    }

    @Test
    void missingFile() {
        AvException e = failsToRead(ReaderOptions.of("/nonexistent/clip.mp4"));
        assertInstanceOf(AvNotFoundException.class, e);
        assertTrue(e.getMessage().contains("No such file or directory"), e.getMessage());
        assertTrue(e.getMessage().contains("/nonexistent/clip.mp4"));
    }

    @Test
    void unreadableFile() throws IOException {
        Path p = DIR.resolve("dir.mp4");
        Files.createDirectories(p); // a directory is not readable as media
        AvException e = failsToRead(ReaderOptions.of(p.toString()));
        assertTrue(e.getErrorCode() < 0, e.getMessage());
    }

    @Test
    void garbageBytes() throws IOException {
        byte[] junk = new byte[64 * 1024];
        new Random(42).nextBytes(junk);
        Path p = write("garbage.bin", junk);
        AvException e = failsToRead(ReaderOptions.of(p.toString()));
        assertInstanceOf(AvInvalidDataException.class, e);
        assertTrue(e.getMessage().contains("Invalid data found when processing input"), e.getMessage());
    }

    @Test
    void textFile() throws IOException {
        Path p = write("notes.mp4", "this is not a video\n".repeat(100).getBytes());
        AvException e = failsToRead(ReaderOptions.of(p.toString()));
        assertTrue(e.getMessage().startsWith("Cannot open input"), e.getMessage());
    }

    @Test
    void truncatedMp4() throws IOException {
        // the moov atom of an mp4 written by ffmpeg sits at the end: cut it off
        byte[] full = Files.readAllBytes(TestMedia.clip("v-60.mp4", 60, 12, false));
        Path p = write("truncated.mp4", java.util.Arrays.copyOf(full, full.length / 2));
        AvException e = failsToRead(ReaderOptions.of(p.toString()));
        assertTrue(e.getMessage().contains("Invalid data") || e.getMessage().contains("moov"), e.getMessage());
    }

    @Test
    void truncatedMpegTsDecodesWhatIsThere() throws IOException {
        Path ts = DIR.resolve("whole.ts");
        Files.createDirectories(DIR);
        // encoded straight into TS: the codec headers are in-band, as a streamable container needs
        org.camelav.testsupport.FfmpegCli.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25", "-frames:v", "60",
                "-c:v", "mpeg4", "-g", "12", ts.toString());
        byte[] full = Files.readAllBytes(ts);
        Path cut = write("cut.ts", java.util.Arrays.copyOf(full, full.length / 2 + 77)); // mid-packet
        int frames = 0;
        try (MediaReader r = MediaReader.open(ReaderOptions.of(cut.toString()))) {
            while (r.next() != null) {
                frames++;
            }
        }
        assertTrue(frames > 15 && frames < 60, "a streamable container yields the frames before the cut: " + frames);
    }

    @Test
    void unsupportedCodecOrMissingDecoder() {
        ReaderOptions o = ReaderOptions.builder(TestMedia.clip("v-60.mp4", 60, 12, false).toString())
                .decoder("no_such_decoder").build();
        AvException e = failsToRead(o);
        assertInstanceOf(AvNotFoundException.class, e);
        assertEquals(AvErrors.DECODER_NOT_FOUND, e.getErrorCode());
        assertTrue(e.getMessage().contains("no_such_decoder"));
    }

    @Test
    void unknownFormatName() {
        ReaderOptions o = ReaderOptions.builder("whatever").format("nosuchformat").build();
        AvException e = failsToRead(o);
        assertInstanceOf(AvNotFoundException.class, e);
        assertTrue(e.getMessage().contains("Unknown input format 'nosuchformat'"), e.getMessage());
    }

    @Test
    void invalidOptionValue() {
        ReaderOptions o = ReaderOptions.builder("testsrc2").format("lavfi")
                .formatOptions(Map.of("probesize", "not-a-number")).build();
        AvException e = failsToRead(o);
        assertInstanceOf(AvUnsupportedException.class, e);
        assertTrue(e.getMessage().contains("Invalid argument"), e.getMessage());
    }

    @Test
    void invalidFilterGraph() {
        ReaderOptions o = ReaderOptions.builder(TestMedia.clip("v-60.mp4", 60, 12, false).toString())
                .filter("nosuchfilter=1").build();
        AvException e = failsToRead(o);
        assertTrue(e.getMessage().contains("nosuchfilter"), e.getMessage());
    }

    @Test
    void refusedConnectionWithCredentialsMasked() {
        String url = "rtsp://admin:s3cret@127.0.0.1:" + HttpTsCamera.freePort() + "/stream";
        AvException e = failsToRead(ReaderOptions.of(url));
        assertInstanceOf(AvIoException.class, e);
        assertTrue(e.getMessage().contains("Connection refused"), e.getMessage());
        assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
        assertFalse(e.getUrl().contains("s3cret"));
        assertTrue(e.getUrl().contains("admin:xxxxxx@127.0.0.1"), e.getUrl());
    }

    @Test
    void unknownPixelFormatIsAClearArgumentError() {
        ReaderOptions o = ReaderOptions.builder(TestMedia.clip("v-60.mp4", 60, 12, false).toString())
                .pixelFormat("bgr25").build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MediaReader.open(o).close());
        assertTrue(e.getMessage().contains("bgr25"));
    }

    @Test
    void aStreamThatCannotBeDecodedIsAnErrorNotAnEmptyResult() throws IOException {
        // mpeg4 stream-copied from MP4 into MPEG-TS loses its in-band headers: every packet is rejected
        Path ts = DIR.resolve("headerless.ts");
        Files.createDirectories(DIR);
        org.camelav.testsupport.FfmpegCli.ffmpeg("-i", TestMedia.clip("v-60.mp4", 60, 12, false).toString(), "-c",
                "copy", ts.toString());
        AvException e = failsToRead(ReaderOptions.of(ts.toString()));
        assertTrue(e.getMessage().contains("none of its") && e.getMessage().contains("could be decoded"),
                e.getMessage());
    }

    @Test
    void aServerThatNeverAnswersTimesOut() throws IOException {
        try (HttpTsCamera.Silent silent = new HttpTsCamera.Silent()) {
            ReaderOptions o = ReaderOptions.builder(silent.url()).timeoutMillis(500).build();
            AvException e = failsToRead(o);
            assertInstanceOf(AvTimeoutException.class, e);
            assertEquals(AvErrors.EXIT, e.getErrorCode());
            assertTrue(e.getMessage().startsWith("Open timed out: "), e.getMessage());
        }
    }

    @Test
    void aStopIsNotATimeout() throws Exception {
        try (HttpTsCamera.Silent silent = new HttpTsCamera.Silent()) {
            ReaderOptions o = ReaderOptions.of(silent.url());
            Interrupter interrupter = new Interrupter(300);
            Thread stopper = new Thread(() -> {
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                }
                interrupter.stop(); // while the open is blocked, before the deadline: an interruption, not a timeout
            });
            stopper.start();
            AvException e = assertThrows(AvException.class, () -> MediaReader.open(o, interrupter).close());
            stopper.join();
            assertTrue(e.isInterrupted(), e.getMessage());
            assertFalse(e instanceof AvTimeoutException, e.getClass() + ": " + e.getMessage());
            assertTrue(e.getMessage().startsWith("Cannot open input: "), e.getMessage());
        }
    }

    @Test
    void unknownOutputFormatIsNotFound() {
        AvException e = assertThrows(AvException.class,
                () -> MediaOutput.create(DIR.resolve("x.out").toString(), "nosuchmuxer", 0, null).close());
        assertInstanceOf(AvNotFoundException.class, e);
        assertTrue(e.getMessage().contains("Unknown output format 'nosuchmuxer'"), e.getMessage());
    }
}
