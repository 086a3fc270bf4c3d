package org.camelav.component;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.bytedeco.ffmpeg.avutil.AVMotionVector;
import org.bytedeco.javacpp.Pointer;
import org.camelav.media.Ffmpeg;
import org.camelav.media.sidedata.ContentLight;
import org.camelav.media.sidedata.FrameSideData;
import org.camelav.media.sidedata.MasteringDisplay;
import org.camelav.media.sidedata.MotionVectors;
import org.camelav.media.sidedata.SeiUserData;
import org.camelav.media.sidedata.SideDataMedia;
import org.camelav.media.video.VideoFrame;
import org.camelav.testsupport.FfmpegCli;
import org.junit.jupiter.api.Test;

/**
 * Frame side data (issue 33 §4) against the bundled ffmpeg: motion vector counts per frame as its showinfo filter
 * reports them ({@code side data - Motion vectors: (N bytes)}), side data types per frame as ffprobe -show_frames
 * lists them, HDR values as ffprobe prints them.
 */
class SideDataRoutesTest extends CamelTestSupport {

    private static final Pattern SHOWINFO_FRAME = Pattern.compile("\\] n:\\s*(\\d+) ");
    private static final Pattern SHOWINFO_MVS = Pattern.compile("side data - Motion vectors: \\((\\d+) bytes\\)");

    @Test
    void pFramesCarryTheMotionVectorsFfmpegExportsAndIFramesNone() throws Exception {
        Path clip = SideDataMedia.motion();
        Map<Integer, Integer> expected = showinfoVectorCounts(clip);
        List<List<String>> probed = ffprobeSideDataTypes(clip, "-flags2", "+export_mvs");
        List<Message> frames = frames("av:" + clip + "?exportMotionVectors=true");
        assertEquals(50, frames.size());
        assertEquals(probed.size(), frames.size());
        int pFrames = 0;
        for (int n = 0; n < frames.size(); n++) {
            Message m = frames.get(n);
            MotionVectors mvs = m.getBody(VideoFrame.class).sideData().motionVectors();
            String type = m.getHeader(AvConstants.PICT_TYPE, String.class);
            if ("I".equals(type)) {
                assertEquals(0, mvs.count(), "frame " + n + " is an I-frame");
                assertNull(m.getHeader(AvConstants.MOTION_VECTORS));
            } else {
                pFrames++;
                assertTrue(mvs.count() > 0, "P-frame " + n + " has vectors");
            }
            assertEquals(expected.getOrDefault(n, 0), mvs.count(), "vectors of frame " + n + " as ffmpeg's showinfo");
            assertEquals(expected.get(n), m.getHeader(AvConstants.MOTION_VECTORS), "header of frame " + n);
            assertEquals(probed.get(n), sideDataHeader(m), "side data types of frame " + n + " as ffprobe's");
            for (int i = 0; i < mvs.count(); i++) {
                // FFmpeg derives the source position from the motion: src = dst + motion / scale
                assertEquals(mvs.dstX(i) + mvs.motionX(i) / mvs.motionScale(i), mvs.srcX(i));
                assertEquals(mvs.dstY(i) + mvs.motionY(i) / mvs.motionScale(i), mvs.srcY(i));
                assertEquals(-1, mvs.source(i), "openh264 writes no B-frames: every block refers to the past");
                assertTrue(List.of(4, 8, 16).contains(mvs.blockWidth(i)), "H.264 block width " + mvs.blockWidth(i));
            }
        }
        assertEquals(48, pFrames, "two I-frames (GOP 25) in 50");
        assertTrue(frames.stream().anyMatch(m -> m.getBody(VideoFrame.class).sideData().motionVectors()
                .meanMagnitude() > 0), "testsrc2 moves");

        List<Message> plain = frames("av:" + clip + "?maxFrames=5");
        plain.forEach(m -> assertNull(m.getHeader(AvConstants.MOTION_VECTORS), "no vectors unless asked"));
        plain.forEach(m -> assertTrue(m.getBody(VideoFrame.class).sideData().isEmpty()));
    }

    @Test
    void a53CaptionsAndUnregisteredSeiAreReadFromEveryFrame() throws Exception {
        Path clip = SideDataMedia.captions();
        List<List<String>> probed = ffprobeSideDataTypes(clip);
        List<Message> frames = frames("av:" + clip + "?pixelFormat=gray");
        assertEquals(probed.size(), frames.size());
        for (int n = 0; n < frames.size(); n++) {
            Message m = frames.get(n);
            assertEquals(probed.get(n), sideDataHeader(m), "side data types of frame " + n + " as ffprobe's");
            assertEquals(List.of("ATSC A53 Part 4 Closed Captions", "H.26[45] User Data Unregistered SEI message"),
                    probed.get(n), "the SEI written before frame " + n);
            FrameSideData sd = m.getBody(VideoFrame.class).sideData();
            assertArrayEquals(SideDataMedia.CC_DATA, sd.a53Captions());
            SeiUserData sei = sd.seiUserData().get(0);
            assertEquals(SideDataMedia.SEI_UUID, sei.uuid());
            assertEquals(SideDataMedia.SEI_TEXT, new String(sei.payload(), StandardCharsets.US_ASCII));
        }
    }

