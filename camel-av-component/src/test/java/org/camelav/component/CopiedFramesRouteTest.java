package org.camelav.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.camelav.media.video.VideoFrame;
import org.camelav.testsupport.FfmpegCli;
import org.junit.jupiter.api.Test;

/**
 * A frame a route derives from another (here {@link VideoFrame#copy()}) keeps all of its properties. The one that
 * shows in the output is the stream group: without it the producer takes the copied video as the whole source and
 * writes the header before the audio, which here starts 0.6 s after the video, has arrived.
 */
class CopiedFramesRouteTest extends CamelTestSupport {

    private static long samples(Path file) {
        return FfmpegCli.probeValues(file, "a:0", "frame=nb_samples").stream().mapToLong(Long::parseLong).sum();
    }

    @Test
    void copiedVideoAndLaterAudioBothReachTheOutput() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "copied-frames"));
        Path clip = dir.resolve("late-audio.mp4");
        FfmpegCli.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=160x120:rate=25", "-itsoffset", "0.6", "-f", "lavfi",
                "-i", "sine=frequency=440:sample_rate=48000", "-frames:v", "50", "-t", "2", "-c:v", "mpeg4", "-bf",
                "0", "-c:a", "aac", "-ac", "1", clip.toString());
        assertTrue(Double.parseDouble(FfmpegCli.probeValues(clip, "a:0", "stream=start_time").get(0)) > 0.5,
                "the clip's audio starts later than its video");
        Path out = dir.resolve("copied.mp4");
        Files.deleteIfExists(out);
        int exchanges = 50 + FfmpegCli.probeValues(clip, "a:0", "frame=nb_samples").size();
        List<String> differences = new CopyOnWriteArrayList<>();
        NotifyBuilder done = new NotifyBuilder(context).fromRoute("copy").whenDone(exchanges).create();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("av:" + clip + "?streams=all&zeroCopy=true").routeId("copy").process(e -> {
                    if (e.getMessage().getBody() instanceof VideoFrame f) {
                        VideoFrame c = f.copy();
                        if (!c.props().equals(f.props()) || c == f) {
                            differences.add(f + " -> " + c.props());
                        }
                        e.getMessage().setBody(c);
                    }
                }).to("av:" + out + "?codec=mpeg4&audioCodec=aac");
            }
        });
        assertTrue(done.matches(60, TimeUnit.SECONDS), "route did not finish its " + exchanges + " exchanges");
        context.getRouteController().stopRoute("copy");
        context.removeRoute("copy"); // stops the producer: encoder flushed, trailer written
        assertEquals(List.of(), differences, "copies with other properties than their original");
        List<String> types = FfmpegCli.ffprobe("-show_entries", "stream=codec_type", "-of", "default=nw=1:nk=1",
                out.toString()).trim().lines().sorted().toList();
        assertEquals(List.of("audio", "video"), types, "the streams written");
        assertEquals(50, FfmpegCli.countFrames(out, "v:0"));
        assertEquals(samples(clip), samples(out), 1024, "every sample re-encoded (AAC pads the last frame)");
    }
}
