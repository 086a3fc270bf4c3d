package org.camelav.component;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.List;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.SynchronizationAdapter;
import org.camelav.media.container.WriterOptions;
import org.camelav.recording.PathPattern;
import org.camelav.recording.RangeExport;
import org.camelav.recording.RecordingIndex;
import org.camelav.recording.Timeline;
import org.camelav.recording.TimelineEntry;

/**
 * {@code operation=list} and {@code operation=export} on a recording path: answered from the recording's index beside
 * its files (so any node that sees the volume answers alike), never from a path in a header. Export reads only files
 * the index lists under the pattern's root folder.
 */
final class AvRecordingQueries {

    private final PathPattern pattern;
    private final RecordingIndex index;
    private final String format;

    /** Opens (rebuilding when missing) and reads the index now: the first listing then costs a binary search. */
    AvRecordingQueries(PathPattern pattern, String format) {
        this.pattern = pattern;
        this.index = RecordingIndex.open(pattern);
        this.format = format;
        index.list(Instant.EPOCH, Instant.EPOCH);
    }

    void list(Message m) {
        m.setBody(index.list(instant(m, AvConstants.FROM), instant(m, AvConstants.TO)));
    }

    void export(Exchange exchange) throws IOException {
        Message m = exchange.getMessage();
        Instant from = instant(m, AvConstants.FROM);
        Instant to = instant(m, AvConstants.TO);
        Path root = pattern.root().normalize();
        // the end frame may be the first of the file that starts at `to`
        Timeline listed = index.list(from, to.plusMillis(1));
        List<TimelineEntry> ours = listed.stream().filter(e -> e.isGap() || e.path().normalize().startsWith(root))
                .toList();
        Path out = Files.createTempFile("camel-av-export-", "." + format); // java.io.tmpdir: needs room for the range
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                out.toFile().delete();
            }
        });
        RangeExport.Result r = RangeExport.write(ours, from, to,
                WriterOptions.builder(out.toString()).format(format.equals("mkv") ? "matroska"
                        : format.equals("ts") ? "mpegts" : "mp4").build());
        String name = String.valueOf(root.getFileName()) + "-" + DateTimeFormatter.ISO_INSTANT.format(r.start())
                .replace(":", "") + "." + format;
        m.setBody(new File(out.toString()));
        m.setHeader(Exchange.FILE_NAME, name);
        m.setHeader(AvConstants.SEGMENT_START, r.start().toString());
        m.setHeader(AvConstants.SEGMENT_END, r.end().toString());
        m.setHeader(AvConstants.SEGMENT_DURATION, (r.end().toEpochMilli() - r.start().toEpochMilli()) / 1000.0);
        m.setHeader(AvConstants.EXPORT_GAPS, r.gaps().size());
    }

    private static Instant instant(Message m, String header) {
        Object v = m.getHeader(header);
        if (v instanceof Instant i) {
            return i;
        }
        if (v instanceof Date d) {
            return d.toInstant();
        }
        if (v instanceof Number n) {
            return Instant.ofEpochMilli(n.longValue());
        }
        if (v instanceof CharSequence s) {
            try {
                return OffsetDateTime.parse(s).toInstant();
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("av: header " + header + " '" + s + "' is not an ISO-8601 time with"
                                                   + " a zone or offset, e.g. 2026-01-02T03:04:05Z");
            }
        }
        throw new IllegalArgumentException("av: operation list/export needs header " + header + " (ISO-8601 time)");
    }
}
