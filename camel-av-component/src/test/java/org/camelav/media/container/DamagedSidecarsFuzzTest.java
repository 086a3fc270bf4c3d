package org.camelav.media.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.camelav.media.AvException;
import org.camelav.media.MediaItem;
import org.camelav.media.MediaPacket;
import org.camelav.media.sidedata.FrameSideData;
import org.camelav.media.sidedata.SideDataMedia;
import org.camelav.media.subtitles.Subtitle;
import org.camelav.media.video.VideoFrame;
import org.camelav.testsupport.DamagedMedia;
import org.camelav.testsupport.FfmpegCli;
import org.camelav.testsupport.QuietFfmpeg;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Damaged files carrying what issue 33 added to the reader: subtitle decoders (ASS in MKV, mov_text in MP4), frame side
 * data (A53 captions, SEI, HDR, motion vectors) and KLV data packets, all streams read and every accessor touched. Each
 * case must end (items then the end, or an AvException) and the forked JVM must survive all of them.
 */
@ExtendWith(QuietFfmpeg.class) // damaged files: FFmpeg's complaints are expected
class DamagedSidecarsFuzzTest {

    private static final int PER_SOURCE = 12;
    private static final long CASE_TIMEOUT_S = 30;
    private static final String[] DAMAGES = { "flip", "truncate", "zero", "swap" };

    @Test
    void damagedSubtitlesSideDataAndDataStreamsEndWithoutCrashOrHang() throws Exception {
        Path dir = Path.of("target", "fuzz-sidecars");
        Files.createDirectories(dir);
        Path srt = dir.resolve("cues.srt");
        Files.writeString(srt, "1\n00:00:00,200 --> 00:00:00,900\nHello\n\n2\n00:00:01,000 --> 00:00:01,800\nWorld\n");
        List<Path> sources = new ArrayList<>(List.of(SideDataMedia.captions(), SideDataMedia.hdr(),
                DataStreamMedia.klvTs()));
        for (String ext : List.of("mkv", "mp4")) {
            Path f = dir.resolve("subs." + ext);
            if (!Files.exists(f)) {
                FfmpegCli.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=96x64:rate=10", "-i", srt.toString(), "-t", "2",
                        "-c:v", "mpeg4", "-c:s", ext.equals("mkv") ? "ass" : "mov_text", f.toString());
            }
            sources.add(f);
        }
        ExecutorService pool = Executors.newSingleThreadExecutor();
        Map<String, Integer> outcomes = new TreeMap<>();
        List<String> hangs = new ArrayList<>();
        try {
            Random random = new Random(33);
            for (Path source : sources) {
                byte[] clean = Files.readAllBytes(source);
                for (int i = 0; i < PER_SOURCE; i++) {
                    String kind = DAMAGES[i % DAMAGES.length];
                    byte[] b = clean.clone();
                    String how = DamagedMedia.damage(kind, b, random);
                    byte[] bytes = kind.equals("truncate") ? java.util.Arrays.copyOf(b, Integer.parseInt(how)) : b;
                    String name = source.getFileName().toString();
                    Path file = dir.resolve("damaged-" + i + "-" + name);
                    Files.write(file, bytes);
                    Future<String> run = pool.submit(() -> readAll(file));
                    String outcome;
                    try {
                        outcome = run.get(CASE_TIMEOUT_S, TimeUnit.SECONDS);
                    } catch (TimeoutException e) {
                        run.cancel(true);
                        outcome = "hang";
                        hangs.add(name + " " + kind + " " + how);
                    }
                    outcomes.merge(name + " " + outcome, 1, Integer::sum);
                    Files.delete(file);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        System.out.println("MEASURED damaged sidecars, " + sources.size() * PER_SOURCE + " files: " + outcomes);
        assertEquals(List.of(), hangs, "cases that did not end");
        assertTrue(outcomes.keySet().stream().anyMatch(k -> k.endsWith(" ok")), outcomes.toString());
    }

    /** Reads every stream to the end, touching each item's subtitle text, bitmaps, side data or bytes. */
    private static String readAll(Path file) {
        ReaderOptions o = ReaderOptions.builder(file.toString()).streams("all")
                .codecOptions(Map.of("flags2", "+export_mvs")).build();
        try (MediaReader r = MediaReader.open(o)) {
            MediaItem item;
            long touched = 0;
            while ((item = r.next()) != null) {
                if (item instanceof Subtitle s) {
                    touched += s.text().length() + s.bitmaps().size();
                } else if (item instanceof VideoFrame v) {
                    FrameSideData sd = v.sideData();
                    touched += sd.motionVectors().count() + sd.seiUserData().size() + sd.names().size();
                    touched += sd.a53Captions() == null ? 0 : sd.a53Captions().length;
                } else if (item instanceof MediaPacket p) {
                    touched += p.size();
                }
            }
            return touched >= 0 ? "ok" : "never";
        } catch (AvException e) {
            return "error";
        }
    }
}
