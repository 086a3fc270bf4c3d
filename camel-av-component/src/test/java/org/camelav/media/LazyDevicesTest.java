package org.camelav.media;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.camelav.media.container.FormatInfo;
import org.camelav.media.container.MediaInput;
import org.camelav.testsupport.FfmpegCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 35 §5: FFmpeg's devices are registered on first need, so a job on files or bodies does not load libavdevice
 * (and with it libavfilter, PulseAudio, ALSA, X11...). In a fresh JVM: a transcode of a body maps no libavdevice, and
 * then every way to a device still works: a v4l2 path without a format name (registers them: FFmpeg's probe gives
 * /dev/video* to v4l2), a lavfi input by format name, the format list with the devices.
 */
class LazyDevicesTest {

    @TempDir
    Path dir;

    @Test
    void aTranscodeLoadsNoDevicesAndDeviceFormatsStillWorkAfterwards() throws Exception {
        Path clip = dir.resolve("clip.mp4");
        FfmpegCli.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=160x120:rate=25", "-frames:v", "10", "-c:v", "mpeg4",
                clip.toString());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path log = dir.resolve("child.log");
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Child.class.getName(),
                clip.toString()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertTrue(child.waitFor(120, TimeUnit.SECONDS), "child ended");
        String out = Files.readString(log);
        assertEquals(0, child.exitValue(), out);
        assertTrue(out.contains("TRANSCODED bytes>0 avdevice=false avfilter=false"), out);
        assertTrue(out.contains("V4L2 path avdevice=true"), out);
        assertTrue(out.contains("[video4linux2,v4l2 @"), "FFmpeg's v4l2 demuxer took the path:\n" + out);
        assertTrue(out.contains("LAVFI frames=4"), out);
        assertTrue(out.contains("FORMATS lavfi=true v4l2=true"), out);
    }

    /** The child JVM: what it did and which FFmpeg libraries it had mapped at each step. */
    public static final class Child {
        public static void main(String[] args) throws Exception {
            byte[] in = Files.readAllBytes(Path.of(args[0]));
            byte[] out;
            try (CamelContext camel = new DefaultCamelContext()) {
                camel.start();
                out = camel.createProducerTemplate().requestBody("av:body?operation=transcode&format=mp4&codec=mpeg4",
                        in, byte[].class);
            }
            System.out.println("TRANSCODED bytes>0 " + (out.length > 0 ? "" : "EMPTY ") + "avdevice="
                               + mapped("libavdevice") + " avfilter=" + mapped("libavfilter"));
            // a device path without a format name: FFmpeg's probe gives /dev/video* to v4l2, so the devices must be
            // registered before it runs (this one does not exist: only the registration is seen)
            try (MediaInput v4l2 = MediaInput.open("/dev/video-none-" + ProcessHandle.current().pid(), null, null,
                    10_000)) {
                System.out.println("V4L2 opened?");
            } catch (RuntimeException e) {
                System.out.println("V4L2 path avdevice=" + mapped("libavdevice"));
            }
            int frames = 0;
            AVPacket pkt = av_packet_alloc();
            try (MediaInput lavfi = MediaInput.open("testsrc2=size=64x48:rate=25", "lavfi", null, 10_000)) {
                while (frames < 4 && lavfi.read(pkt)) {
                    av_packet_unref(pkt);
                    frames++;
                }
            } finally {
                av_packet_free(pkt);
            }
            System.out.println("LAVFI frames=" + frames);
            List<String> names = FormatInfo.all().stream().filter(FormatInfo::device).map(FormatInfo::name).toList();
            System.out.println("FORMATS lavfi=" + names.contains("lavfi") + " v4l2="
                               + names.stream().anyMatch(n -> n.contains("v4l2")));
        }

        private static boolean mapped(String lib) throws Exception {
            return Files.readAllLines(Path.of("/proc/self/maps")).stream().anyMatch(l -> l.contains("/" + lib + "."));
        }
    }
}
