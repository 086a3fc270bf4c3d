package org.camelav.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.camelav.testsupport.FfmpegCli;
import org.camelav.testsupport.TestMedia;
import org.junit.jupiter.api.Test;

/** Producer stream tags, chroma location and audio frame size, as ffprobe sees them and as ffmpeg's options give them. */
class EncodingControlsTest extends CamelTestSupport {

    private static final Path DIR = Path.of("target", "encoding-controls");
    private final Path clip = TestMedia.clip("encoding-controls.mp4", 25, 25, true);

    @Override
    protected RouteBuilder createRouteBuilder() throws Exception {
        Files.createDirectories(DIR);
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("av:" + clip + "?mode=packets&streams=all").routeId("tags").autoStartup(false)
                        .to("av:" + DIR.resolve("tags.mkv") + "?videoLanguage=eng&videoTitle=Camera 1"
                            + "&audioLanguage=fra&audioTitle=Commentary");
                from("av:testsrc2=size=160x120:rate=25?format=lavfi&maxFrames=5").routeId("chroma").autoStartup(false)
                        .to("av:" + DIR.resolve("chroma.mkv") + "?codec=ffv1&pixelFormat=yuv420p&chromaLocation=topleft");
                from("av:sine=frequency=440:sample_rate=48000?format=lavfi&maxFrames=10").routeId("frameSize")
                        .autoStartup(false)
                        .to("av:" + DIR.resolve("frames.mkv") + "?audioCodec=pcm_s16le&audioFrameSize=480");
            }
        };
    }

    private void run(String route, int exchanges) throws Exception {
        NotifyBuilder done = new NotifyBuilder(context).fromRoute(route).whenCompleted(exchanges).create();
        context.getRouteController().startRoute(route);
        assertTrue(done.matches(60, TimeUnit.SECONDS), route + " did not complete " + exchanges + " exchanges");
        context.getRouteController().stopRoute(route); // trailer written
    }

    /**
     * passes=2 on a transcode route: the output's bit rate is ffmpeg -pass 1/-pass 2's on the same input (what
     * TwoPassTranscodeTest checks in depth), and one pass would miss the target by half.
     */
    @Test
    void aTwoPassTranscodeRouteGivesFfmpegsBitRate() throws Exception {
        Path src = DIR.resolve("two-pass-src.mkv");
        if (!Files.exists(src)) {
            FfmpegCli.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25:d=4,format=yuv420p", "-c:v", "ffv1",
                    src.toString());
        }
        Path ours = DIR.resolve("two-pass.mp4");
        Path prefix = DIR.resolve("two-pass-cli");
        Path cli = DIR.resolve("two-pass-cli.mp4");
        template.sendBody("av:" + ours + "?operation=transcode&codec=mpeg4&bitRate=200000&timestamps=FRAME_RATE"
                          + "&passes=2", src.toFile());
        for (String pass : List.of("1", "2")) {
            FfmpegCli.ffmpeg("-y", "-i", src.toString(), "-c:v", "mpeg4", "-b:v", "200000", "-pass", pass,
                    "-passlogfile", prefix.toString(), "-f", pass.equals("1") ? "null" : "mp4",
                    pass.equals("1") ? "-" : cli.toString());
        }
        long rate = Long.parseLong(FfmpegCli.probeValues(ours, "v:0", "stream=bit_rate").get(0));
        long expected = Long.parseLong(FfmpegCli.probeValues(cli, "v:0", "stream=bit_rate").get(0));
        assertEquals(expected, rate, expected * 0.02);
        assertEquals(200_000, rate, 200_000 * 0.2, "mpeg4 undershoots a short clip, the CLI as much: " + expected);
    }

    @Test
    void streamLanguageAndTitleAreFfmpegs() throws Exception {
        run("tags", (int) (FfmpegCli.countPackets(clip, "v:0") + FfmpegCli.countPackets(clip, "a:0")));
        Path ffmpeg = DIR.resolve("ffmpeg-tags.mkv");
        FfmpegCli.ffmpeg("-i", clip.toString(), "-map", "0", "-c", "copy", "-metadata:s:v", "language=eng",
                "-metadata:s:v", "title=Camera 1", "-metadata:s:a", "language=fra", "-metadata:s:a", "title=Commentary",
                ffmpeg.toString());
        for (String s : List.of("v:0", "a:0")) {
            List<String> ours = FfmpegCli.probeValues(DIR.resolve("tags.mkv"), s, "stream_tags=language,title");
            assertEquals(FfmpegCli.probeValues(ffmpeg, s, "stream_tags=language,title"), ours, s);
        }
        assertEquals(List.of("eng", "Camera 1"), FfmpegCli.probeValues(DIR.resolve("tags.mkv"), "v:0",
                "stream_tags=language,title"));
    }

    @Test
    void chromaLocationIsWhatFfmpegWrites() throws Exception {
        run("chroma", 5);
        // ffmpeg 8 takes the encoder's chroma location from its frames (fftools' enc_open), overriding
        // -chroma_sample_location: the CLI's way is setparams
        Path ffmpeg = DIR.resolve("ffmpeg-chroma.mkv");
        FfmpegCli.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=160x120:rate=25", "-frames:v", "5", "-c:v", "ffv1",
                "-pix_fmt", "yuv420p", "-vf", "setparams=chroma_location=topleft", ffmpeg.toString());
        List<String> ours = FfmpegCli.probeValues(DIR.resolve("chroma.mkv"), "v:0", "stream=chroma_location");
        assertEquals(FfmpegCli.probeValues(ffmpeg, "v:0", "stream=chroma_location"), ours);
        assertEquals(List.of("topleft"), ours);
    }

    @Test
    void audioFrameSizeSetsThePacketsOfAnAnySizeEncoder() throws Exception {
        run("frameSize", 10);
        List<String> sizes = FfmpegCli.probeValues(DIR.resolve("frames.mkv"), "a:0", "packet=size");
        assertTrue(sizes.size() > 3, sizes.toString());
        // 480 samples of mono s16 each, but the last (what was left at the end)
        assertEquals(List.of("960"), sizes.subList(0, sizes.size() - 1).stream().distinct().toList());
    }
}
