package org.camelav.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.camelav.media.Ffmpeg;
import org.camelav.media.FrameProps;
import org.camelav.media.MediaItem;
import org.camelav.media.MediaPacket;
import org.camelav.media.container.MediaReader;
import org.camelav.media.container.ReaderOptions;
import org.camelav.media.container.WriterOptions;
import org.camelav.recording.PathPattern;
import org.camelav.recording.RangeExport;
import org.camelav.recording.RecordingIndex;
import org.camelav.recording.RecordingOptions;
import org.camelav.recording.SegmentClock;
import org.camelav.recording.SegmentRecorder;
import org.camelav.recording.Timeline;

/**
 * Timeline rows (bench/timeline, issue 30): listing 1 h out of 30 days of 1-minute segments (43,200 synthetic index
 * lines, no media files), and exporting a recorded range (remux) against {@code ffmpeg -f concat -safe 0 -c copy} of
 * the same segments. Arguments: CLIP OUT_DIR [RUNS].
 */
public final class TimelineBench {

    private static final Instant BASE = Instant.parse("2026-01-01T00:00:00Z");

    private TimelineBench() {
    }

    public static void main(String[] args) throws Exception {
        Path clip = Path.of(args[0]);
        Path out = Path.of(args[1]);
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        RecordingBench.makeClip(clip); // bench/recording's clip: 20 s of 1080p at 4 Mbit/s, GOP 2.4 s
        listing(out.resolve("index"));
        export(clip, out.resolve("export"), runs);
    }

