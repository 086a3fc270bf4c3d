package org.camelav.recording;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.camelav.media.MediaItem;
import org.camelav.media.MediaPacket;
import org.camelav.media.container.ReaderOptions;
import org.camelav.testsupport.Await;
import org.camelav.testsupport.FfmpegCli;
import org.camelav.testsupport.TestMedia;

/** A 20 s clip (25 fps, GOP 1 s, AAC) as packets, and ffprobe's view of recorded files. */
final class RecordingFixture {

    static final Path SOURCE = TestMedia.clip("recording.mp4", 500, 25, true);

    private RecordingFixture() {
    }

    static List<MediaPacket> packets() {
        return packets(SOURCE);
    }

    static List<MediaPacket> packets(Path source) {
        List<MediaItem> items = Await.readAll(ReaderOptions.builder(source.toString()).packets(true).streams("all")
                .build());
        return items.stream().map(MediaPacket.class::cast).toList();
    }

    /**
     * The clip recorded in 5 s segments under {@code dir/cam/cam-%H%M%S.mp4}, its time 0 at {@code base} (camera
     * clock): the segments closed while writing (0-5, 5-10, 10-15 s), and with {@code finish} the last one too.
     */
    static List<RecordedFile> segments(Path dir, java.time.Instant base, boolean finish) {
        return segments(SOURCE, dir, "mp4", base, finish);
    }

    /** As above, {@code source} recorded into {@code ext} files (mp4, mkv, ts). */
    static List<RecordedFile> segments(Path source, Path dir, String ext, java.time.Instant base, boolean finish) {
        List<RecordedFile> closed = new java.util.ArrayList<>();
        try (SegmentRecorder r = new SegmentRecorder(new RecordingOptions(new PathPattern(
                dir.resolve("cam/cam-%H%M%S." + ext).toString(), java.time.ZoneOffset.UTC),
                org.camelav.media.container.WriterOptions.of("unused." + ext), 5, SegmentClock.CAMERA, 0, 0, 0, 0))) {
            long micros = base.getEpochSecond() * 1_000_000L;
            for (MediaPacket p : packets(source)) {
                closed.addAll(r.write(p, micros + Math.round(PacketClock.seconds(p) * 1e6), null));
            }
            if (finish) {
                closed.add(r.finish());
            }
        }
        return closed;
    }

    /** Flags (K_ for key) of every video packet. */
    static List<String> videoFlags(Path file) {
        return FfmpegCli.probeValues(file, "v:0", "packet=flags");
    }

    /** MD5 of every video packet's data, in order. */
    static List<String> videoHashes(Path file) {
        return FfmpegCli.probeValues(file, "v:0", "packet=data_hash", "-show_data_hash", "md5");
    }

    static double firstPts(Path file, String stream) {
        return Double.parseDouble(FfmpegCli.probeValues(file, stream, "packet=pts_time", "-read_intervals", "%+#1")
                .get(0));
    }

    static double duration(Path file) {
        return Double.parseDouble(FfmpegCli.probeValues(file, "v:0", "stream=duration").get(0));
    }

    static List<Path> files(Path dir) throws java.io.IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }
}
