package org.camelav.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.apache.camel.Exchange;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.camelav.media.container.BitmapSubtitleMedia;
import org.camelav.media.subtitles.Subtitle;
import org.camelav.media.subtitles.SubtitleBitmap;
import org.camelav.testsupport.FfmpegCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Subtitles (issue 33 §2) against the bundled ffmpeg: text subtitles of every text format decode to exchanges with the
 * text and times ffmpeg finds (its SubRip output of the same stream is the oracle), and a generated SRT survives a
 * round trip through camel-av into MKV (SubRip, ASS) and MP4 (mov_text) next to video.
 */
class SubtitleRoutesTest extends CamelTestSupport {

    private static final Path DIR = Path.of("target", "subtitles");
    private static final String SRT = "1\n00:00:00,500 --> 00:00:01,200\nHello, <i>world</i>\n\n"
                                      + "2\n00:00:01,500 --> 00:00:02,750\nSecond cue\non two lines\n\n"
                                      + "3\n00:00:02,800 --> 00:00:02,960\nÜnïcödé ✓\n\n";

    /** One cue as ffmpeg's SubRip output gives it: times in ms and the text without its tags. */
    record Cue(long startMs, long endMs, String text) {
    }

    private static Path srt() throws Exception {
        Files.createDirectories(DIR);
        Path srt = DIR.resolve("cues.srt");
        Files.writeString(srt, SRT, StandardCharsets.UTF_8);
        return srt;
    }

