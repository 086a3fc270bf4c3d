package org.camelav.recording;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleConsumer;

import org.camelav.media.FrameProps;
import org.camelav.media.MediaItem;
import org.camelav.media.MediaPacket;
import org.camelav.media.Rational;
import org.camelav.media.UrlMasker;
import org.camelav.media.container.InputPolicy;
import org.camelav.media.container.MediaReader;
import org.camelav.media.container.MediaWriter;
import org.camelav.media.container.ReaderOptions;
import org.camelav.media.container.WriterOptions;
import org.camelav.media.video.GopSampler;
import org.camelav.media.video.VideoFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A time-lapse of the recorded files that cover {@code [from, to]}: video only, re-encoded at {@code frameRate}, output
 * frame k showing the picture recorded at {@code from + k * speed / frameRate} (the newest at or before it), so the
 * output lasts {@code (to - from) / speed}. The files are demuxed, not decoded, one GOP at a time (bounded memory: one
 * GOP of packets and one picture); a GOP that no output frame falls in is never decoded. Where key frames are at least
 * as dense as the output frames (a GOP spans no more than {@code speed / frameRate} seconds) only key frames are
 * decoded, as {@code -skip_frame nokey} would; otherwise each GOP is decoded up to its last picked picture, as
 * {@code select} would pick it, and no further. A gap between files shows the picture before it, so the time-lapse
 * keeps the wall clock's proportions (as an export keeps gaps). Progress goes to the log every 10 %.
 */
public final class TimeLapse {

    private static final Logger LOG = LoggerFactory.getLogger(TimeLapse.class);

    /**
     * What was written.
     *
     * @param start   wall-clock time the first output frame shows
     * @param frames  output frames written
     * @param decoded pictures decoded to make them
     * @param files   recorded files read
     */
    public record Result(Instant start, int frames, long decoded, int files) {
    }

    /** Times closer than this (seconds) are one: a picture's time in the file, and that time from the wall clock. */
    private static final double EPSILON = 1e-6;

    private final Instant from;
    private final double interval;
    private final int total;
    private final Rational outRate;
    private final MediaWriter writer;
    private final DoubleConsumer progress;
    private final List<MediaPacket> gop = new ArrayList<>();
    private GopSampler sampler;
    /** The current file, and where its wall-clock start is in its own seconds ({@link TimelineEntry#fileSeconds}). */
    private TimelineEntry file;
    private double zero;
    /** The next output frame to write. */
    private int next;
    private int written;
    private int lastDecile;
    private long decoded;
    private Instant first;

    private TimeLapse(Instant from, Instant to, double speed, Rational frameRate, WriterOptions out,
            DoubleConsumer progress) {
        this.from = from;
        this.interval = speed / frameRate.toDouble();
        this.total = Math.max(1, (int) Math.round(Duration.between(from, to).toNanos() / 1e9 / interval));
        this.outRate = frameRate;
        this.writer = new MediaWriter(out.toBuilder().frameRate(frameRate.num() + "/" + frameRate.den()).build());
        this.progress = progress;
    }

    /**
     * @param entries   a listing of the range (files and gaps, oldest first); only these files are read
     * @param speed     recorded seconds per output second, above 0
     * @param frameRate the output's frame rate
     * @param progress  told the fraction done (0 to 1) after each output frame; may be null
     */
    public static Result write(List<TimelineEntry> entries, Instant from, Instant to, double speed,
            Rational frameRate, WriterOptions out, DoubleConsumer progress) {
        if (!to.isAfter(from) || !(speed > 0) || !frameRate.isValid()) {
            throw new IllegalArgumentException("time-lapse needs from before to, speed above 0 and a frame rate: "
                                               + from + " .. " + to + ", speed " + speed + ", " + frameRate);
        }
        TimeLapse t = new TimeLapse(from, to, speed, frameRate, out, progress);
        List<TimelineEntry> files = entries.stream().filter(e -> !e.isGap()).toList();
        try {
            for (int i = 0; i < files.size() && t.next < t.total; i++) {
                // the last GOP of a file stands for the time up to the next file (a gap shows its last picture)
                Instant upTo = i + 1 < files.size() ? files.get(i + 1).start() : to;
                t.read(files.get(i), upTo);
            }
        } finally {
            t.writer.close();
        }
        if (t.written == 0) {
            throw new org.camelav.media.AvException("Nothing recorded between " + from + " and " + to, 0, out.url());
        }
        LOG.info("Time-lapse {}: {} frames from {} decoded pictures of {} files", UrlMasker.mask(out.url()), t.written,
                t.decoded, files.size());
        return new Result(t.first, t.written, t.decoded, files.size());
    }

