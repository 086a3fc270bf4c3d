package org.camelav.component;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.List;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.SynchronizationAdapter;
import org.camelav.media.Rational;
import org.camelav.media.container.WriterOptions;
import org.camelav.recording.PathPattern;
import org.camelav.recording.RangeExport;
import org.camelav.recording.RecordingIndex;
import org.camelav.recording.Timeline;
import org.camelav.recording.TimeLapse;
import org.camelav.recording.TimelineEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code operation=list} and {@code operation=export} on a recording path: answered from the recording's index beside
 * its files (so any node that sees the volume answers alike), never from a path in a header. Export reads only files
 * the index lists under the pattern's root folder.
 */
final class AvRecordingQueries {

    private static final Logger LOG = LoggerFactory.getLogger(AvRecordingQueries.class);

    private final PathPattern pattern;
    private final RecordingIndex index;
    private final AvConfiguration config;
    private final String format;

    /** Opens (rebuilding when missing) and reads the index now: the first listing then costs a binary search. */
    AvRecordingQueries(PathPattern pattern, AvConfiguration config) {
        this.pattern = pattern;
        this.index = RecordingIndex.open(pattern);
        this.config = config;
        this.format = config.getExportFormat();
        index.list(Instant.EPOCH, Instant.EPOCH);
    }

    void list(Message m) {
        m.setBody(index.list(instant(m, AvConstants.FROM), instant(m, AvConstants.TO)));
    }

    void export(Exchange exchange) throws IOException {
        Message m = exchange.getMessage();
        Instant from = instant(m, AvConstants.FROM);
        Instant to = instant(m, AvConstants.TO);
        Path out = temporaryFile(exchange, format);
        RangeExport.Result r = RangeExport.write(ours(from, to), from, to,
                WriterOptions.builder(out.toString()).format(muxer()).build(), config.isExact());
        answer(m, out, r.start());
        m.setHeader(AvConstants.SEGMENT_START, r.start().toString());
        m.setHeader(AvConstants.SEGMENT_END, r.end().toString());
        m.setHeader(AvConstants.SEGMENT_DURATION, (r.end().toEpochMilli() - r.start().toEpochMilli()) / 1000.0);
        m.setHeader(AvConstants.EXPORT_GAPS, r.gaps().size());
        m.setHeader(AvConstants.EXPORT_REENCODED, r.reencoded());
    }

    void timelapse(Exchange exchange) throws IOException {
        Message m = exchange.getMessage();
        Instant from = instant(m, AvConstants.FROM);
        Instant to = instant(m, AvConstants.TO);
        Double target = m.getHeader(AvConstants.TIMELAPSE_DURATION, Double.class);
        double seconds = Duration.between(from, to).toNanos() / 1e9;
        double speed = target != null && target > 0 ? seconds / target : config.getSpeed();
        Rational rate = config.getFrameRate() == null || config.getFrameRate().isBlank() ? new Rational(25, 1)
                : Rational.parse(config.getFrameRate());
        Path out = temporaryFile(exchange, format);
        WriterOptions.Builder w = WriterOptions.builder(out.toString()).format(muxer()).codec(config.getCodec())
                .bitRate(config.getBitRate());
        w.codecOptions(config.getCodecOptions());
        LOG.info("Time-lapse of {} from {} to {} at speed {}", pattern.pattern(), from, to, speed);
        TimeLapse.Result r = TimeLapse.write(ours(from, to), from, to, speed, rate, w.build(), null);
        answer(m, out, r.start());
        m.setHeader(AvConstants.SEGMENT_START, r.start().toString());
        m.setHeader(AvConstants.SEGMENT_DURATION, r.frames() / rate.toDouble());
        m.setHeader(AvConstants.TIMELAPSE_FRAMES, r.frames());
        m.setHeader(AvConstants.TIMELAPSE_DECODED, r.decoded());
    }

    /** The listing of [from, to], only files under the pattern's root: never a path from a header or elsewhere. */
    private List<TimelineEntry> ours(Instant from, Instant to) {
        Path root = pattern.root().normalize();
        // the end frame may be the first of the file that starts at `to`
        Timeline listed = index.list(from, to.plusMillis(1));
        return listed.stream().filter(e -> e.isGap() || e.path().normalize().startsWith(root)).toList();
    }

    private String muxer() {
        return format.equals("mkv") ? "matroska" : format.equals("ts") ? "mpegts" : "mp4";
    }

    /** A temporary file (java.io.tmpdir: needs room for the range) deleted when the exchange completes. */
    private static Path temporaryFile(Exchange exchange, String format) throws IOException {
        Path out = Files.createTempFile("camel-av-export-", "." + format);
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                out.toFile().delete();
            }
        });
        return out;
    }

    private void answer(Message m, Path out, Instant start) {
        String name = String.valueOf(pattern.root().normalize().getFileName()) + "-"
                      + DateTimeFormatter.ISO_INSTANT.format(start).replace(":", "") + "." + format;
        m.setBody(new File(out.toString()));
        m.setHeader(Exchange.FILE_NAME, name);
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
        throw new IllegalArgumentException("av: operation list/export/timelapse needs header " + header + " (ISO-8601 time)");
    }
}