    private static void listing(Path dir) throws Exception {
        PathPattern pattern = new PathPattern(dir.resolve("%Y-%m-%d/cam1-%H%M%S.mp4").toString(), ZoneOffset.UTC);
        Files.createDirectories(pattern.root());
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 43_200; i++) {
            Instant s = BASE.plusSeconds(60L * i);
            sb.append(s.toEpochMilli()).append('\t').append(s.plusSeconds(60).toEpochMilli()).append("\t60000000\t")
                    .append(s.plusSeconds(61).toEpochMilli()).append('\t')
                    .append(pattern.format(s).substring(pattern.root().toString().length() + 1)).append('\n');
        }
        Files.writeString(pattern.root().resolve(".camel-av-index-"
                                                 + Integer.toHexString(pattern.pattern().hashCode())), sb);
        long t0 = System.nanoTime();
        RecordingIndex index = RecordingIndex.open(pattern);
        index.list(BASE, BASE); // what operation=list does when its producer starts
        long t1 = System.nanoTime();
        RecordingIndex.open(pattern).list(BASE, BASE); // a second reader: the same work, JIT warmer
        long t2 = System.nanoTime();
        double[] ms = new double[1000];
        for (int i = 0; i < ms.length; i++) {
            Instant from = BASE.plusSeconds(60L * ((i * 7919L) % 42_000));
            long a = System.nanoTime();
            Timeline t = index.list(from, from.plusSeconds(3600));
            ms[i] = (System.nanoTime() - a) / 1e6;
            if (t.size() != 60) {
                throw new IllegalStateException("expected 60 entries, got " + t.size());
            }
        }
        Arrays.sort(ms);
        System.out.printf("| list 1 h of 43,200 one-minute entries | start-up (read index) %.0f ms, a second reader %.0f ms |"
                          + " median %.3f ms | p99 %.3f ms |%n", (t1 - t0) / 1e6, (t2 - t1) / 1e6, ms[ms.length / 2],
                ms[ms.length * 99 / 100]);
    }

    private static MediaPacket shifted(MediaPacket p, double seconds) {
        FrameProps o = p.props();
        long by = Math.round(seconds / o.timeBase().toDouble());
        return p.withProps(new FrameProps(o.streamIndex(), o.pts() == null ? null : o.pts() + by,
                o.dts() == null ? null : o.dts() + by, o.duration(), o.timeBase(), o.keyFrame(), o.frameIndex(),
                o.stream(), o.streamGroup(), false, false));
    }

    private static void export(Path clip, Path dir, int runs) throws Exception {
        PathPattern pattern = new PathPattern(dir.resolve("rec/cam1-%H%M%S.mp4").toString(), ZoneOffset.UTC);
        List<MediaPacket> packets = new ArrayList<>();
        try (MediaReader r = MediaReader.open(ReaderOptions.builder(clip.toString()).packets(true).streams("all")
                .build())) {
            for (MediaItem i = r.next(); i != null; i = r.next()) {
                packets.add((MediaPacket) i);
            }
        }
        try (SegmentRecorder rec = new SegmentRecorder(new RecordingOptions(pattern, WriterOptions.of("unused.mp4"),
                5, SegmentClock.CAMERA, 0, 0, 0, 0))) {
            long base = BASE.getEpochSecond() * 1_000_000L;
            double length = 20.0; // the clip's 500 frames at 25 fps, looped 6 times: 2 minutes of 5 s segments
            for (int loop = 0; loop < 6; loop++) {
                for (MediaPacket p : packets) {
                    MediaPacket q = loop == 0 ? p : shifted(p, loop * length);
                    rec.write(q, base + Math.round(q.time() * 1e6), null);
                }
            }
        }
        Timeline all = RecordingIndex.open(pattern).list(BASE, BASE.plusSeconds(86_400));
        Instant from = all.get(0).start();
        Instant to = all.get(all.size() - 1).end();
        Path list = dir.resolve("concat.txt");
        StringBuilder sb = new StringBuilder();
        all.files().forEach(f -> sb.append("file '").append(f.path()).append("'\n"));
        Files.writeString(list, sb);
        double[] ours = new double[runs];
        double[] theirs = new double[runs];
        for (int i = 0; i < runs; i++) {
            Path a = dir.resolve("ours-" + i + ".mp4");
            long t0 = System.nanoTime();
            RangeExport.write(all, from, to, WriterOptions.of(a.toString()));
            ours[i] = (System.nanoTime() - t0) / 1e9;
            Path b = dir.resolve("ffmpeg-" + i + ".mp4");
            long t1 = System.nanoTime();
            int exit = Ffmpeg.cli(false, List.of("-nostdin", "-v", "error", "-y", "-f", "concat", "-safe", "0", "-i",
                    list.toString(), "-c", "copy", b.toString())).inheritIO().start().waitFor();
            theirs[i] = (System.nanoTime() - t1) / 1e9;
            if (exit != 0) {
                throw new IllegalStateException("ffmpeg concat failed: exit " + exit);
            }
        }
        Arrays.sort(ours);
        Arrays.sort(theirs);
        double o = ours[runs / 2];
        double t = theirs[runs / 2];
        System.out.printf("| export %d segments (%.0f s of 1080p 4 Mbit/s), remux | camel-av %.3f s | ffmpeg -f concat -c copy"
                          + " %.3f s | ratio %.2fx |%n", all.files().size(), Duration.between(from, to).toMillis() / 1e3,
                o, t, t / o);
        timelapse(all, from, to, list, dir, runs);
    }

    /**
     * Time-lapse at speed 60, 25 fps, libopenh264 on both sides, against the command a user writes for it (setpts
     * over the concat demuxer: every picture decoded) and the one a user who knows -skip_frame writes.
     */
    private static void timelapse(Timeline all, Instant from, Instant to, Path list, Path dir, int runs)
            throws Exception {
        double[] ours = new double[runs];
        double[] naive = new double[runs];
        double[] keys = new double[runs];
        long decoded = 0;
        int frames = 0;
        for (int i = 0; i < runs; i++) {
            Path a = dir.resolve("lapse-ours-" + i + ".mp4");
            long t0 = System.nanoTime();
            org.camelav.recording.TimeLapse.Result r = org.camelav.recording.TimeLapse.write(all, from, to, 60,
                    new org.camelav.media.Rational(25, 1), WriterOptions.builder(a.toString()).codec("libopenh264")
                            .build(), null);
            ours[i] = (System.nanoTime() - t0) / 1e9;
            decoded = r.decoded();
            frames = r.frames();
            naive[i] = ffmpeg(List.of("-f", "concat", "-safe", "0", "-i", list.toString(), "-vf", "setpts=PTS/60",
                    "-r", "25", "-an", "-c:v", "libopenh264", dir.resolve("lapse-ffmpeg-" + i + ".mp4").toString()));
            keys[i] = ffmpeg(List.of("-skip_frame", "nokey", "-f", "concat", "-safe", "0", "-i", list.toString(), "-vf",
                    "setpts=PTS/60", "-r", "25", "-an", "-c:v", "libopenh264",
                    dir.resolve("lapse-ffmpeg-keys-" + i + ".mp4").toString()));
        }
        Arrays.sort(ours);
        Arrays.sort(naive);
        Arrays.sort(keys);
        double o = ours[runs / 2];
        System.out.printf("| time-lapse speed 60 of %.0f s of 1080p (%d frames from %d decoded pictures) | camel-av %.3f s |"
                          + " ffmpeg -vf setpts=PTS/60 -r 25 %.3f s (ratio %.2fx) | with -skip_frame nokey %.3f s"
                          + " (ratio %.2fx) |%n", Duration.between(from, to).toMillis() / 1e3, frames, decoded, o,
                naive[runs / 2], naive[runs / 2] / o, keys[runs / 2], keys[runs / 2] / o);
    }

    /** Seconds the bundled ffmpeg takes for {@code args}. */
    private static double ffmpeg(List<String> args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("-nostdin", "-v", "error", "-y"));
        cmd.addAll(args);
        long t0 = System.nanoTime();
        int exit = Ffmpeg.cli(false, cmd).inheritIO().start().waitFor();
        if (exit != 0) {
            throw new IllegalStateException("ffmpeg failed: exit " + exit + " " + cmd);
        }
        return (System.nanoTime() - t0) / 1e9;
    }
}
