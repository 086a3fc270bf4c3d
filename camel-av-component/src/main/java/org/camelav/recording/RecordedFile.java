package org.camelav.recording;

import java.nio.file.Path;
import java.time.Instant;

/**
 * A segment or clip that was closed (trailer written: playable).
 *
 * @param path     the file
 * @param start    wall-clock time of its first frame
 * @param end      wall-clock time where it ends (start + duration)
 * @param duration seconds of media, measured on the timestamps of its reference (video) stream
 * @param packets  packets written, all streams
 */
public record RecordedFile(Path path, Instant start, Instant end, double duration, long packets) {
}
