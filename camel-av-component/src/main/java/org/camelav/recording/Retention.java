package org.camelav.recording;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes the oldest files of one recorder once they are older than {@code retainHours} (by this machine's clock at the
 * time the file was closed, never the camera's, which may be wrong by hours), together larger than
 * {@code retainBytes}, or while the volume has less than {@code minFreeBytes} free; and after a write failed for lack of
 * space, whatever the limits, so that a volume shared with other data cannot stop recording for good. Files whose
 * writing failed are listed too (deleted at once when empty). It knows only the files its recorder closed, so it never touches anything else in the folders
 * (files of other endpoints, a user's own). Those files are listed in a journal in the pattern's root folder, one per
 * pattern ({@code .camel-av-retention-<hash>}), so a restarted recorder keeps deleting what its earlier runs wrote: a
 * recorder running for months does not fill the disk across restarts. Folders it emptied are removed.
 */
final class Retention {

    private static final Logger LOG = LoggerFactory.getLogger(Retention.class);

    private final Duration maxAge;
    private final long maxBytes;
    private final long minFree;
    /** Folders at or above this one (the pattern's fixed part) are never removed. */
    private final Path root;
    private final Deque<Kept> files = new ArrayDeque<>();
    private final Path journal;
    private long bytes;
    private long deleted;
    /** Told of every file deleted: the recordings index drops it. */
    private java.util.function.Consumer<Path> onDelete = p -> { };

    /**
     * @param retainHours 0: no age limit
     * @param retainBytes 0: no size limit
     * @param pattern     the recorder's file name pattern: it names the journal, so two endpoints writing into the same
     *                    folder tree keep apart
     */
    Retention(double retainHours, long retainBytes, Path root, String pattern) {
        this(retainHours, retainBytes, 0, root, pattern);
    }

    /** @param minFreeBytes 0: no free-space guard */
    Retention(double retainHours, long retainBytes, long minFreeBytes, Path root, String pattern) {
        this.root = root;
        this.maxAge = retainHours > 0 ? Duration.ofMillis(Math.round(retainHours * 3_600_000)) : null;
        this.maxBytes = retainBytes;
        this.minFree = minFreeBytes;
        this.journal = root.resolve(".camel-av-retention-" + Integer.toHexString(pattern.hashCode()));
        if (enabled()) {
            load();
        }
    }

    void onDelete(java.util.function.Consumer<Path> listener) {
        this.onDelete = listener;
    }

    private boolean enabled() {
        return maxAge != null || maxBytes > 0 || minFree > 0;
    }

    void add(RecordedFile f) {
        keep(f, Instant.now());
    }

    /**
     * A file whose writing failed: deleted at once when no packet reached it (empty, or a header alone, which no
     * player opens), else kept in the list like any other (what it holds up to the failure is still footage), so
     * retention deletes it in its turn.
     */
    void addFailed(Path p, Instant start, boolean readable) {
        if (!readable || size(p) == 0) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                LOG.debug("Could not delete the empty {}: {}", p, e.getMessage());
            }
            return;
        }
        Instant now = Instant.now();
        keep(new RecordedFile(p, start, now, 0, 0), now);
    }

    private void keep(RecordedFile f, Instant closedAt) {
        if (!enabled()) {
            return;
        }
        Kept k = new Kept(f, size(f.path()), closedAt);
        files.addLast(k);
        bytes += k.size;
        try {
            Files.writeString(journal, line(k), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            LOG.warn("Retention could not note {} in {}: {}", f.path(), journal, e.getMessage());
        }
    }

    /** Deletes what is over the limits, oldest first; the newest file always stays. */
    void enforce(Instant now) {
        boolean changed = false;
        while (files.size() > 1) {
            Kept oldest = files.peekFirst();
            boolean tooOld = maxAge != null && oldest.closedAt.plus(maxAge).isBefore(now);
            boolean tooBig = maxBytes > 0 && bytes > maxBytes;
            boolean tooFull = minFree > 0 && usableSpace() < minFree;
            if (!tooOld && !tooBig && !tooFull) {
                break;
            }
            deleteOldest();
            changed = true;
        }
        if (changed) {
            save();
        }
    }

    /**
     * A write failed for lack of space: delete the oldest file (never the newest) even within the limits, so the
     * next file has room. Only where retention was asked for: a recorder without limits never deletes footage.
     * Returns whether a file was deleted.
     */
    boolean makeRoom() {
        if (!enabled() || files.size() < 2) {
            return false;
        }
        Kept oldest = files.peekFirst();
        LOG.warn("The volume of {} is full: deleting the oldest recording {} ({} bytes) before the limits ask for it",
                root, oldest.file.path(), oldest.size);
        deleteOldest();
        save();
        return true;
    }

    private void deleteOldest() {
        Kept oldest = files.removeFirst();
        bytes -= oldest.size;
        delete(oldest.file.path());
        deleted++;
    }

    /** Files deleted so far. */
    long deleted() {
        return deleted;
    }

    private long usableSpace() {
        try {
            return Files.getFileStore(root).getUsableSpace();
        } catch (IOException e) {
            return Long.MAX_VALUE; // cannot tell: the other limits still apply
        }
    }

    /** The files earlier runs wrote that are still there, oldest first. */
    private void load() {
        if (!Files.isRegularFile(journal)) {
            return;
        }
        try {
            for (String l : Files.readAllLines(journal, StandardCharsets.UTF_8)) {
                // start, end, size, [closed,] path: lines of earlier versions have no closing time
                String[] f = l.split("\t", 5);
                int n = f.length;
                if ((n == 4 || n == 5) && Files.isRegularFile(Path.of(f[n - 1]))) {
                    Path path = Path.of(f[n - 1]);
                    Instant end = Instant.ofEpochMilli(Long.parseLong(f[1]));
                    Instant start = Instant.ofEpochMilli(Long.parseLong(f[0]));
                    Instant closed = n == 5 ? Instant.ofEpochMilli(Long.parseLong(f[3])) : end;
                    Kept k = new Kept(new RecordedFile(path, start, end, (end.toEpochMilli() - start.toEpochMilli())
                            / 1000.0, 0), size(path), closed);
                    files.addLast(k);
                    bytes += k.size;
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("Retention could not read {} (files of earlier runs are kept): {}", journal, e.getMessage());
        }
    }

    /** Rewrites the journal with the files kept: after deletions, so it stays as short as the recording. */
    private void save() {
        StringBuilder sb = new StringBuilder();
        files.forEach(k -> sb.append(line(k)));
        try {
            JournalFile.replace(journal, sb);
        } catch (IOException e) {
            LOG.warn("Retention could not rewrite {}: {}", journal, e.getMessage());
        }
    }

    private static String line(Kept k) {
        return k.file.start().toEpochMilli() + "\t" + k.file.end().toEpochMilli() + "\t" + k.size + "\t"
               + k.closedAt.toEpochMilli() + "\t" + k.file.path().toAbsolutePath() + "\n";
    }

    List<RecordedFile> files() {
        return files.stream().map(Kept::file).toList();
    }

    private void delete(Path p) {
        try {
            Files.deleteIfExists(p);
            onDelete.accept(p);
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

    /** @param closedAt this machine's clock when the file was closed: what its age is measured from */
    private record Kept(RecordedFile file, long size, Instant closedAt) {
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 0;
        }
    }
}
