package org.camelav.media.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.camelav.media.MediaItem;
import org.camelav.media.audio.AudioFrame;
import org.camelav.media.video.VideoFrame;
import org.camelav.testsupport.Await;
import org.camelav.testsupport.FfmpegCli;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A transport stream whose picture goes from 320x240 to 640x480 after 1 s (a camera reconfigured mid-stream), and one
 * whose audio goes from 44.1 to 48 kHz: the filter graph and the resampler are rebuilt as ffmpeg rebuilds them, and
 * every delivered frame matches what the bundled ffmpeg makes of the same input and options ({@code -noautoscale}:
 * camel-av delivers the new size, with headers that say so, where the CLI would scale back to the first).
 */
class MidStreamChangeTest {

    private static final Path DIR = Path.of("target", "mid-stream");
    private static Path video;
    private static Path audio;

    @BeforeAll
    static void media() throws Exception {
        Files.createDirectories(DIR);
        video = DIR.resolve("size-change.ts");
        audio = DIR.resolve("rate-change.ts");
        concat(video, "-f lavfi -i testsrc2=size=320x240:rate=25 -frames:v 25 -c:v mpeg2video -q:v 2",
                "-f lavfi -i testsrc2=size=640x480:rate=25 -frames:v 25 -c:v mpeg2video -q:v 2");
        concat(audio, "-f lavfi -i sine=frequency=440:sample_rate=44100 -t 1 -c:a mp2",
                "-f lavfi -i sine=frequency=440:sample_rate=48000 -t 1 -c:a mp2");
    }

    /** Two MPEG-TS parts, the second's timestamps 1 s on, one after the other in one file (same PIDs). */
    private static void concat(Path out, String first, String second) throws Exception {
        Path a = DIR.resolve("a-" + out.getFileName());
        Path b = DIR.resolve("b-" + out.getFileName());
        FfmpegCli.ffmpeg((first + " -f mpegts " + a).split(" "));
        FfmpegCli.ffmpeg((second + " -output_ts_offset 1 -f mpegts " + b).split(" "));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(Files.readAllBytes(a));
        bytes.write(Files.readAllBytes(b));
        Files.write(out, bytes.toByteArray());
    }

    private static double meanAbsDiff(byte[] a, int offset, byte[] b) {
        long sum = 0;
        for (int i = 0; i < b.length; i++) {
            sum += Math.abs((a[offset + i] & 0xff) - (b[i] & 0xff));
        }
        return sum / (double) b.length;
    }

    @Test
    void aSizeChangeRebuildsTheFilterGraphAndEveryFrameMatchesFfmpeg() {
        List<MediaItem> frames = Await.readAll(ReaderOptions.builder(video.toString()).filter("hflip")
                .pixelFormat("bgr24").build());
        byte[] oracle = FfmpegCli.output("-i", video.toString(), "-vf", "hflip", "-noautoscale", "-f", "rawvideo",
                "-pix_fmt", "bgr24", "-");
        int offset = 0;
        double worst = 0;
        int large = 0;
        for (int i = 0; i < frames.size(); i++) {
            VideoFrame f = (VideoFrame) frames.get(i);
            boolean after = f.width() == 640;
            large += after ? 1 : 0;
            assertTrue(after || f.width() == 320 && large == 0, "frame " + i + " is " + f.width() + " wide");
            assertEquals(f.width() * 3 / 4, f.height(), "frame " + i + ": the picture's own size, not the first one's");
            double mad = meanAbsDiff(oracle, offset, f.data());
            worst = Math.max(worst, mad);
            assertTrue(mad < 2.0, "frame " + i + " differs from ffmpeg's by " + mad);
            offset += f.data().length;
        }
        assertEquals(25, large, "every frame after the change at its new size");
        assertEquals(oracle.length, offset, "as many pixels as ffmpeg delivers");
        System.out.printf("size change under hflip: %d frames (as ffmpeg), worst mean abs diff to ffmpeg %.3f%n",
                frames.size(), worst);
    }

    @Test
    void aSizeChangeUnderWidthAndHeightKeepsTheRequestedSizeAndMatchesFfmpeg() {
        List<MediaItem> frames = Await.readAll(ReaderOptions.builder(video.toString()).width(160).height(120)
                .interpolation(org.camelav.media.video.Interpolation.BICUBIC).pixelFormat("bgr24").build());
        byte[] oracle = FfmpegCli.output("-i", video.toString(), "-vf", "scale=160:120", "-f", "rawvideo", "-pix_fmt",
                "bgr24", "-");
        int size = 160 * 120 * 3;
        assertEquals(oracle.length / size, frames.size(), "as many frames as ffmpeg");
        double worst = 0;
        for (int i = 0; i < frames.size(); i++) {
            VideoFrame f = (VideoFrame) frames.get(i);
            assertEquals(160, f.width(), "frame " + i);
            assertEquals(120, f.height(), "frame " + i);
            worst = Math.max(worst, meanAbsDiff(oracle, i * size, f.data()));
        }
        assertTrue(worst < 3.0, "worst mean abs diff to ffmpeg's scale: " + worst);
        System.out.printf("size change under width/height: %d frames at 160x120, worst mean abs diff %.3f%n",
                frames.size(), worst);
    }

    @Test
    void aSampleRateChangeRebuildsTheResamplerToTheSameOutput() {
        List<MediaItem> frames = Await.readAll(ReaderOptions.builder(audio.toString()).streams("audio")
                .sampleRate(22050).sampleFormat("s16").build());
        long samples = 0;
        for (MediaItem i : frames) {
            AudioFrame a = (AudioFrame) i;
            assertEquals(22050, a.sampleRate());
            samples += a.samples();
        }
        long oracle = FfmpegCli.output("-i", audio.toString(), "-ar", "22050", "-ac", "1", "-f", "s16le", "-").length
                      / 2;
        assertTrue(Math.abs(samples - oracle) < 22050 * 0.02, samples + " samples where ffmpeg delivers " + oracle);
        System.out.printf("rate change 44.1 -> 48 kHz resampled to 22.05 kHz: %d samples, ffmpeg %d%n", samples,
                oracle);
    }
}
