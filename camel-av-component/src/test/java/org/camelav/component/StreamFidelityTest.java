package org.camelav.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.camel.Exchange;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.camelav.media.video.VideoFrame;
import org.camelav.testsupport.FfmpegCli;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 15, what camel-av writes keeps what ffmpeg keeps: a phone video's rotation on remux and transcode, upright
 * pixels with autorotate, the source's stream order on remux, and image2 patterns as users write them. The bundled
 * ffmpeg/ffprobe are the reference throughout.
 */
class StreamFidelityTest extends CamelTestSupport {

    private static final Path DIR = Path.of("target", "stream-fidelity");
    private static final String ROTATION = "stream_side_data=side_data_type,rotation";

    @BeforeAll
    static void folder() throws Exception {
        Files.createDirectories(DIR);
    }

    /** A 160x120 10-frame clip coded upright, whose display matrix says "show it rotated": a phone video. */
    private static synchronized Path phoneClip(String rotation, boolean hflip) {
        Path base = DIR.resolve("upright.mp4");
        if (!Files.exists(base)) {
            FfmpegCli.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=160x120:rate=10", "-frames:v", "10", "-c:v", "mpeg4",
                    "-q:v", "2", base.toString());
        }
        Path out = DIR.resolve("phone-" + rotation + (hflip ? "-hflip" : "") + ".mp4");
        if (!Files.exists(out)) {
            List<String> args = new ArrayList<>(List.of("-display_rotation", rotation));
            if (hflip) {
                args.add("-display_hflip");
            }
            args.addAll(List.of("-i", base.toString(), "-c", "copy", out.toString()));
            FfmpegCli.ffmpeg(args.toArray(String[]::new));
        }
        return out;
    }

    /** Runs from -> to over {@code exchanges} exchanges, then removes the route: encoders flushed, trailer written. */
    private List<Exchange> run(String from, String to, int exchanges) throws Exception {
        String id = "r" + System.nanoTime();
        List<Exchange> seen = new CopyOnWriteArrayList<>();
        NotifyBuilder done = new NotifyBuilder(context).fromRoute(id).whenCompleted(exchanges).create();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(from).routeId(id).process(seen::add).to(to);
            }
        });
        assertTrue(done.matches(60, TimeUnit.SECONDS), id + " did not complete " + exchanges + " exchanges");
        context.getRouteController().stopRoute(id);
        context.removeRoute(id);
        return seen;
    }

    @ParameterizedTest
    @ValueSource(strings = { "mp4", "mkv" })
    void remuxKeepsTheStreamSideDataAsFfmpegCopyDoes(String ext) throws Exception {
        Path phone = phoneClip("90", false);
        if (ext.equals("mkv")) {
            // a 3D phone video: Matroska's StereoMode becomes Stereo 3D side data next to the display matrix
            Path stereo = DIR.resolve("phone-90-3d.mkv");
            FfmpegCli.ffmpeg("-i", phone.toString(), "-c", "copy", "-metadata:s:v", "stereo_mode=left_right",
                    stereo.toString());
            phone = stereo;
        }
        Path ref = DIR.resolve("copy-ref." + ext);
        FfmpegCli.ffmpeg("-i", phone.toString(), "-c", "copy", ref.toString());
        Path out = DIR.resolve("remux." + ext);
        Files.deleteIfExists(out);
        run("av:" + phone + "?mode=packets", "av:" + out, 10);
        assertEquals(List.of("90"), FfmpegCli.probeValues(ref, "v:0", "stream_side_data=rotation"), "ffmpeg -c copy");
        List<String> all = FfmpegCli.probeValues(ref, "v:0", "stream_side_data", "-of", "compact");
        assertEquals(ext.equals("mkv") ? 2 : 1, all.get(0).split("side_data_type=").length - 1, all.toString());
        assertEquals(all, FfmpegCli.probeValues(out, "v:0", "stream_side_data", "-of", "compact"));
        assertEquals(List.of("160", "120"), FfmpegCli.probeValues(out, "v:0", "stream=width,height"));
    }

    @Test
    void transcodeCarriesTheDisplayMatrixAndFramesTellTheRotation() throws Exception {
        Path phone = phoneClip("90", false);
        Path ref = DIR.resolve("noautorotate-ref.mp4");
        FfmpegCli.ffmpeg("-noautorotate", "-i", phone.toString(), "-c:v", "mpeg4", ref.toString());
        Path out = DIR.resolve("transcoded.mp4");
        Files.deleteIfExists(out);
        List<Exchange> frames = run("av:" + phone, "av:" + out + "?codec=mpeg4", 10);
        assertEquals(90, frames.get(0).getMessage().getHeader(AvConstants.ROTATION));
        assertEquals(160, frames.get(0).getMessage().getHeader(AvConstants.WIDTH), "pixels as coded by default");
        assertEquals(List.of("Display Matrix", "90"), FfmpegCli.probeValues(ref, "v:0", ROTATION), "ffmpeg -noautorotate");
        assertEquals(FfmpegCli.probeValues(ref, "v:0", ROTATION), FfmpegCli.probeValues(out, "v:0", ROTATION));
        assertEquals(List.of("160", "120"), FfmpegCli.probeValues(out, "v:0", "stream=width,height"));
    }

    @ParameterizedTest
    @CsvSource({ "90, false, 120, 160", "-90, false, 120, 160", "180, false, 160, 120", "90, true, 120, 160" })
    void autorotateDeliversThePixelsFfmpegAutorotates(String rotation, boolean hflip, int width, int height)
            throws Exception {
        Path phone = phoneClip(rotation, hflip);
        Path out = DIR.resolve("upright-" + rotation + (hflip ? "-hflip" : "") + ".mp4");
        Files.deleteIfExists(out);
        List<Exchange> frames = run("av:" + phone + "?autorotate=true&pixelFormat=bgr24", "av:" + out + "?codec=mpeg4",
                10);
        Exchange first = frames.get(0);
        assertEquals(List.of(width, height, 0), List.of(first.getMessage().getHeader(AvConstants.WIDTH),
                first.getMessage().getHeader(AvConstants.HEIGHT), first.getMessage().getHeader(AvConstants.ROTATION)));
        byte[] ours = first.getMessage().getBody(VideoFrame.class).data();
        byte[] ffmpeg = FfmpegCli.bgr24Frame(phone, 0); // ffmpeg autorotates by default
        assertEquals(ffmpeg.length, ours.length);
        int worst = 0;
        for (int i = 0; i < ours.length; i++) {
            worst = Math.max(worst, Math.abs((ours[i] & 0xff) - (ffmpeg[i] & 0xff)));
        }
        assertTrue(worst <= 3, "largest channel difference to ffmpeg's autorotated frame: " + worst);
        // upright frames encode to an upright stream without a display matrix, as plain ffmpeg writes it
        assertEquals(List.of(String.valueOf(width), String.valueOf(height)),
                FfmpegCli.probeValues(out, "v:0", "stream=width,height"));
        assertEquals(List.of(), FfmpegCli.probeValues(out, "v:0", ROTATION));
    }

    @Test
    void remuxKeepsTheSourceStreamOrder() throws Exception {
        Path srt = DIR.resolve("subs.srt");
        Files.writeString(srt, "1\n00:00:00,000 --> 00:00:00,500\nhello\n\n2\n00:00:00,500 --> 00:00:00,900\nworld\n");
        Path five = DIR.resolve("five.mkv");
        FfmpegCli.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=64x48:rate=10", "-f", "lavfi", "-i",
                "testsrc=size=64x48:rate=10", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=8000", "-f", "lavfi",
                "-i", "sine=frequency=880:sample_rate=48000", "-i", srt.toString(), "-map", "0", "-map", "1", "-map", "2",
                "-map", "3", "-map", "4", "-t", "1", "-c:v", "mpeg4", "-c:a:0", "pcm_s16le", "-c:a:1", "aac", "-c:s",
                "subrip", five.toString());
        Path ref = DIR.resolve("five-ref.mkv");
        FfmpegCli.ffmpeg("-i", five.toString(), "-map", "0", "-c", "copy", ref.toString());
        Path out = DIR.resolve("five-remux.mkv");
        Files.deleteIfExists(out);
        int packets = FfmpegCli.ffprobe("-count_packets", "-show_entries", "stream=nb_read_packets", "-of",
                "default=nw=1:nk=1", five.toString()).lines().mapToInt(Integer::parseInt).sum();
        run("av:" + five + "?mode=packets&streams=all", "av:" + out, packets);
        List<String> expected = List.of("mpeg4", "video", "mpeg4", "video", "pcm_s16le", "audio", "aac", "audio",
                "subrip", "subtitle");
        assertEquals(expected, streams(ref), "ffmpeg -map 0 -c copy");
        assertEquals(expected, streams(out));
    }

    private static List<String> streams(Path file) {
        return FfmpegCli.ffprobe("-show_entries", "stream=codec_name,codec_type", "-of", "default=nw=1:nk=1",
                file.toString()).lines().toList();
    }

    @Test
    void imageSequencePatternWrittenAsFfmpegUsersWriteIt() throws Exception {
        Path thumbs = DIR.resolve("thumbs");
        Path ref = DIR.resolve("thumbs-ref");
        for (Path d : List.of(thumbs, ref)) {
            deleteAll(d);
            Files.createDirectories(d);
        }
        String lavfi = "testsrc2=size=64x48:rate=10";
        FfmpegCli.ffmpeg("-f", "lavfi", "-i", lavfi, "-frames:v", "10", ref.resolve("k%04d.jpg").toString());
        run("av:" + lavfi + "?format=lavfi&maxFrames=10", "av:" + thumbs + "/k%04d.jpg", 10);
        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            expected.add(String.format("k%04d.jpg", i));
        }
        assertEquals(expected, names(ref), "ffmpeg's numbering");
        assertEquals(expected, names(thumbs));
    }

    private static List<String> names(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static void deleteAll(Path folder) throws Exception {
        if (Files.exists(folder)) {
            try (Stream<Path> files = Files.list(folder)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
        }
    }
}
