package org.camelav.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.camelav.recording.Timeline;
import org.camelav.recording.TimelineEntry;
import org.camelav.testsupport.Await;
import org.camelav.testsupport.FfmpegCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * operation=list and operation=export over segments that record=true wrote from a generated H.264 + AAC clip (20 s,
 * 25 fps, GOP 1 s, 2 s segments), checked with ffprobe and against ffmpeg's concat demuxer on the same segments.
 */
class RecordingExportRoutesTest extends CamelTestSupport {

    @TempDir
    Path dir;

    private static Path source() throws Exception {
        Path source = Path.of("target", "test-media", "h264-aac-500f-gop25.mp4");
        if (!Files.exists(source)) {
            Files.createDirectories(source.getParent());
            FfmpegCli.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25", "-f", "lavfi", "-i",
                    "sine=frequency=440:sample_rate=48000", "-frames:v", "500", "-t", "20", "-c:v", "libopenh264",
                    "-g", "25", "-c:a", "aac", "-ac", "1", source.toString());
        }
        return source;
    }

    private String recording() {
        return "av:" + dir + "/cam1/%Y-%m-%d/cam1-%H%M%S.mp4";
    }

    private Timeline recordThenList() throws Exception {
        List<Exchange> closed = new java.util.concurrent.CopyOnWriteArrayList<>();
        Path source = source();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("av:" + source + "?mode=packets&streams=all").routeId("rec")
                        .to(recording() + "?record=true&segmentDuration=2")
                        .filter(header(AvConstants.SEGMENT_CLOSED).isNotNull()).process(closed::add);
            }
        });
        Await.until("the last segment closed", 30, () -> closed.size() == 10);
        Timeline all = template.requestBodyAndHeaders(recording() + "?operation=list", null,
                Map.of(AvConstants.FROM, "2000-01-01T00:00:00Z", AvConstants.TO, "2100-01-01T00:00Z"), Timeline.class);
        assertEquals(10, all.size(), all.toString());
        assertEquals(List.of(), all.gaps());
        return all;
    }

    @Test
    void listsTheSegmentsAsAListAndAsJson() throws Exception {
        Timeline all = recordThenList();
        Instant t0 = all.get(0).start();
        for (int i = 0; i < 10; i++) {
            TimelineEntry e = all.get(i);
            assertEquals(t0.plusSeconds(2L * i).toEpochMilli(), e.start().toEpochMilli(), 2.0, e.toString());
            assertEquals(2.0, e.duration(), 0.05);
            assertEquals(Files.size(e.path()), e.bytes());
        }
        Object json = template.requestBodyAndHeaders(recording() + "?operation=list", null,
                Map.of(AvConstants.FROM, t0.plusMillis(4500).toString(), AvConstants.TO, t0.plusMillis(6500).toString()));
        String text = context.getTypeConverter().convertTo(String.class, json);
        assertTrue(text.startsWith("[{") && text.contains("\"type\":\"recording\""), text);
        assertEquals(2, ((List<?>) json).size(), text);
    }

    @Test
    void exportsARangeAsOneFileFromTheKeyFrameBeforeFromToTheFrameAtTo() throws Exception {
        Timeline all = recordThenList();
        Instant t0 = all.get(0).start();
        Path copy = dir.resolve("export.mp4");
        List<File> exported = new java.util.concurrent.CopyOnWriteArrayList<>();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:export").to(recording() + "?operation=export").process(e -> {
                    exported.add(e.getMessage().getBody(File.class));
                    Files.copy(exported.get(0).toPath(), copy);
                });
            }
        });
        Exchange out = template.request("direct:export", e -> {
            e.getMessage().setHeader(AvConstants.FROM, t0.plusMillis(3500).toString());
            e.getMessage().setHeader(AvConstants.TO, t0.plusMillis(8300).toString());
        });
        assertFalse(out.isFailed(), String.valueOf(out.getException()));
        assertFalse(exported.get(0).exists(), "the temporary file goes with the exchange");
        assertTrue(out.getMessage().getHeader(Exchange.FILE_NAME, String.class).matches("cam1-.*\\.mp4"));
        // key frame at 3.0 s (frame 75) to the first frame at or after 8.3 s (8.32 s, frame 208)
        List<String> flags = FfmpegCli.probeValues(copy, "v:0", "packet=flags");
        assertTrue(flags.get(0).startsWith("K"), "starts on a key frame");
        assertEquals(134, flags.size());
        assertEquals(134, FfmpegCli.countFrames(copy, "v:0"), "every frame decodes");
        double duration = Double.parseDouble(FfmpegCli.probeValues(copy, "v:0", "stream=duration").get(0));
        assertEquals(8.3 - 3.5, duration, 1.0, "within one GOP of the range");
        assertEquals(5.36, duration, 0.001);
        double v = Double.parseDouble(FfmpegCli.probeValues(copy, "v:0", "packet=pts_time", "-read_intervals",
                "%+#1").get(0));
        double a = Double.parseDouble(FfmpegCli.probeValues(copy, "a:0", "packet=pts_time", "-read_intervals",
                "%+#1").get(0));
        assertEquals(v, a, 0.03, "audio starts with the video (within one AAC frame)");
        assertEquals(t0.plusSeconds(3).toString(), out.getMessage().getHeader(AvConstants.SEGMENT_START));
        assertEquals(0, out.getMessage().getHeader(AvConstants.EXPORT_GAPS));

        // exactly the recorded packets: those of the segments 2 s to 10 s, from the 3 s key frame (index 25)
        List<String> recorded = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            recorded.addAll(hashes(all.get(i).path()));
        }
        List<String> ours = hashes(copy);
        assertEquals(recorded.subList(25, 25 + 134), ours, "the recorded packets, none re-encoded");
        // and ffmpeg -f concat -safe 0 -c copy of the same segments: the same packets, except that its concat demuxer
        // puts the SPS/PPS in band into every key frame (26 bytes more each), which camel-av leaves as recorded
        Path list = dir.resolve("concat.txt");
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= 4; i++) {
            sb.append("file '").append(all.get(i).path()).append("'\n");
        }
        Files.writeString(list, sb);
        Path concat = dir.resolve("concat.mp4");
        FfmpegCli.ffmpeg("-f", "concat", "-safe", "0", "-i", list.toString(), "-c", "copy", concat.toString());
        List<String> theirs = hashes(concat).subList(25, 25 + 134);
        List<String> theirFlags = FfmpegCli.probeValues(concat, "v:0", "packet=flags").subList(25, 25 + 134);
        assertEquals(theirFlags, flags);
        for (int i = 0; i < ours.size(); i++) {
            if (!flags.get(i).startsWith("K")) {
                assertEquals(theirs.get(i), ours.get(i), "packet " + i);
            }
        }
    }

    private static List<String> hashes(Path file) {
        return FfmpegCli.probeValues(file, "v:0", "packet=data_hash", "-show_data_hash", "md5");
    }

    @Test
    void exportsIntoTsAndMkv() throws Exception {
        Instant t0 = recordThenList().get(0).start();
        for (String format : List.of("ts", "mkv")) {
            Path copy = dir.resolve("export." + format);
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:" + format).to(recording() + "?operation=export&exportFormat=" + format)
                            .process(e -> Files.copy(e.getMessage().getBody(File.class).toPath(), copy));
                }
            });
            Exchange out = template.request("direct:" + format, e -> {
                e.getMessage().setHeader(AvConstants.FROM, t0.plusMillis(1000).toString());
                e.getMessage().setHeader(AvConstants.TO, t0.plusMillis(4000).toString());
            });
            assertFalse(out.isFailed(), String.valueOf(out.getException()));
            // 1.00 s to the frame at 4.00 s (the next segment's first): 76 frames across two segment boundaries
            assertEquals(76, FfmpegCli.countFrames(copy, "v:0"), format);
            assertTrue(FfmpegCli.probeValues(copy, "v:0", "packet=flags").get(0).startsWith("K"), format);
            assertTrue(out.getMessage().getHeader(Exchange.FILE_NAME, String.class).endsWith("." + format));
        }
    }

    /** exact=true starts on the picture shown at CamelAvFrom; timelapse with a target length sets the speed. */
    @Test
    void exportsExactlyAndMakesATimeLapse() throws Exception {
        Instant t0 = recordThenList().get(0).start();
        Path exact = dir.resolve("exact.mp4");
        Path lapse = dir.resolve("lapse.mp4");
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:exact").to(recording() + "?operation=export&exact=true")
                        .process(e -> Files.copy(e.getMessage().getBody(File.class).toPath(), exact));
                from("direct:lapse").to(recording() + "?operation=timelapse&speed=1000")
                        .process(e -> Files.copy(e.getMessage().getBody(File.class).toPath(), lapse));
            }
        });
        Exchange out = template.request("direct:exact", e -> {
            e.getMessage().setHeader(AvConstants.FROM, t0.plusMillis(3500).toString());
            e.getMessage().setHeader(AvConstants.TO, t0.plusMillis(8300).toString());
        });
        assertFalse(out.isFailed(), String.valueOf(out.getException()));
        // the picture at 3.50 s is the one at 3.48 s: 3.48 .. 3.96 re-encoded (13), 4.00 .. 8.32 s copied (109)
        assertEquals(t0.plusMillis(3480).toString(), out.getMessage().getHeader(AvConstants.SEGMENT_START));
        assertEquals(13, out.getMessage().getHeader(AvConstants.EXPORT_REENCODED));
        FfmpegCli.ffmpeg("-xerror", "-i", exact.toString(), "-f", "null", "-");
        assertEquals(122, FfmpegCli.countFrames(exact, "v:0"));

        Exchange timelapse = template.request("direct:lapse", e -> {
            e.getMessage().setHeader(AvConstants.FROM, t0.toString());
            e.getMessage().setHeader(AvConstants.TO, t0.plusSeconds(20).toString());
            e.getMessage().setHeader(AvConstants.TIMELAPSE_DURATION, 0.8); // speed 25 rather than the URI's 1000
        });
        assertFalse(timelapse.isFailed(), String.valueOf(timelapse.getException()));
        assertEquals(20, timelapse.getMessage().getHeader(AvConstants.TIMELAPSE_FRAMES));
        assertEquals(20, FfmpegCli.countFrames(lapse, "v:0"));
        assertEquals(0.8, Double.parseDouble(FfmpegCli.probeValues(lapse, "v:0", "stream=duration").get(0)), 0.04);
    }

    /** A trigger and a clip route's output sent to the record endpoint are listed as events, in JSON too. */
    @Test
    void triggersAndClipsAppearOnTheTimeline() throws Exception {
        Instant t0 = recordThenList().get(0).start();
        String record = recording() + "?record=true&segmentDuration=2";
        template.sendBodyAndHeader(record, null, AvConstants.TRIGGER, "motion");
        template.sendBodyAndHeaders(record, null, Map.of(AvConstants.CLIP_CLOSED, dir + "/clips/clip-1.mp4",
                AvConstants.SEGMENT_START, t0.plusSeconds(2).toString(), AvConstants.SEGMENT_END,
                t0.plusSeconds(6).toString()));
        Timeline listed = template.requestBodyAndHeaders(recording() + "?operation=list", null,
                Map.of(AvConstants.FROM, t0.toString(), AvConstants.TO, Instant.now().plusSeconds(60).toString()),
                Timeline.class);
        assertEquals(10, listed.size(), "the files alone");
        assertEquals(2, listed.events().size(), listed.events().toString());
        org.camelav.recording.TimelineEvent clip = listed.events().get(0);
        assertEquals("clip", clip.kind());
        assertEquals("clip-1.mp4", clip.label());
        assertEquals(t0.plusSeconds(2), clip.start());
        assertEquals(t0.plusSeconds(6), clip.end());
        // at the newest packet's time: the last frame recorded, 19.96 s
        org.camelav.recording.TimelineEvent trigger = listed.events().get(1);
        assertEquals("trigger", trigger.kind());
        assertEquals("motion", trigger.label());
        assertEquals(t0.plusMillis(19960).toEpochMilli(), trigger.start().toEpochMilli(), 50.0);
        String json = context.getTypeConverter().convertTo(String.class, listed);
        assertTrue(json.contains("\"type\":\"event\"") && json.contains("\"kind\":\"clip\""), json);
    }

    @Test
    void aRangeWithNothingRecordedFailsTheExchange() throws Exception {
        Exchange none = template.request(recording() + "?operation=export", e -> {
            e.getMessage().setHeader(AvConstants.FROM, "2001-01-01T00:00:00Z");
            e.getMessage().setHeader(AvConstants.TO, "2001-01-01T00:01:00Z");
        });
        assertTrue(none.isFailed());
        assertTrue(none.getException().getMessage().contains("Nothing recorded"), none.getException().getMessage());
    }
}
