package org.camelav.recording;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes the oldest files of one recorder once they are older than {@code retainHours} or together larger than
 * {@code retainBytes}. It knows only the files its recorder closed, so it never touches anything else in the folders
 * (files of other endpoints, or of an earlier run of this one). Folders it emptied are removed.
 */
final class Retention {

    private static final Logger LOG = LoggerFactory.getLogger(Retention.class);

    private final Duration maxAge;
    private final long maxBytes;
    /** Folders at or above this one (the pattern's fixed part) are never removed. */
    private final Path root;
    private final Deque<Kept> files = new ArrayDeque<>();
    private long bytes;

    /** @param retainHours 0: no age limit; @param retainBytes 0: no size limit */
    Retention(double retainHours, long retainBytes, Path root) {
        this.root = root;
        this.maxAge = retainHours > 0 ? Duration.ofMillis(Math.round(retainHours * 3_600_000)) : null;
        this.maxBytes = retainBytes;
    }

    void add(RecordedFile f) {
        if (maxAge == null && maxBytes <= 0) {
            return;
        }
        Kept k = new Kept(f, size(f.path()));
        files.addLast(k);
        bytes += k.size;
    }

    /** Deletes what is over the limits, oldest first; the newest file always stays. */
    void enforce(Instant now) {
        while (files.size() > 1) {
            Kept oldest = files.peekFirst();
            boolean tooOld = maxAge != null && oldest.file.end().plus(maxAge).isBefore(now);
            boolean tooBig = maxBytes > 0 && bytes > maxBytes;
            if (!tooOld && !tooBig) {
                return;
            }
            files.removeFirst();
            bytes -= oldest.size;
            delete(oldest.file.path());
        }
    }

    List<RecordedFile> files() {
        return files.stream().map(Kept::file).toList();
    }

    private void delete(Path p) {
        try {
            Files.deleteIfExists(p);
            LOG.debug("Retention deleted {}", p);
            for (Path dir = p.getParent(); dir != null && dir.startsWith(root) && !dir.equals(root);
                 dir = dir.getParent()) {
                try (var entries = Files.list(dir)) {
                    if (entries.findAny().isPresent()) {
                        break;
                    }
                }
                Files.delete(dir); // a folder of the pattern (a day) that is empty now
            }
        } catch (IOException e) {
            LOG.warn("Retention could not delete {}: {}", p, e.getMessage());
        }
    }

    private record Kept(RecordedFile file, long size) {
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 0;
        }
    }
}
