package org.camelav.recording;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.camelav.media.MediaItem;
import org.camelav.media.MediaPacket;
import org.camelav.media.MediaType;
import org.camelav.media.container.InputPolicy;
import org.camelav.media.container.MediaReader;
import org.camelav.media.container.ReaderOptions;

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

    /**
     * A wall-clock instant in this file's own seconds. {@code zero} is where the file's start is in its own time: the
     * time of its first picture (its first video packet, a key frame, in the order read), or of its first packet
     * without video, as the recorders name the file after it. It is seldom 0: a writer starts a file at its first
     * decoding time, so with B-frames the first picture is shown the reorder delay later (40 ms with x264's two
     * B-frames at 25 fps; the MP4 says so with an empty edit), and MPEG-TS starts everything at 1.4 s.
     */
    public double fileSeconds(Instant wall, double zero) {
        return Duration.between(start, wall).toNanos() / 1e9 + zero;
    }

    /**
     * The file's {@code zero} (see {@link #fileSeconds}), read from it: the time of its first video packet, or of its
     * first packet where it has no video; 0 for a file with no packet. A player that honours the file's timeline (an
     * MP4's empty edit included, as Chromium does) shows {@link #start} at this media time, not at 0.
     */
    public double zero() {
        // that file alone: a file in the folder that is really a playlist or a concat script opens nothing else
        try (MediaReader r = MediaReader.open(ReaderOptions.builder(path.toString()).packets(true).streams("all")
                .policy(InputPolicy.fileBody()).build())) {
            boolean video = r.selectedStreams().stream().anyMatch(s -> s.mediaType() == MediaType.VIDEO);
            Double first = null;
            for (MediaItem item = r.next(); item != null; item = r.next()) {
                MediaPacket p = (MediaPacket) item;
                if (p.time() != null && (!video || p.mediaType() == MediaType.VIDEO)) {
                    return p.time();
                }
                if (p.time() != null && first == null) {
                    first = p.time();
                }
            }
            return first == null ? 0 : first;
        }
    }
}
