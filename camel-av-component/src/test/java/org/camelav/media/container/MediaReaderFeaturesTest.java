package org.camelav.media.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.camelav.media.MediaItem;
import org.camelav.media.Rational;
import org.camelav.media.audio.AudioFrame;
import org.camelav.media.codec.SkipFrame;
import org.camelav.media.codec.ThreadType;
import org.camelav.media.video.Interpolation;
import org.camelav.media.video.VideoFrame;
import org.camelav.testsupport.Await;
import org.camelav.testsupport.FfmpegCli;
import org.camelav.testsupport.TestMedia;
import org.junit.jupiter.api.Test;

/** Consumer-side features, each checked against ffprobe or against values a known source must give. */
class MediaReaderFeaturesTest {

    private static <T> List<T> of(List<MediaItem> items, Class<T> type) {
        return items.stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Test
    void skipFrameNonKeyDeliversExactlyTheKeyFramesFfprobeSees() {
        Path clip = TestMedia.clip("gop7.mp4", 50, 7, false);
        ReaderOptions o = ReaderOptions.builder(clip.toString()).skipFrame(SkipFrame.NONKEY).build();
        List<MediaItem> items = Await.readAll(o);
        long expected = FfmpegCli.countKeyFrames(clip);
        assertEquals(8, expected, "50 frames, GOP 7");
        assertEquals(expected, items.size());
        assertTrue(items.stream().allMatch(MediaItem::keyFrame));
        assertEquals(List.of(0L, 7L, 14L), items.stream().limit(3).map(i -> Math.round(i.time() * 25)).toList(),
                "the key frames are frames 0, 7, 14...");
    }

    @Test
    void bgr24OfASolidColourHasThatColourInEveryPixel() {
        // lavfi "color=c=0x3366CC" is R=0x33 G=0x66 B=0xCC; bgr24 stores B, G, R
        Path clip = TestMedia.solid("solid.mkv", "0x3366CC", 5);
        ReaderOptions o = ReaderOptions.builder(clip.toString()).pixelFormat("bgr24").build();
        List<VideoFrame> frames = of(Await.readAll(o), VideoFrame.class);
        assertEquals(5, frames.size());
        VideoFrame f = frames.get(0);
        assertEquals("bgr24", f.pixelFormat());
        assertEquals(160 * 120 * 3, f.data().length, "tightly packed, no row padding");
        for (int px = 0; px < 160 * 120; px += 997) {
            assertEquals(0xCC, f.data()[px * 3] & 0xff, 2, "B at pixel " + px);
            assertEquals(0x66, f.data()[px * 3 + 1] & 0xff, 2, "G at pixel " + px);
            assertEquals(0x33, f.data()[px * 3 + 2] & 0xff, 2, "R at pixel " + px);
        }
    }

    @Test
    void grayAndRgb24AreTightlyPackedToo() {
        Path clip = TestMedia.solid("solid.mkv", "0x3366CC", 5);
        ReaderOptions o = ReaderOptions.builder(clip.toString()).pixelFormat("rgb24").maxFrames(1).build();
        VideoFrame rgb = (VideoFrame) Await.readAll(o).get(0);
        assertEquals(0x33, rgb.data()[0] & 0xff, 2);
        assertEquals(0xCC, rgb.data()[2] & 0xff, 2);
        o = o.toBuilder().pixelFormat("gray").build();
        VideoFrame gray = (VideoFrame) Await.readAll(o).get(0);
        assertEquals(160 * 120, gray.data().length);
    }

    @Test
    void widthAloneScalesAndKeepsAspect() {
        Path clip = TestMedia.clip("v-60.mp4", 60, 12, false);
        ReaderOptions o = ReaderOptions.builder(clip.toString()).width(160).pixelFormat("bgr24")
                .interpolation(Interpolation.BICUBIC).maxFrames(3).build();
        List<VideoFrame> frames = of(Await.readAll(o), VideoFrame.class);
        assertEquals(3, frames.size());
        assertEquals(160, frames.get(0).width());
        assertEquals(120, frames.get(0).height());
        assertEquals(160 * 120 * 3, frames.get(0).data().length);
        o = o.toBuilder().width(0).height(60).build();
        VideoFrame f = (VideoFrame) Await.readAll(o).get(0);
        assertEquals(80, f.width());
        o = o.toBuilder().width(100).height(50).build();
        f = (VideoFrame) Await.readAll(o).get(0);
        assertEquals(100, f.width());
        assertEquals(50, f.height());
    }

    @Test
    void audioFramesCarryEverySampleFfprobeCounts() {
        Path clip = TestMedia.clip("av-50.mp4", 50, 10, true);
        ReaderOptions o = ReaderOptions.builder(clip.toString()).streams("audio").build();
        List<AudioFrame> frames = of(Await.readAll(o), AudioFrame.class);
        long samples = frames.stream().mapToLong(AudioFrame::samples).sum();
        long expected = FfmpegCli.probeValues(clip, "a:0", "frame=nb_samples").stream().mapToLong(Long::parseLong).sum();
        assertEquals(expected, samples);
        AudioFrame a = frames.get(1);
        assertEquals(48000, a.sampleRate());
        assertEquals(1, a.channels());
        assertEquals("fltp", a.sampleFormat());
        assertEquals(a.samples() * 4, a.data().length);
    }

    @Test
    void audioResampledToS16MonoAt16k() {
        Path clip = TestMedia.clip("av-50.mp4", 50, 10, true);
        ReaderOptions o = ReaderOptions.builder(clip.toString()).streams("audio").sampleFormat("s16").sampleRate(16000)
                .channelLayout("stereo").build();
        List<AudioFrame> frames = of(Await.readAll(o), AudioFrame.class);
        long samples = frames.stream().mapToLong(AudioFrame::samples).sum();
        long sourceSamples = FfmpegCli.probeValues(clip, "a:0", "frame=nb_samples").stream()
                .mapToLong(Long::parseLong).sum();
        // a third of the samples, and the resampler's tail is flushed at the end rather than lost
        assertEquals(sourceSamples / 3.0, samples, 2);
        AudioFrame a = frames.get(0);
        assertEquals("s16", a.sampleFormat());
        assertEquals(2, a.channels());
        assertEquals("stereo", a.channelLayout());
        assertEquals(a.samples() * 2 * 2, a.data().length);
    }

    @Test
    void videoAndAudioTogether() {
        Path clip = TestMedia.clip("av-50.mp4", 50, 10, true);
        ReaderOptions o = ReaderOptions.builder(clip.toString()).streams("video,audio").build();
        List<MediaItem> items = Await.readAll(o);
        assertEquals(50, of(items, VideoFrame.class).size());
        assertTrue(of(items, AudioFrame.class).size() > 90, "about 94 AAC frames of 1024 samples");
        assertTrue(items.get(items.size() - 1).endOfStream());
    }

    @Test
    void startTimeSeeksAndDeliversFromThatTimeExactly() {
        Path clip = TestMedia.clip("v-60.mp4", 60, 12, false);
        ReaderOptions o = ReaderOptions.builder(clip.toString()).startTime(1.0).build();
        List<MediaItem> items = Await.readAll(o);
        assertEquals(35, items.size(), "frames 25..59");
        assertEquals(1.0, items.get(0).time(), 1e-6);
        assertEquals(25, Math.round(items.get(0).time() * 25));
    }

    @Test
    void durationBoundsMediaTime() {
        Path clip = TestMedia.clip("v-60.mp4", 60, 12, false);
        ReaderOptions o = ReaderOptions.builder(clip.toString()).duration(0.5).build();
        List<MediaItem> items = Await.readAll(o);
        assertEquals(13, items.size(), "frames at 0.00 .. 0.48 s");
        assertTrue(items.get(12).endOfStream());
    }

    @Test
    void filterGraphRunsBeforeConversion() {
        Path clip = TestMedia.clip("v-60.mp4", 60, 12, false);
        ReaderOptions o = ReaderOptions.builder(clip.toString()).filter("fps=5,scale=64:48").pixelFormat("rgb24")
                .build();
        List<VideoFrame> frames = of(Await.readAll(o), VideoFrame.class);
        assertEquals(12, frames.size(), "2.4 s at 5 fps");
        assertEquals(64, frames.get(0).width());
        assertEquals(48, frames.get(0).height());
        assertEquals(new Rational(1, 5), frames.get(0).timeBase());
        assertEquals(0.2, frames.get(1).time() - frames.get(0).time(), 1e-9);
    }

    @Test
    void loopRestartsWithIncreasingTimestamps() {
        Path clip = TestMedia.clip("v-60.mp4", 60, 12, false);
        ReaderOptions o = ReaderOptions.builder(clip.toString()).loop(true).maxFrames(150).build();
        List<MediaItem> items = Await.readAll(o);
        assertEquals(150, items.size());
        for (int i = 1; i < items.size(); i++) {
            assertEquals(i * 0.04, items.get(i).time(), 1e-6, "continuous time at " + i);
        }
        assertTrue(items.get(149).endOfStream());
    }

    @Test
    void realtimePacesLikeFfmpegRe() {
        Path clip = TestMedia.clip("v-60.mp4", 60, 12, false);
        ReaderOptions o = ReaderOptions.builder(clip.toString()).realtime(true).maxFrames(13).build();
        long t0 = System.nanoTime();
        assertEquals(13, Await.readAll(o).size());
        double elapsed = (System.nanoTime() - t0) / 1e9;
        assertTrue(elapsed >= 0.47, "12 frame intervals at 25 fps take 0.48 s, took " + elapsed);
    }

    @Test
    void realtimePacesFromTheInputsStartWhenAFilterDropsTheFirstFrames() {
        Path clip = TestMedia.clip("v-60.mp4", 60, 12, false);
        ReaderOptions o = ReaderOptions.builder(clip.toString()).realtime(true).filter("select='gte(t,1)'")
                .maxFrames(1).build();
        long t0 = System.nanoTime();
        List<MediaItem> items = Await.readAll(o);
        double elapsed = (System.nanoTime() - t0) / 1e9;
        assertEquals(1.0, items.get(0).time(), 1e-6);
        // ffmpeg -re delivers the frame at 1 s one second in; pacing from the first delivered frame gave it at once
        assertTrue(elapsed >= 0.95, "the frame at 1 s came after " + elapsed + " s");
    }

    @Test
    void filteredFramesKeepTheDecodersBestEffortTimestamps() {
        Path clip = TestMedia.clip("v-60.mp4", 60, 12, false);
        List<MediaItem> items = Await.readAll(ReaderOptions.builder(clip.toString()).filter("null").build());
        assertEquals(60, items.size());
        for (int i = 0; i < items.size(); i++) {
            assertEquals(i * 0.04, items.get(i).time(), 1e-6, "frame " + i);
        }
    }

    @Test
    void decoderThreadingAndLowDelayOptionsDecodeTheSameFrames() {
        Path clip = TestMedia.clip("v-60.mp4", 60, 12, false);
        ReaderOptions o = ReaderOptions.builder(clip.toString()).threadType(ThreadType.SLICE).threadCount(2)
                .lowDelay(true).codecOptions(java.util.Map.of("skip_loop_filter", "all")).build();
        assertEquals(60, Await.readAll(o).size());
    }

    @Test
    void fullRangeJpegFramesConvertWithoutSwscaleWarnings() {
        Path mjpeg = Path.of("target", "test-media", "solid-mjpeg.avi");
        if (!java.nio.file.Files.exists(mjpeg)) {
            FfmpegCli.ffmpeg("-f", "lavfi", "-i", "color=c=0x3366CC:size=160x120:rate=25", "-frames:v", "5", "-c:v",
                    "mjpeg", "-q:v", "2", mjpeg.toString());
        }
        ReaderOptions o = ReaderOptions.builder(mjpeg.toString()).pixelFormat("bgr24").build();
        try (org.camelav.testsupport.LogCapture log = new org.camelav.testsupport.LogCapture("org.camelav.ffmpeg")) {
            List<VideoFrame> frames = of(Await.readAll(o), VideoFrame.class);
            assertEquals(5, frames.size());
            assertEquals("yuvj420p", frames.get(0).stream().pixelFormat(), "a full-range source");
            byte[] px = frames.get(0).data();
            assertEquals(0xCC, px[0] & 0xff, 4, "B");
            assertEquals(0x66, px[1] & 0xff, 4, "G");
            assertEquals(0x33, px[2] & 0xff, 4, "R");
            assertTrue(log.events().stream().noneMatch(e -> e.message().contains("deprecated pixel format")),
                    log.events().toString());
        }
    }
}