    private void read(TimelineEntry file, Instant upTo) {
        this.file = file;
        zero = Double.NaN;
        // that file alone: a file in the folder that is really a playlist or a concat script opens nothing else
        try (MediaReader r = MediaReader.open(ReaderOptions.builder(file.path().toString()).packets(true)
                .streams("video").policy(InputPolicy.fileBody()).build())) {
            double end = Double.NaN;
            for (MediaItem item = r.next(); item != null && next < total; item = r.next()) {
                MediaPacket p = (MediaPacket) item;
                if (p.time() == null) {
                    continue;
                }
                if (Double.isNaN(zero)) {
                    zero = p.time(); // the first picture: the file's start (a reorder delay in with B-frames)
                }
                if (p.keyFrame() && !gop.isEmpty()) {
                    finishGop(p.time(), p.time());
                }
                if (p.keyFrame() || !gop.isEmpty()) {
                    gop.add(p);
                }
                end = p.time() + p.duration() * p.timeBase().toDouble();
            }
            if (!gop.isEmpty()) {
                finishGop(end, file.fileSeconds(upTo, zero));
            }
        } finally {
            gop.clear();
            if (sampler != null) {
                decoded += sampler.decoded();
                sampler.close();
                sampler = null;
            }
        }
    }

    /**
     * The GOP read is complete: {@code end} is where its pictures end, {@code upTo} where the next GOP starts (file
     * seconds). Decodes what the output frames in {@code [key, upTo)} need and writes them.
     */
    private void finishGop(double end, double upTo) {
        MediaPacket key = gop.get(0);
        double keyTime = key.time();
        Rational tb = key.timeBase();
        List<Long> wanted = new ArrayList<>();
        for (int k = next; k < total; k++) {
            double t = at(k);
            if (t >= upTo - EPSILON) {
                break;
            }
            if (t >= keyTime - EPSILON) {
                wanted.add(Math.round(t / tb.toDouble()));
            } else {
                next = k + 1; // before the first picture of the range: nothing to show
            }
        }
        if (!wanted.isEmpty()) {
            if (sampler == null) {
                sampler = new GopSampler(key.stream());
            }
            VideoFrame[] pictures = sampler.sample(gop, wanted.stream().mapToLong(Long::longValue).toArray(),
                    end - keyTime <= interval);
            for (VideoFrame v : pictures) {
                if (v != null) {
                    put(v);
                }
                next++;
            }
        }
        gop.clear();
    }

    /**
     * Output frame k's time in the current file's seconds: its wall-clock instant (to the nanosecond, not a sum of
     * doubles that may land just before a picture's time) against the file's start.
     */
    private double at(int k) {
        return file.fileSeconds(from.plusNanos(Math.round(k * interval * 1e9)), zero);
    }

    private void put(VideoFrame v) {
        if (first == null) {
            first = from.plusNanos(Math.round(next * interval * 1e9));
        }
        writer.write(v.withProps(new FrameProps(0, (long) next, null, 1, outRate.invert(), false, written, null, null,
                false, false)));
        written++;
        int decile = (next + 1) * 10 / total;
        if (decile > lastDecile) {
            lastDecile = decile;
            LOG.info("Time-lapse {}: {} % ({} of {} frames)", UrlMasker.mask(writer.url()), decile * 10, next + 1,
                    total);
        }
        if (progress != null) {
            progress.accept((next + 1) / (double) total);
        }
    }
}