    @Test
    void hdrMasteringDisplayAndContentLightAsFfprobePrintsThem() throws Exception {
        Path clip = SideDataMedia.hdr();
        Map<String, String> probed = new HashMap<>();
        for (String kv : FfmpegCli.ffprobe("-read_intervals", "%+#1", "-show_frames", "-show_entries",
                "frame=side_data", "-of", "default=nw=1", clip.toString()).split("\\R")) {
            int eq = kv.indexOf('=');
            if (eq > 0) {
                probed.put(kv.substring(0, eq), kv.substring(eq + 1));
            }
        }
        List<Message> frames = frames("av:" + clip + "?maxFrames=3");
        for (Message m : frames) {
            FrameSideData sd = m.getBody(VideoFrame.class).sideData();
            assertEquals(List.of("Mastering display metadata", "Content light level metadata"), sideDataHeader(m));
            MasteringDisplay md = sd.masteringDisplay();
            assertNotNull(md);
            assertEquals(ratio(probed.get("red_x")), md.redX(), 1e-9);
            assertEquals(ratio(probed.get("red_y")), md.redY(), 1e-9);
            assertEquals(ratio(probed.get("green_x")), md.greenX(), 1e-9);
            assertEquals(ratio(probed.get("blue_y")), md.blueY(), 1e-9);
            assertEquals(ratio(probed.get("white_point_x")), md.whitePointX(), 1e-9);
            assertEquals(ratio(probed.get("min_luminance")), md.minLuminance(), 1e-9);
            assertEquals(ratio(probed.get("max_luminance")), md.maxLuminance(), 1e-9);
            assertEquals(1000.0, md.maxLuminance(), 1e-9);
            ContentLight cl = sd.contentLight();
            assertEquals(Integer.parseInt(probed.get("max_content")), cl.maxCll());
            assertEquals(Integer.parseInt(probed.get("max_average")), cl.maxFall());
            assertEquals(new ContentLight(1000, 400), cl);
        }
    }

    @Test
    void exportMotionVectorsWithPacketsModeIsRefusedAtStart() {
        Exception e = org.junit.jupiter.api.Assertions.assertThrows(Exception.class, () -> context.addRoutes(
                new org.apache.camel.builder.RouteBuilder() {
                    @Override
                    public void configure() {
                        from("av:" + SideDataMedia.motion() + "?exportMotionVectors=true&mode=packets").to("mock:x");
                    }
                }));
        StringBuilder messages = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append(" | ");
        }
        assertTrue(messages.toString().contains("options exportMotionVectors=true and mode=packets cannot be used"
                                                + " together"), messages.toString());
    }

    private static double ratio(String r) {
        assertNotNull(r, "ffprobe printed the value");
        String[] p = r.split("/");
        return Double.parseDouble(p[0]) / Double.parseDouble(p[1]);
    }

    @SuppressWarnings("unchecked")
    private static List<String> sideDataHeader(Message m) {
        List<String> h = m.getHeader(AvConstants.SIDE_DATA, List.class);
        return h == null ? List.of() : h;
    }

    /** Every exchange of a finite input, up to the end-of-stream one. */
    private List<Message> frames(String uri) {
        List<Message> out = new ArrayList<>();
        while (true) {
            Exchange e = consumer.receive(uri, 30_000);
            assertNotNull(e, "exchange " + out.size() + " of " + uri);
            out.add(e.getMessage());
            if (Boolean.TRUE.equals(e.getMessage().getHeader(AvConstants.END_OF_STREAM))) {
                return out;
            }
        }
    }

    /** Frame number to vector count, from the bundled ffmpeg's showinfo filter (frames without vectors absent). */
    private static Map<Integer, Integer> showinfoVectorCounts(Path clip) throws IOException, InterruptedException {
        int vectorSize = (int) Pointer.sizeof(AVMotionVector.class);
        Process p = Ffmpeg.cli(false, List.of("-nostdin", "-hide_banner", "-flags2", "+export_mvs", "-i",
                clip.toString(), "-vf", "showinfo", "-f", "null", "-")).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), log);
        Map<Integer, Integer> counts = new HashMap<>();
        int frame = -1;
        for (String line : log.split("\\R")) {
            Matcher f = SHOWINFO_FRAME.matcher(line);
            Matcher mv = SHOWINFO_MVS.matcher(line);
            if (f.find()) {
                frame = Integer.parseInt(f.group(1));
            } else if (mv.find()) {
                counts.put(frame, Integer.parseInt(mv.group(1)) / vectorSize);
            }
        }
        assertTrue(counts.size() > 40, "showinfo reported vectors: " + counts);
        return counts;
    }

    /** Per decoded frame, the side_data_type values ffprobe -show_frames lists, in order. */
    private static List<List<String>> ffprobeSideDataTypes(Path clip, String... decoderFlags) {
        List<String> args = new ArrayList<>(List.of(decoderFlags));
        args.addAll(List.of("-show_frames", "-show_entries", "frame=pict_type:side_data=side_data_type", "-of",
                "compact", clip.toString()));
        List<List<String>> frames = new ArrayList<>();
        Pattern type = Pattern.compile("side_data_type=([^|]*)");
        for (String line : FfmpegCli.ffprobe(args.toArray(String[]::new)).split("\\R")) {
            if (line.startsWith("frame|")) {
                List<String> types = new ArrayList<>();
                Matcher t = type.matcher(line);
                while (t.find()) {
                    types.add(t.group(1));
                }
                frames.add(types);
            }
        }
        return frames;
    }
}
