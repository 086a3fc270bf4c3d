package org.camelav.recording;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.camelav.media.container.InputPolicy;
import org.camelav.media.container.MediaInfo;
import org.camelav.media.container.MediaOperations;
import org.camelav.media.container.ReaderOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The entries of a missing index, found again: first the retention journal's lines (exact times) for files still
 * there, then every other file under the pattern's root whose name the pattern could have written, placed by its name
 * (whole seconds) and measured by reading its header through the media layer (its duration). A file FFmpeg cannot
 * open is left out.
 */
final class IndexRebuild {

    private static final Logger LOG = LoggerFactory.getLogger(IndexRebuild.class);

    private final PathPattern pattern;
    private final Path root;

    IndexRebuild(PathPattern pattern) {
        this.pattern = pattern;
        this.root = pattern.root();
    }

    List<TimelineEntry> entries() {
        List<TimelineEntry> out = new ArrayList<>(fromJournal());
        Set<Path> known = new HashSet<>();
        out.forEach(e -> known.add(e.path()));
        PatternNames names = new PatternNames(pattern, pattern.zone());
        if (Files.isDirectory(root)) {
            try (Stream<Path> files = Files.walk(root)) {
                files.filter(Files::isRegularFile).map(Path::toAbsolutePath).filter(p -> !known.contains(p))
                        .forEach(p -> {
                            Instant start = names.start(p);
                            TimelineEntry e = start == null ? null : measure(p, start);
                            if (e != null) {
                                out.add(e);
                            }
                        });
            } catch (IOException | java.io.UncheckedIOException e) {
                LOG.warn("Could not walk {} to rebuild its index: {}", root, e.getMessage());
            }
        }
        out.sort(Comparator.comparing(TimelineEntry::start));
        return out;
    }

    private List<TimelineEntry> fromJournal() {
        Path journal = root.resolve(".camel-av-retention-" + Integer.toHexString(pattern.pattern().hashCode()));
        List<TimelineEntry> out = new ArrayList<>();
        if (!Files.isRegularFile(journal)) {
            return out;
        }
        try {
            for (String l : Files.readAllLines(journal, StandardCharsets.UTF_8)) {
                String[] f = l.split("\t", 5);
                Path p = f.length >= 4 ? root.resolve(f[f.length - 1]).toAbsolutePath() : null;
                if (p != null && Files.isRegularFile(p)) {
                    out.add(new TimelineEntry(Instant.ofEpochMilli(Long.parseLong(f[0])),
                            Instant.ofEpochMilli(Long.parseLong(f[1])), p, Files.size(p)));
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not read {} to rebuild the index: {}", journal, e.getMessage());
        }
        return out;
    }

    private static TimelineEntry measure(Path p, Instant start) {
        try {
            MediaInfo info = MediaOperations.probe(ReaderOptions.builder(p.toString())
                    .policy(InputPolicy.fileBody()).build()); // that file alone, whatever it holds
            double seconds = info.durationSeconds() == null ? 0 : info.durationSeconds();
            return new TimelineEntry(start, start.plusNanos(Math.round(seconds * 1e9)), p, Files.size(p));
        } catch (IOException | RuntimeException e) {
            LOG.debug("Not indexing {}: {}", p, e.getMessage());
            return null;
        }
    }
}
