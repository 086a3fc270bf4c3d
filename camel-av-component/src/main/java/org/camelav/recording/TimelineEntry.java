package org.camelav.recording;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * One span of a recording endpoint's timeline: a closed file, or a gap between two files (no footage: the camera was
 * down, the route stopped, retention deleted it).
 *
 * @param start    wall-clock start (for a file: its first frame)
 * @param end      wall-clock end (for a file: start plus its media duration)
 * @param path     the file; null for a gap
 * @param bytes    the file's size when it was closed; 0 for a gap
 */
public record TimelineEntry(Instant start, Instant end, Path path, long bytes) {

    public static TimelineEntry gap(Instant start, Instant end) {
        return new TimelineEntry(start, end, null, 0);
    }

    public boolean isGap() {
        return path == null;
    }

    /** Seconds from start to end. */
    public double duration() {
        return Duration.between(start, end).toNanos() / 1e9;
    }
}
