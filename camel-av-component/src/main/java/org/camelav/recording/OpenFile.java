package org.camelav.recording;

import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.camelav.media.MediaPacket;
import org.camelav.media.container.MediaReader;
import org.camelav.media.container.MediaWriter;
import org.camelav.media.container.OutputOptions;
import org.camelav.media.container.ReaderOptions;
import org.camelav.media.container.WriterOptions;

/**
 * One segment or clip being written: a {@link MediaWriter} (which rebases every stream by the same amount, so the file
 * starts at 0 with audio and video in sync) plus what its closing report needs.
 */
final class OpenFile implements AutoCloseable {

    private final Path path;
    private final MediaWriter writer;
    private final Instant start;
    /** Media time (s) of the first reference-stream packet, and the furthest end seen on that stream. */
    private final double startTime;
    /** This machine's clock when the file's first packet arrived, epoch microseconds. */
    private final long receivedMicros;
    private double endTime;
    private long packets;

    OpenFile(Path path, WriterOptions template, Map<String, String> tags, Instant start, double startTime,
             long receivedMicros) {
        this.path = path;
        this.writer = new MediaWriter(crashSafe(template.toBuilder().url(path.toString()).build()));
        writer.metadata(tags);
        this.start = start;
        this.startTime = startTime;
        this.receivedMicros = receivedMicros;
        this.endTime = startTime;
    }

    /**
     * Fragments that need no index at the end: what an .mp4/.mov holds after a crash is playable up to its last GOP.
     * The moov waits for the first fragment ({@code delay_moov}, a GOP later: nothing a crash would have kept), so it
     * says where each track starts: written before any sample ({@code empty_moov} alone), FFmpeg starts every track at
     * 0, which moved a segment's audio up to one AAC frame (21 ms) before its pictures and onto the previous
     * segment's last audio at the join.
     */
    static final String FRAGMENTED_MP4 = "+frag_keyframe+empty_moov+default_base_moof+delay_moov";

    /**
     * Each packet reaches the file when written (the muxer's {@code flush_packets=1}), not when the 32 KB I/O buffer
     * fills: a node killed or powered off loses nothing of a .ts, and of a .mkv only the cluster (GOP) being written,
     * and a camera taken over by another node has no hole before the hand-over. An .mp4/.mov is fragmented at every
     * key frame ({@link #FRAGMENTED_MP4}): a plain one has its index only in the trailer, so a crash left nothing
     * playable; now it loses the GOP being written (CrashRecordingTest). The user's
     * {@code formatOptions.flush_packets} and {@code formatOptions.movflags} win.
     */
    static WriterOptions crashSafe(WriterOptions o) {
        Map<String, Object> options = new HashMap<>(o.output().formatOptions());
        options.putIfAbsent("flush_packets", "1");
        if (isMp4(o.output())) {
            options.putIfAbsent("movflags", FRAGMENTED_MP4);
        }
        return o.withFormatOptions(options);
    }

    private static boolean isMp4(OutputOptions o) {
        String f = o.format() == null ? "" : o.format();
        String name = o.url().toLowerCase(java.util.Locale.ROOT);
        return f.isEmpty() ? name.endsWith(".mp4") || name.endsWith(".mov") || name.endsWith(".m4v")
                : f.equals("mp4") || f.equals("mov") || f.equals("ipod");
    }

    Instant start() {
        return start;
    }

    long receivedMicros() {
        return receivedMicros;
    }

    /**
     * Whether the file holds a packet FFmpeg can read back: after a failure (a full disk), the muxer's buffered
     * header and packets may never have reached it, and a file that no player opens is not footage worth keeping.
     */
    boolean readable() {
        if (packets == 0) {
            return false;
        }
        try (MediaReader r = MediaReader.open(ReaderOptions.builder(path.toString()).packets(true).build())) {
            return r.next() != null;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Why the close could not complete the file, or null. */
    String closeError() {
        return writer.closeError();
    }

    /** Whether writing failed and the writer closed itself. */
    boolean failed() {
        return writer.failed();
    }

    /** The file's size on disk now (0 when it cannot be read). */
    long size() {
        try {
            return java.nio.file.Files.size(path);
        } catch (java.io.IOException e) {
            return 0;
        }
    }

    Path path() {
        return path;
    }

    double startTime() {
        return startTime;
    }

    /** Media seconds written so far on the reference stream. */
    double elapsed() {
        return endTime - startTime;
    }

    /** Writes {@code p}; {@code reference} marks packets of the stream that times the file. */
    void write(MediaPacket p, boolean reference, double time) {
        writer.write(p);
        packets++;
        if (reference) {
            double dur = p.duration() > 0 && p.timeBase().isValid() ? p.duration() * p.timeBase().toDouble() : 0;
            endTime = Math.max(endTime, time + dur);
        }
    }

    /** Flushes and writes the trailer; the report ends at {@code endTime} (the next segment's first frame) if known. */
    RecordedFile close(Double cutTime) {
        writer.close();
        double end = cutTime != null ? cutTime : endTime;
        double duration = Math.max(0, end - startTime);
        return new RecordedFile(path, start, start.plusNanos(Math.round(duration * 1e9)), duration, packets);
    }

    /** Closes without a report (after a failure). */
    @Override
    public void close() {
        writer.close();
    }
}
