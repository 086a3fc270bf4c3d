package org.camelav.media.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.camelav.media.MediaItem;
import org.camelav.media.container.ReaderOptions;
import org.camelav.testsupport.Await;
import org.camelav.testsupport.FfmpegCli;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A plain WAV does not say which channels it has (order UNSPEC): resampling it works as ffmpeg's does, with the default
 * layout for its channel count, and delivers as many samples as {@code ffmpeg -ar}.
 */
class WavResampleTest {

    private static final Path DIR = Path.of("target", "wav");
    private static final Path WAV = DIR.resolve("8k-mono.wav");

    @BeforeAll
    static void wav() throws Exception {
        Files.createDirectories(DIR);
        if (!Files.exists(WAV)) {
            // -bitexact and no channel layout in the header: what a voice recorder or an IVR writes
            FfmpegCli.ffmpeg("-f", "lavfi", "-i", "sine=frequency=440:sample_rate=8000:duration=2", "-c:a", "pcm_s16le",
                    "-bitexact", WAV.toString());
        }
    }

    private static List<AudioFrame> read(ReaderOptions.Builder b) {
        List<MediaItem> items = Await.readAll(b.build());
        return items.stream().map(AudioFrame.class::cast).toList();
    }

    @Test
    void resamplingTo48kDeliversWhatFfmpegDoes() {
        List<AudioFrame> frames = read(ReaderOptions.builder(WAV.toString()).sampleRate(48000));
        long samples = frames.stream().mapToLong(AudioFrame::samples).sum();
        Path ref = DIR.resolve("ffmpeg-48k.wav");
        FfmpegCli.ffmpeg("-i", WAV.toString(), "-ar", "48000", ref.toString());
        long expected = Long.parseLong(FfmpegCli.probeValues(ref, "a:0", "stream=duration_ts").get(0));
        int frameSamples = frames.get(0).samples();
        assertTrue(Math.abs(samples - expected) <= frameSamples, samples + " samples, ffmpeg " + expected);
        assertEquals(48000, frames.get(0).sampleRate());
        assertEquals(1, frames.get(0).channels());
    }

    @Test
    void sampleFormatAndLayoutRequestsWork() {
        List<AudioFrame> flt = read(ReaderOptions.builder(WAV.toString()).sampleFormat("flt"));
        assertEquals("flt", flt.get(0).sampleFormat());
        assertEquals(16000, flt.stream().mapToLong(AudioFrame::samples).sum(), "2 s at 8 kHz, as ffprobe counts");
        List<AudioFrame> stereo = read(ReaderOptions.builder(WAV.toString()).channelLayout("stereo"));
        assertEquals(2, stereo.get(0).channels());
        assertEquals(16000, stereo.stream().mapToLong(AudioFrame::samples).sum());
    }
}
