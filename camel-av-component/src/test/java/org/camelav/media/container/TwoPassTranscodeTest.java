package org.camelav.media.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.camelav.media.AvException;
import org.camelav.media.codec.EncoderPass;
import org.camelav.media.io.Interrupter;
import org.camelav.media.io.IoAdapters;
import org.camelav.testsupport.FfmpegCli;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * passes=2 against {@code ffmpeg -pass 1 -passlogfile ... -f null -} then {@code -pass 2} on the same generated input:
 * the first pass's statistics are ffmpeg's, the output's bit rate is the CLI's and near the target (one pass
 * overshoots it by half), and no statistics file is left behind, also when the second pass fails.
 */
class TwoPassTranscodeTest {

    private static final Path DIR = Path.of("target", "two-pass");
    /** 8 s of testsrc2 at 320x240, 25 fps, lossless: 200 frames whose detail mpeg4 cannot fit in 200 kb/s at q 2. */
    private static final Path SRC = DIR.resolve("src.mkv");
    private static final long TARGET = 200_000;

    @BeforeAll
    static void source() throws Exception {
        Files.createDirectories(DIR);
        if (!Files.exists(SRC)) {
            FfmpegCli.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25:d=8,format=yuv420p", "-c:v", "ffv1",
                    SRC.toString());
        }
    }

    private static WriterOptions.Builder mpeg4(Path out) {
        // numbered at the frame rate, the encoder's time base is 1/25 as the CLI's: the same picture headers
        return WriterOptions.builder(out.toString()).codec("mpeg4").bitRate(TARGET).timestamps(Timestamps.FRAME_RATE);
    }

    private static long bitRate(Path file) {
        return Long.parseLong(FfmpegCli.probeValues(file, "v:0", "stream=bit_rate").get(0));
    }

    private static ReaderOptions input() {
        return ReaderOptions.builder(SRC.toString()).build();
    }

    @Test
    void theFirstPassWritesFfmpegsStatistics() throws Exception {
        Path ours = DIR.resolve("ours-pass1.log");
        MediaOperations.transcode(input(), mpeg4(Path.of("-")).format("null").pass(new EncoderPass(1, ours)).build());
        Path prefix = DIR.resolve("cli");
        FfmpegCli.ffmpeg("-i", SRC.toString(), "-c:v", "mpeg4", "-b:v", String.valueOf(TARGET), "-pass", "1",
                "-passlogfile", prefix.toString(), "-f", "null", "-");
        String expected = Files.readString(DIR.resolve("cli-0.log"));
        assertEquals(200, expected.chars().filter(c -> c == ';').count(), "one entry per frame");
        assertEquals(expected, Files.readString(ours));
    }

    @Test
    void twoPassesMeetTheBitRateAsFfmpegDoes() throws Exception {
        Path two = DIR.resolve("two.mp4");
        Path one = DIR.resolve("one.mp4");
        List<Path> before = leftovers();
        assertEquals(200, MediaOperations.transcode(input(), mpeg4(two).passes(2).build()));
        assertEquals(before, leftovers(), "the statistics file is gone");
        MediaOperations.transcode(input(), mpeg4(one).build());
        Path cli = DIR.resolve("cli-two.mp4");
        Path prefix = DIR.resolve("cli-two");
        FfmpegCli.ffmpeg("-i", SRC.toString(), "-c:v", "mpeg4", "-b:v", String.valueOf(TARGET), "-pass", "1",
                "-passlogfile", prefix.toString(), "-f", "null", "-");
        FfmpegCli.ffmpeg("-y", "-i", SRC.toString(), "-c:v", "mpeg4", "-b:v", String.valueOf(TARGET), "-pass", "2",
                "-passlogfile", prefix.toString(), cli.toString());
        long ours = bitRate(two);
        long ffmpeg = bitRate(cli);
        long onePass = bitRate(one);
        assertEquals(200, FfmpegCli.countFrames(two, "v:0"));
        assertEquals(ffmpeg, ours, ffmpeg * 0.02, "ffmpeg -pass 2 gives " + ffmpeg + " b/s");
        assertEquals(TARGET, ours, TARGET * 0.15, "near bitRate over the whole clip");
        assertTrue(onePass > TARGET * 1.3, "one pass overshoots here, so the second pass did something: " + onePass);
    }

    /** libvpx keeps its first-pass statistics as base64 in stats_out: the same mechanism, another encoder. */
    @Test
    void libvpxTwoPassIsFfmpegs() throws Exception {
        Path two = DIR.resolve("vp8-two.webm");
        ReaderOptions in = ReaderOptions.builder(SRC.toString()).maxFrames(50).build();
        assertEquals(50, MediaOperations.transcode(in, WriterOptions.builder(two.toString()).codec("libvpx")
                .bitRate(TARGET).timestamps(Timestamps.FRAME_RATE).passes(2).build()));
        Path cli = DIR.resolve("vp8-cli.webm");
        Path prefix = DIR.resolve("vp8-cli");
        for (String pass : List.of("1", "2")) {
            FfmpegCli.ffmpeg("-y", "-i", SRC.toString(), "-frames:v", "50", "-c:v", "libvpx", "-b:v",
                    String.valueOf(TARGET), "-pass", pass, "-passlogfile", prefix.toString(), "-f",
                    pass.equals("1") ? "null" : "webm", pass.equals("1") ? "-" : cli.toString());
        }
        long ours = Files.size(two);
        long ffmpeg = Files.size(cli);
        assertEquals(ffmpeg, ours, ffmpeg * 0.03, "file sizes: ffmpeg's two passes give " + ffmpeg + " bytes");
    }

    /** Bytes as a body gives them: read once per pass. */
    @Test
    void aByteInputIsReadTwice() throws Exception {
        Path out = DIR.resolve("from-bytes.mp4");
        ReaderOptions bytes = input().withInput("body", IoAdapters.of(Files.readAllBytes(SRC)));
        assertEquals(200, MediaOperations.transcode(bytes, mpeg4(out).passes(2).build()));
        assertEquals(TARGET, bitRate(out), TARGET * 0.15);
    }

    @Test
    void aFailingSecondPassLeavesNoStatistics() throws Exception {
        Path temp = Files.createDirectories(DIR.resolve("temp-fail"));
        // the second pass opens the output: a directory that does not exist
        Path nowhere = DIR.resolve("no-such-dir").resolve("out.mp4");
        AvException e = assertThrows(AvException.class, () -> TwoPassTranscode.run(input(),
                mpeg4(nowhere).passes(2).build(), new Interrupter(30_000), temp));
        assertTrue(e.getMessage().contains("out.mp4"), e.getMessage());
        assertEquals(List.of(), list(temp));
    }

    /** libopenh264 has no two-pass mode: its first pass leaves no statistics, and the second says so. */
    @Test
    void anEncoderWithoutTwoPassModeFailsNamingIt() throws Exception {
        Path temp = Files.createDirectories(DIR.resolve("temp-openh264"));
        Path out = DIR.resolve("openh264.mp4");
        AvException e = assertThrows(AvException.class, () -> TwoPassTranscode.run(input(),
                WriterOptions.builder(out.toString()).codec("libopenh264").bitRate(TARGET).passes(2).build(),
                new Interrupter(30_000), temp));
        assertTrue(e.getMessage().contains("no two-pass mode"), e.getMessage());
        assertEquals(List.of(), list(temp));
    }

    @Test
    void aStreamInputIsRefused() throws Exception {
        ReaderOptions stream = input().withInput("body",
                IoAdapters.of(new java.io.ByteArrayInputStream(Files.readAllBytes(SRC))));
        AvException e = assertThrows(AvException.class, () -> MediaOperations.transcode(stream,
                mpeg4(DIR.resolve("stream.mp4")).passes(2).build()));
        assertTrue(e.getMessage().contains("reads the input twice"), e.getMessage());
    }

    private static List<Path> leftovers() throws Exception {
        try (Stream<Path> s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return s.filter(p -> p.getFileName().toString().startsWith(TwoPassTranscode.PREFIX)).sorted().toList();
        }
    }

    private static List<Path> list(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }
}