    /** A 3 s clip, mpeg4 video, with the SRT as its subtitle stream in {@code codec}, in {@code file}. */
    private static Path withVideo(String file, String codec) throws Exception {
        Path out = DIR.resolve(file);
        if (!Files.exists(out)) {
            FfmpegCli.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=160x120:rate=10", "-i", srt().toString(), "-map", "0",
                    "-map", "1", "-t", "3", "-c:v", "mpeg4", "-c:s", codec, out.toString());
        }
        return out;
    }

    @ParameterizedTest
    @CsvSource({ "cues.srt, ", "cues.ass, ass", "cues.vtt, webvtt", "cues-srt.mkv, srt", "cues-ass.mkv, ass",
                 "cues-mov_text.mp4, mov_text" })
    void textSubtitlesDecodeToTheTextAndTimesFfmpegFinds(String file, String codec) throws Exception {
        Path in = codec == null ? srt() : file.endsWith(".mkv") || file.endsWith(".mp4") ? withVideo(file, codec)
                : DIR.resolve(file);
        if (codec != null && !Files.exists(in)) {
            FfmpegCli.ffmpeg("-i", srt().toString(), "-c:s", codec, in.toString());
        }
        List<Cue> expected = ffmpegCues(in);
        assertEquals(3, expected.size(), "ffmpeg reads three cues from " + file);
        List<Exchange> got = new ArrayList<>();
        while (got.isEmpty() || !Boolean.TRUE.equals(got.get(got.size() - 1).getMessage()
                .getHeader(AvConstants.END_OF_STREAM))) {
            Exchange e = consumer.receive("av:" + in + "?streams=subtitle", 20_000);
            assertNotNull(e, "subtitle " + got.size() + " of " + file);
            got.add(e);
        }
        assertEquals(expected, cues(got), file);
        Exchange first = got.get(0);
        assertEquals("subtitle", first.getMessage().getHeader(AvConstants.MEDIA_TYPE));
        assertEquals("Hello, world", first.getMessage().getBody(String.class), "the body converts to its text");
        assertEquals(0.5, first.getMessage().getHeader(AvConstants.SUBTITLE_START, Double.class), 1e-9);
        assertEquals(1.2, first.getMessage().getHeader(AvConstants.SUBTITLE_END, Double.class), 1e-9);
    }

    @ParameterizedTest
    @CsvSource({ "roundtrip-srt.mkv, srt, subrip", "roundtrip-ass.mkv, , ass", "roundtrip.mp4, , mov_text" })
    void generatedSrtRoundTripsNextToVideo(String file, String subtitleCodec, String written) throws Exception {
        Path in = withVideo("source.mkv", "srt");
        Path out = DIR.resolve(file);
        Files.deleteIfExists(out);
        List<Exchange> seen = new CopyOnWriteArrayList<>();
        int items = (int) (FfmpegCli.countFrames(in, "v:0") + 3);
        String id = "rt-" + file;
        NotifyBuilder done = new NotifyBuilder(context).fromRoute(id).whenCompleted(items).create();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("av:" + in + "?streams=all").routeId(id).process(seen::add)
                        .to("av:" + out + "?codec=mpeg4" + (subtitleCodec == null ? "" : "&subtitleCodec="
                                                                                            + subtitleCodec));
            }
        });
        assertTrue(done.matches(60, TimeUnit.SECONDS), id + " completed " + items + " exchanges");
        context.getRouteController().stopRoute(id);
        context.removeRoute(id);
        assertEquals(3, seen.stream().filter(e -> e.getMessage().getBody() instanceof Subtitle).count());
        assertEquals(List.of("mpeg4", "video", written, "subtitle"), FfmpegCli.ffprobe("-show_entries",
                "stream=codec_name,codec_type", "-of", "default=nw=1:nk=1", out.toString()).lines().toList());
        assertEquals(ffmpegCues(srt()), ffmpegCues(out), "texts and times of " + file + " as ffmpeg reads them");
        assertEquals(FfmpegCli.countFrames(in, "v:0"), FfmpegCli.countFrames(out, "v:0"));
    }

    @Test
    void dvbBitmapSubtitlesBecomePicturesWithTheirPositionAndTimes() throws Exception {
        Path ts = BitmapSubtitleMedia.dvbTs();
        assertEquals(List.of("dvb_subtitle", "subtitle"), FfmpegCli.probeValues(ts, "s:0",
                "stream=codec_name,codec_type").subList(0, 2));
        // ffprobe decodes the subtitles: start (pts) and display time as FFmpeg's dvbsub decoder reports them
        List<String> probed = new ArrayList<>();
        for (String line : FfmpegCli.ffprobe("-show_frames", "-of", "compact", ts.toString()).split("\\R")) {
            java.util.regex.Matcher m = java.util.regex.Pattern
                    .compile("pts_time=([0-9.]+)\\|.*end_display_time=(\\d+)").matcher(line);
            if (line.startsWith("subtitle|") && m.find()) {
                probed.add(m.group(1));
                probed.add(m.group(2));
            }
        }
        assertEquals(4, probed.size(), "ffprobe decoded two subtitles: " + probed);
        List<Subtitle> subs = new ArrayList<>();
        while (subs.isEmpty() || !Boolean.TRUE.equals(subs.get(subs.size() - 1).endOfStream())) {
            Exchange e = consumer.receive("av:" + ts + "?streams=subtitle", 20_000);
            assertNotNull(e, "subtitle " + subs.size());
            subs.add(e.getMessage().getBody(Subtitle.class));
        }
        assertEquals(2, subs.size());
        for (int i = 0; i < 2; i++) {
            Subtitle s = subs.get(i);
            double start = Double.parseDouble(probed.get(2 * i));
            assertEquals(start, s.start(), 1e-3, "start as ffprobe's");
            assertEquals(start + Integer.parseInt(probed.get(2 * i + 1)) / 1000.0, s.end(), 1e-3, "end as ffprobe's");
            assertEquals("", s.text());
            assertEquals(1, s.bitmaps().size());
            SubtitleBitmap b = s.bitmaps().get(0);
            assertEquals(List.of(BitmapSubtitleMedia.X, BitmapSubtitleMedia.Y, BitmapSubtitleMedia.W,
                    BitmapSubtitleMedia.H), List.of(b.x(), b.y(), b.width(), b.height()));
            // DVB carries the palette as Y'CbCr: the colours come back within a few steps of white and red
            assertBgra(b, 0, 0, 255, 255, 255, 255);
            assertBgra(b, BitmapSubtitleMedia.W - 1, BitmapSubtitleMedia.H - 1, 0, 0, 255, 255);
        }
    }

    private static void assertBgra(SubtitleBitmap b, int x, int y, int blue, int green, int red, int alpha) {
        int at = (y * b.width() + x) * 4;
        int[] want = { blue, green, red, alpha };
        for (int c = 0; c < 4; c++) {
            int got = b.bgra()[at + c] & 0xff;
            assertTrue(Math.abs(got - want[c]) <= 8, "channel " + c + " at " + x + "," + y + ": " + got + " vs "
                                                     + want[c]);
        }
    }

    @Test
    void subtitlesBuiltByARouteAreMuxedNextToItsVideo() throws Exception {
        Path video = DIR.resolve("video-only.mkv");
        Files.createDirectories(DIR);
        if (!Files.exists(video)) {
            FfmpegCli.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=160x120:rate=10", "-t", "3", "-c:v", "mpeg4",
                    video.toString());
        }
        Path out = DIR.resolve("built.mp4");
        Files.deleteIfExists(out);
        List<Cue> cues = List.of(new Cue(500, 1200, "Hello, world"), new Cue(1500, 2750, "Second cue\non two lines"));
        // the subtitles come first (the header waits for both streams); copyTimestamps: the first held item would
        // otherwise be the output's zero, and that is the first subtitle at 0.5 s, not the video at 0
        String to = "av:" + out + "?codec=mpeg4&copyTimestamps=true";
        org.apache.camel.component.mock.MockEndpoint eos = getMockEndpoint("mock:built-eos");
        eos.expectedMessageCount(1);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("av:" + video).routeId("built").process(e -> {
                    List<Object> out = new ArrayList<>();
                    if (e.getMessage().getHeader(AvConstants.FRAME_INDEX, Long.class) == 0) {
                        // stream 1 of a source whose streams are 0 and 1: the producer holds them until video comes
                        for (Cue c : cues) {
                            out.add(Subtitle.text(c.text(), c.startMs() / 1000.0, c.endMs() / 1000.0, 1,
                                    List.of(0, 1)));
                        }
                    }
                    out.add(e.getMessage().getBody());
                    e.getMessage().setBody(out);
                }).split(body()).to(to).end()
                        .filter(header(AvConstants.END_OF_STREAM).isEqualTo(true)).to("mock:built-eos");
            }
        });
        eos.assertIsSatisfied(60_000);
        context.getRouteController().stopRoute("built");
        assertEquals(List.of("mpeg4", "video", "mov_text", "subtitle"), FfmpegCli.ffprobe("-show_entries",
                "stream=codec_name,codec_type", "-of", "default=nw=1:nk=1", out.toString()).lines().toList());
        assertEquals(cues, ffmpegCues(out));
        assertEquals(30, FfmpegCli.countFrames(out, "v:0"));
    }

    @Test
    void aSubtitleCodecThatIsNoSubtitleEncoderFailsTheRouteAtStart() {
        for (String codec : List.of("mpeg4", "nosuchcodec")) {
            Exception e = org.junit.jupiter.api.Assertions.assertThrows(Exception.class, () -> context.addRoutes(
                    new RouteBuilder() {
                        @Override
                        public void configure() {
                            from("direct:subs").to("av:" + DIR.resolve("x.mkv") + "?subtitleCodec=" + codec);
                        }
                    }));
            StringBuilder messages = new StringBuilder();
            for (Throwable t = e; t != null; t = t.getCause()) {
                messages.append(t.getMessage()).append(" | ");
            }
            assertTrue(messages.toString().contains("invalid option subtitleCodec=" + codec), messages.toString());
        }
    }

    private static List<Cue> cues(List<Exchange> exchanges) {
        return exchanges.stream().map(e -> e.getMessage().getBody(Subtitle.class))
                .map(s -> new Cue(Math.round(s.start() * 1000), Math.round(s.end() * 1000), s.text())).toList();
    }

    /** The first subtitle stream of {@code file} as ffmpeg converts it to SubRip, parsed; tags left out of the text. */
    static List<Cue> ffmpegCues(Path file) {
        String srt = new String(FfmpegCli.output("-i", file.toString(), "-map", "0:s:0", "-c:s", "srt", "-f", "srt",
                "-"), StandardCharsets.UTF_8).replace("\r\n", "\n");
        List<Cue> cues = new ArrayList<>();
        for (String block : srt.trim().split("\n\n+")) {
            String[] lines = block.split("\n", 3);
            String[] times = lines[1].split(" --> ");
            cues.add(new Cue(ms(times[0]), ms(times[1]), lines[2].replaceAll("<[^>]+>", "")));
        }
        return cues;
    }

    private static long ms(String t) {
        String[] p = t.trim().split("[:,]");
        return ((Long.parseLong(p[0]) * 60 + Long.parseLong(p[1])) * 60 + Long.parseLong(p[2])) * 1000
               + Long.parseLong(p[3]);
    }
}
