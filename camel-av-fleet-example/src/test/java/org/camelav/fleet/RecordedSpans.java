package org.camelav.fleet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What was recorded of one camera, by every node that wrote its folder: the closed segments' wall-clock spans from the
 * recorder's retention journals ({@code .camel-av-retention-*}: start ms, end ms, bytes, closed ms, path; written with
 * {@code retainHours} set), so gaps are measured in milliseconds, not in the seconds of the file names.
 */
record RecordedSpans(List<long[]> spans) {

    static RecordedSpans of(Path cameraDir) {
        List<long[]> spans = new ArrayList<>();
        try (var files = Files.list(cameraDir)) {
            for (Path journal : files.filter(f -> f.getFileName().toString().startsWith(".camel-av-retention-")
                                                  && !f.toString().endsWith(".tmp")).toList()) {
                for (String line : Files.readAllLines(journal)) {
                    String[] f = line.split("\t");
                    if (f.length >= 4) { // start and end lead both the current line and that of earlier versions
                        spans.add(new long[] {Long.parseLong(f[0]), Long.parseLong(f[1])});
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        spans.sort(Comparator.comparingLong(s -> s[0]));
        return new RecordedSpans(spans);
    }

    /**
     * The longest time within {@code [from, to]} (epoch ms) that no segment covers; a segment starting at the receive
     * time of its first packet and ending at start + media duration leaves a few ms of jitter between neighbours.
     */
    long longestGap(long from, long to) {
        long covered = from;
        long worst = 0;
        for (long[] s : spans) {
            if (s[1] < from) {
                continue;
            }
            if (s[0] > to) {
                break;
            }
            worst = Math.max(worst, s[0] - covered);
            covered = Math.max(covered, s[1]);
        }
        return Math.max(worst, to - covered);
    }

    /** The longest time within {@code [from, to]} that two segments (two nodes, or one node's neighbours) overlap. */
    long longestOverlap(long from, long to) {
        long worst = 0;
        long coveredUntil = from;
        for (long[] s : spans) {
            long start = Math.max(s[0], from);
            long end = Math.min(s[1], to);
            if (end < start) {
                continue;
            }
            worst = Math.max(worst, Math.min(coveredUntil, end) - start);
            coveredUntil = Math.max(coveredUntil, end);
        }
        return worst;
    }
}
