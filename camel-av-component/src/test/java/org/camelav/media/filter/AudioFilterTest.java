package org.camelav.media.filter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.camelav.media.audio.AudioFrame;
import org.camelav.media.container.ReaderOptions;
import org.camelav.testsupport.Await;
import org.camelav.testsupport.FfmpegCli;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * audioFilter against the ffmpeg CLI running the same -af chain on the same generated WAV: the same samples, byte for
 * byte, and the same measurements from the reporting filters (ffprobe's frame tags of the same graph).
 */
class AudioFilterTest {

    private static final Path DIR = Path.of("target", "audio-filter");
    /** 3.5 s at 8 kHz mono: a 440 Hz tone, digital silence from 1.0 s to 2.5 s, the tone again. */
    private static final Path WAV = DIR.resolve("tone-gap-tone.wav");
    private static final String SILENCE = "silencedetect=n=-40dB:d=0.5";

    @BeforeAll
    static void wav() throws Exception {
        Files.createDirectories(DIR);
        if (!Files.exists(WAV)) {
            FfmpegCli.ffmpeg("-f", "lavfi", "-i",
                    "aevalsrc=if(between(t\\,1\\,2.5)\\,0\\,0.5*sin(2*PI*440*t)):s=8000:d=3.5", "-c:a", "pcm_s16le",
                    WAV.toString());
        }
    }

    private static List<AudioFrame> read(ReaderOptions.Builder b) {
        return Await.readAll(b.build()).stream().map(AudioFrame.class::cast).toList();
    }

    private static byte[] samples(List<AudioFrame> frames) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        frames.forEach(f -> all.writeBytes(f.data()));
        return all.toByteArray();
    }

    @Test
    void volumeGivesFfmpegsSamples() {
        List<AudioFrame> frames = read(ReaderOptions.builder(WAV.toString()).audioFilter("volume=0.5"));
        assertEquals("flt", frames.get(0).sampleFormat(), "volume works in float, as in ffmpeg");
        byte[] expected = FfmpegCli.output("-i", WAV.toString(), "-af", "volume=0.5", "-f", "f32le", "-");
        assertEquals(28000 * 4, expected.length);
        assertArrayEquals(expected, samples(frames));
        byte[] unfiltered = samples(read(ReaderOptions.builder(WAV.toString()).sampleFormat("flt")));
        assertFalse(java.util.Arrays.equals(unfiltered, samples(frames)), "the filter changed the samples");
    }

    @Test
    void aresampleGivesFfmpegsSampleCountAndValues() {
        List<AudioFrame> frames = read(ReaderOptions.builder(WAV.toString()).audioFilter("aresample=16000"));
        assertEquals(16000, frames.get(0).sampleRate());
        byte[] expected = FfmpegCli.output("-i", WAV.toString(), "-af", "aresample=16000", "-f", "s16le", "-");
        assertEquals(expected.length / 2, frames.stream().mapToLong(AudioFrame::samples).sum());
        assertArrayEquals(expected, samples(frames));
        // timestamps are in the graph's output time base and run on without a gap
        AudioFrame second = frames.get(1);
        assertEquals(frames.get(0).samples() / 16000.0, second.time(), 1e-9);
    }

    @Test
    void silencedetectReportsWhatFfmpegReports() {
        List<AudioFrame> frames = read(ReaderOptions.builder(WAV.toString()).audioFilter(SILENCE));
        List<String> ours = new ArrayList<>();
        for (AudioFrame f : frames) {
            f.metadata().entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(e -> ours.add(e.getKey() + "=" + e.getValue()));
        }
        List<String> ffmpeg = tags("amovie=" + WAV.toAbsolutePath() + "," + SILENCE);
        assertEquals(ffmpeg, ours);
        assertTrue(ours.contains("lavfi.silence_start=1"), ours.toString());
        // the tone's first sample after the gap, sin(2 pi 440 x 2.5), is 0 too: silence ends one sample (1/8000 s) later
        assertTrue(ours.contains("lavfi.silence_end=2.500125"), ours.toString());
        assertTrue(ours.contains("lavfi.silence_duration=1.500125"), ours.toString());
        assertEquals(28000, frames.stream().mapToLong(AudioFrame::samples).sum(), "silencedetect passes audio on");
    }

    @Test
    void ebur128IntegratedLoudnessIsFfmpegs() {
        String graph = "ebur128=metadata=1";
        List<AudioFrame> frames = read(ReaderOptions.builder(WAV.toString()).audioFilter(graph));
        List<String> ours = frames.stream().map(f -> f.metadata().get("lavfi.r128.I")).filter(v -> v != null)
                .toList();
        List<String> ffmpeg = tags("amovie=" + WAV.toAbsolutePath() + "," + graph).stream()
                .filter(t -> t.startsWith("lavfi.r128.I=")).map(t -> t.substring("lavfi.r128.I=".length())).toList();
        assertFalse(ours.isEmpty());
        assertEquals(ffmpeg, ours);
    }

    @Test
    void aChainThenConversionAppliesBoth() {
        List<AudioFrame> frames = read(ReaderOptions.builder(WAV.toString()).audioFilter("highpass=f=200,volume=2")
                .sampleFormat("s16").channelLayout("stereo"));
        assertEquals("s16", frames.get(0).sampleFormat());
        assertEquals(2, frames.get(0).channels());
        byte[] expected = FfmpegCli.output("-i", WAV.toString(), "-af", "highpass=f=200,volume=2", "-ac", "2", "-f",
                "s16le", "-");
        byte[] ours = samples(frames);
        assertEquals(expected.length, ours.length);
        assertTrue(maxDifference(expected, ours) <= 1, "within one LSB: " + maxDifference(expected, ours));
    }

    /**
     * A raw ADTS stream that switches from 8 kHz to 16 kHz (two encodes joined, as a radio feed or a re-tuned source
     * does): the graph is drained and rebuilt at the switch, and every decoded sample comes out, halved, at its rate.
     */
    @Test
    void aRateChangeRebuildsTheGraphLosingNothing() throws Exception {
        Path joined = DIR.resolve("8k-then-16k.aac");
        if (!Files.exists(joined)) {
            Path a = DIR.resolve("8k.aac");
            Path b = DIR.resolve("16k.aac");
            FfmpegCli.ffmpeg("-f", "lavfi", "-i", "sine=f=440:sample_rate=8000:d=1", "-c:a", "aac", a.toString());
            FfmpegCli.ffmpeg("-f", "lavfi", "-i", "sine=f=440:sample_rate=16000:d=1", "-c:a", "aac", b.toString());
            Files.write(joined, Files.readAllBytes(a));
            Files.write(joined, Files.readAllBytes(b), java.nio.file.StandardOpenOption.APPEND);
        }
        List<AudioFrame> plain = read(ReaderOptions.builder(joined.toString()));
        List<AudioFrame> halved = read(ReaderOptions.builder(joined.toString()).audioFilter("volume=0.5"));
        assertEquals(List.of(8000, 16000), plain.stream().map(AudioFrame::sampleRate).distinct().toList(),
                "the source really switches");
        assertEquals(plain.stream().map(AudioFrame::sampleRate).toList(),
                halved.stream().map(AudioFrame::sampleRate).toList(), "same frames, same rates, in order");
        assertEquals(plain.stream().mapToLong(AudioFrame::samples).sum(),
                halved.stream().mapToLong(AudioFrame::samples).sum());
        float[] in = floats(samples(plain));
        float[] out = floats(samples(halved));
        for (int i = 0; i < in.length; i++) {
            assertEquals(in[i] * 0.5f, out[i], 1e-6f, "sample " + i);
        }
    }

    /** loop=true: the graph drained at the end of a pass is built anew for the next one. */
    @Test
    void aLoopedInputRunsThroughTheGraphAgain() {
        int perPass = read(ReaderOptions.builder(WAV.toString()).audioFilter("volume=0.5")).size();
        List<AudioFrame> looped = read(ReaderOptions.builder(WAV.toString()).audioFilter("volume=0.5").loop(true)
                .maxFrames(2L * perPass + 3));
        assertEquals(2 * perPass + 3, looped.size());
        assertArrayEquals(looped.get(0).data(), looped.get(perPass).data(), "the second pass gives the same samples");
    }

    /** The same for the video graph (filter=), which failed the same way at the start of the second pass. */
    @Test
    void aLoopedVideoInputRunsThroughItsFilterAgain() {
        Path clip = org.camelav.testsupport.TestMedia.clip("looped-filter.mp4", 10, 5, false);
        List<org.camelav.media.MediaItem> items = Await.readAll(ReaderOptions.builder(clip.toString()).filter("hflip")
                .loop(true).maxFrames(25).build());
        assertEquals(25, items.size());
    }

    private static float[] floats(byte[] fltp) {
        java.nio.FloatBuffer b = java.nio.ByteBuffer.wrap(fltp).order(java.nio.ByteOrder.nativeOrder()).asFloatBuffer();
        float[] f = new float[b.remaining()];
        b.get(f);
        return f;
    }

    private static int maxDifference(byte[] a, byte[] b) {
        int max = 0;
        for (int i = 0; i + 1 < a.length; i += 2) {
            int x = (short) ((a[i] & 0xff) | (a[i + 1] << 8));
            int y = (short) ((b[i] & 0xff) | (b[i + 1] << 8));
            max = Math.max(max, Math.abs(x - y));
        }
        return max;
    }

    /** ffprobe's frame tags of a lavfi graph, "key=value" in frame order, keys sorted within a frame. */
    static List<String> tags(String graph) {
        String out = FfmpegCli.ffprobe("-f", "lavfi", "-i", graph, "-show_entries", "frame_tags", "-of", "default");
        List<String> tags = new ArrayList<>();
        List<String> frame = new ArrayList<>();
        for (String line : out.split("\\R")) {
            if (line.startsWith("TAG:")) {
                frame.add(line.substring(4));
            } else if (line.equals("[/FRAME]")) {
                frame.sort(String::compareTo);
                tags.addAll(frame);
                frame.clear();
            }
        }
        return tags;
    }
}
