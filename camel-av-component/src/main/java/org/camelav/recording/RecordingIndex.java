package org.camelav.recording;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a recording endpoint has on disk, by wall-clock time: an append-only file beside the segments, in the pattern's
 * root folder ({@code .camel-av-index-<hash of the pattern>}), written by the recorder whether retention is on or not.
 * Beside the segments, so nodes that record onto shared storage answer the same question with the same answer,
 * whichever node wrote which file, and a restart loses nothing. Lines: {@code startMs TAB endMs TAB bytes TAB closedMs
 * TAB path} for a closed file (the retention journal's format, so a journal seeds a rebuild), {@code D TAB path} when
 * retention deleted one, {@code E TAB startMs TAB endMs TAB kind TAB label} for an event (a trigger, a clip:
 * {@link TimelineEvent}; a reader that predates them skips the line as damaged); paths are relative to the root folder, so a volume mounted elsewhere still resolves.
 * <p>
 * A reader keeps the entries in memory, sorted by start, and reads only the lines appended since its last look, so a
 * listing costs a binary search however long the recording; a file replaced by a compaction (another inode) or shorter
 * than before is read again whole. The recorder compacts it when it opens (dropping deleted and vanished files) and
 * rebuilds it from the folder when it is missing ({@link IndexRebuild}).
 */
public final class RecordingIndex {

    private static final Logger LOG = LoggerFactory.getLogger(RecordingIndex.class);
    /** Files further apart than this are reported with a gap between them; closer ones are one recording. */
    public static final Duration GAP = Duration.ofSeconds(1);

    private final PathPattern pattern;
    private final Path root;
    private final Path file;
    /** The recorder's own: it alone appends, and rebuilds the file first when it went missing under it. */
    private boolean writer;
    private final List<TimelineEntry> entries = new ArrayList<>();
    private final Map<Path, Instant> starts = new HashMap<>();
    /** Triggers and clips noted, sorted by start. */
    private final List<TimelineEvent> events = new ArrayList<>();
    private Object fileKey;
    private long offset;
    private long deadLines;

    private RecordingIndex(PathPattern pattern, Path root, Path file) {
        this.pattern = pattern;
        this.root = root.toAbsolutePath().normalize();
        this.file = file;
    }

    /** The index of {@code pattern}, rebuilt from its folder when its file is missing. Reading only: no compaction. */
    public static RecordingIndex open(PathPattern pattern) {
        Path root = pattern.root();
        RecordingIndex index = new RecordingIndex(pattern, root, root.resolve(".camel-av-index-"
                                                                              + Integer.toHexString(pattern.pattern().hashCode())));
        if (!Files.exists(index.file)) {
            List<TimelineEntry> found = new IndexRebuild(pattern).entries();
            boolean written;
            try {
                // never over a file the recorder created meanwhile: the line it appended would be lost
                written = JournalFile.createIfAbsent(index.file, index.text(found, List.of()));
            } catch (IOException e) {
                LOG.warn("Could not write the recordings index {}: {}", index.file, e.getMessage());
                written = false;
            }
            LOG.info("Rebuilt the recordings index {} from its folder: {} files{}", index.file, found.size(),
                    written ? "" : " (not written: the recorder's came first, or the folder is read-only)");
        }
        return index;
    }

    /** As {@link #open}, for the recorder: drops deleted and vanished files from the file, then forgets them. */
    static RecordingIndex forRecorder(PathPattern pattern) {
        RecordingIndex index = open(pattern);
        synchronized (index) {
            index.writer = true;
            index.refresh();
            if (index.deadLines > 0 || index.entries.stream().anyMatch(e -> !Files.isRegularFile(e.path()))) {
                index.rewrite();
            }
            index.forget();
        }
        return index;
    }

    public Path file() {
        return file;
    }

    /** Notes a closed file. Never fails the recording: the index is rebuilt from the folder if it cannot be written. */
    synchronized void add(RecordedFile f, long bytes) {
        append(line(new TimelineEntry(f.start(), f.end(), f.path(), bytes), Instant.now()));
    }

    /** Notes an event (a trigger, a clip) on the timeline. Never fails the recording. */
    synchronized void event(TimelineEvent e) {
        append("E\t" + e.start().toEpochMilli() + "\t" + e.end().toEpochMilli() + "\t" + e.kind() + "\t" + e.label()
               + "\n");
    }

    /** Notes a file retention deleted. */
    synchronized void removed(Path p) {
        append("D\t" + relative(p) + "\n");
    }

    /**
     * Files overlapping {@code [from, to)}, oldest first, with a gap entry between two of them that are more than
     * {@link #GAP} apart. Gaps before the first and after the last file of the range are not reported (the range may
     * reach into the future).
     */
    public synchronized Timeline list(Instant from, Instant to) {
        refresh();
        int i = firstAtOrAfter(from);
        if (i > 0 && entries.get(i - 1).end().isAfter(from)) {
            i--;
        }
        List<TimelineEntry> out = new ArrayList<>();
        TimelineEntry prev = null;
        for (; i < entries.size() && entries.get(i).start().isBefore(to); i++) {
            TimelineEntry e = entries.get(i);
            if (!e.end().isAfter(from)) {
                continue;
            }
            if (prev != null && Duration.between(prev.end(), e.start()).compareTo(GAP) > 0) {
                out.add(TimelineEntry.gap(prev.end(), e.start()));
            }
            out.add(e);
            prev = e;
        }
        List<TimelineEvent> happened = new ArrayList<>();
        // events are short (an instant, a clip of minutes): those that start up to a day before `from` are looked at
        for (int j = firstEventAtOrAfter(from.minus(Duration.ofDays(1))); j < events.size()
                                                                        && events.get(j).start().isBefore(to); j++) {
            if (!events.get(j).end().isBefore(from)) {
                happened.add(events.get(j));
            }
        }
        return new Timeline(from, to, out, happened);
    }

    private int firstEventAtOrAfter(Instant t) {
        return firstAtOrAfter(events, TimelineEvent::start, t);
    }

    private void insert(TimelineEvent e) {
        int n = events.size();
        events.add(n == 0 || !e.start().isBefore(events.get(n - 1).start()) ? n : firstEventAtOrAfter(e.start()), e);
    }

    /** Reads what was appended since the last look, or the whole file again when it was replaced. */
    private void refresh() {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (IOException e) {
            forget();
            return;
        }
        if (!Objects.equals(a.fileKey(), fileKey) || a.size() < offset) {
            forget();
            fileKey = a.fileKey();
        }
        if (a.size() == offset) {
            return;
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.allocate((int) Math.min(Integer.MAX_VALUE - 8, a.size() - offset));
            ch.read(buf, offset);
            byte[] b = buf.array();
            int end = buf.position();
            while (end > 0 && b[end - 1] != '\n') {
                end--; // a line still being written: read it next time
            }
            String text = new String(b, 0, end, StandardCharsets.UTF_8);
            for (int from = 0, nl; from < text.length(); from = nl + 1) {
                nl = text.indexOf('\n', from);
                read(text, from, nl);
            }
            offset += end;
        } catch (NoSuchFileException e) {
            forget();
        } catch (IOException e) {
            LOG.warn("Could not read the recordings index {}: {}", file, e.getMessage());
        }
    }

    /** One line, {@code text[from, to)}: split by hand, as a cold JVM at start-up reads 43,200 of them. */
    private void read(String text, int from, int to) {
        int[] tab = new int[4];
        int n = 0;
        for (int i = text.indexOf('\t', from); i >= 0 && i < to && n < 4; i = text.indexOf('\t', i + 1)) {
            tab[n++] = i;
        }
        try {
            if (n == 4 && text.charAt(from) == 'E' && tab[0] == from + 1) {
                insert(new TimelineEvent(Instant.ofEpochMilli(Long.parseLong(text, tab[0] + 1, tab[1], 10)),
                        Instant.ofEpochMilli(Long.parseLong(text, tab[1] + 1, tab[2], 10)),
                        text.substring(tab[2] + 1, tab[3]), text.substring(tab[3] + 1, to)));
            } else if (n == 1 && to - from > 2 && text.charAt(from) == 'D' && tab[0] == from + 1) {
                remove(root.resolve(text.substring(tab[0] + 1, to)));
                deadLines += 2;
            } else if (n == 3 || n == 4) {
                String name = text.substring(tab[n - 1] + 1, to);
                Path p = root.resolve(name);
                // the fence: only files of this recording, whatever a line says (normalising costs: only when needed)
                if ((name.startsWith("/") || name.contains("..")) && !(p = p.normalize()).startsWith(root)) {
                    return;
                }
                insert(new TimelineEntry(Instant.ofEpochMilli(Long.parseLong(text, from, tab[0], 10)),
                        Instant.ofEpochMilli(Long.parseLong(text, tab[0] + 1, tab[1], 10)), p,
                        Long.parseLong(text, tab[1] + 1, tab[2], 10)));
            }
        } catch (RuntimeException e) {
            LOG.debug("Skipping a damaged line of {}: {}", file, text.substring(from, to));
        }
    }

    private void insert(TimelineEntry e) {
        remove(e.path()); // noted again: the newer line wins
        starts.put(e.path(), e.start());
        int n = entries.size();
        if (n == 0 || !e.start().isBefore(entries.get(n - 1).start())) {
            entries.add(e); // the usual case: files are closed in order
        } else {
            entries.add(firstAtOrAfter(e.start()), e);
        }
    }

    private void remove(Path p) {
        Instant start = starts.remove(p);
        if (start == null) {
            return;
        }
        for (int i = firstAtOrAfter(start); i < entries.size() && entries.get(i).start().equals(start); i++) {
            if (entries.get(i).path().equals(p)) {
                entries.remove(i);
                return;
            }
        }
    }

    /** The first entry starting at or after {@code t}; entries.size() when none. */
    private int firstAtOrAfter(Instant t) {
        return firstAtOrAfter(entries, TimelineEntry::start, t);
    }

    /** Binary search of a list sorted by {@code start}: the first element starting at or after {@code t}. */
    private static <T> int firstAtOrAfter(List<T> sorted, java.util.function.Function<T, Instant> start, Instant t) {
        int lo = 0;
        int hi = sorted.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (start.apply(sorted.get(mid)).isBefore(t)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private void forget() {
        entries.clear();
        events.clear();
        starts.clear();
        fileKey = null;
        offset = 0;
        deadLines = 0;
    }

    /** The file again with only the files that are still there (atomically: readers see the old or the new). */
    private void rewrite() {
        entries.removeIf(e -> !Files.isRegularFile(e.path()));
        // events older than the oldest file retention kept go with it
        Instant oldest = entries.isEmpty() ? Instant.MIN : entries.get(0).start();
        events.removeIf(e -> e.end().isBefore(oldest));
        write(file, text(entries, events));
    }

    private StringBuilder text(List<TimelineEntry> files, List<TimelineEvent> noted) {
        StringBuilder sb = new StringBuilder();
        Instant now = Instant.now();
        files.forEach(e -> sb.append(line(e, now)));
        noted.forEach(e -> sb.append("E\t").append(e.start().toEpochMilli()).append('\t')
                .append(e.end().toEpochMilli()).append('\t').append(e.kind()).append('\t').append(e.label())
                .append('\n'));
        return sb;
    }

    static void write(Path file, CharSequence text) {
        try {
            JournalFile.replace(file, text);
        } catch (IOException e) {
            LOG.warn("Could not write the recordings index {}: {}", file, e.getMessage());
        }
    }

    private void append(String line) {
        if (writer && !Files.exists(file)) {
            // deleted under a running recorder: the folder's files again, then this line (the newer line wins)
            List<TimelineEntry> found = new IndexRebuild(pattern).entries();
            write(file, text(found, List.of()).append(line));
            LOG.info("Rebuilt the recordings index {} from its folder: {} files", file, found.size());
            return;
        }
        try {
            Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            LOG.warn("Could not note a recording in {}: {}", file, e.getMessage());
        }
    }

    String line(TimelineEntry e, Instant closed) {
        return e.start().toEpochMilli() + "\t" + e.end().toEpochMilli() + "\t" + e.bytes() + "\t"
               + closed.toEpochMilli() + "\t" + relative(e.path()) + "\n";
    }

    private String relative(Path p) {
        Path a = p.toAbsolutePath();
        return a.startsWith(root) ? root.relativize(a).toString() : a.toString();
    }
}
