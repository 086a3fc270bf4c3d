package org.camelav.recording;

import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.camelav.media.MediaPacket;
import org.camelav.media.container.MediaWriter;
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
    private double endTime;
    private long packets;

    OpenFile(Path path, WriterOptions template, Instant start, double startTime) {
        this.path = path;
        this.writer = new MediaWriter(crashSafe(template).toBuilder().url(path.toString()).build());
        this.start = start;
        this.startTime = startTime;
        this.endTime = startTime;
    }

    /**
     * Each packet reaches the file when written (the muxer's {@code flush_packets=1}), not when the 32 KB I/O buffer
     * fills: a node killed or powered off loses no recorded second of a .ts/.mkv, and a camera taken over by another
     * node has no hole before the hand-over. A user's {@code formatOptions.flush_packets} wins.
     */
    private static WriterOptions crashSafe(WriterOptions o) {
        if (o.formatOptions().containsKey("flush_packets")) {
            return o;
        }
        Map<String, Object> options = new HashMap<>(o.formatOptions());
        options.put("flush_packets", "1");
        return o.withFormatOptions(options);
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
