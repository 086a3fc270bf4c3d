package org.camelav.recording;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.camelav.media.AvException;
import org.camelav.media.FrameProps;
import org.camelav.media.MediaItem;
import org.camelav.media.MediaPacket;
import org.camelav.media.MediaType;
import org.camelav.media.codec.ParameterSets;
import org.camelav.media.container.InputPolicy;
import org.camelav.media.container.MediaReader;
import org.camelav.media.container.MediaWriter;
import org.camelav.media.container.ReaderOptions;
import org.camelav.media.container.WriterOptions;

/**
 * One file out of the recorded files that cover {@code [from, to]}, remuxed (nothing decoded or re-encoded). It starts
 * at the video key frame at or before {@code from} (the only place a copy can start: the frames before it are not
 * decodable) and ends with the first video frame at or after {@code to}. Each file's packets are placed at their
 * file's wall-clock start, so the output's time t is the wall-clock time of its first frame plus t, every stream
 * shifted alike (audio stays in sync), and a gap between files stays a gap of the same length in the timeline (players
 * hold the last picture), rather than being closed up, which would make the output's times lie about when things
 * happened. Packets that would not advance their stream (audio of one file overlapping the next file's first packet by
 * a few ms) are dropped, never re-timed.
 * <p>
 * With {@code exact} it starts with the picture shown at {@code from} instead: only the pictures of that first GOP from
 * {@code from} to the next key frame are decoded and re-encoded (same codec, size, pixel format; see
 * {@link org.camelav.media.codec.GopReencoder}), with their own parameter sets in-band, and the first copied key frame
 * after them carries the recording's parameter sets in-band again, so one stream header serves both.
 */
public final class RangeExport {

    /**
     * What was written.
     *
     * @param start   wall-clock time of the first frame written (the key frame at or before {@code from})
     * @param end     wall-clock end of the last video frame written
     * @param files   recorded files read
     * @param packets packets written, all streams
     * @param gaps    gaps kept inside the output's timeline
     * @param reencoded pictures re-encoded at the start (exact), 0 when everything was copied
     */
    public record Result(Instant start, Instant end, int files, long packets, List<TimelineEntry> gaps,
            int reencoded) {
    }

    private final Instant from;
    private final Instant to;
    private final boolean exact;
    /**
     * The current file: its wall-clock start, the time in the file that start is at (its first picture's), its place
     * in the output, and from/to in its own seconds.
     */
    private Instant fileStart;
    private double zero;
    private double offset;
    private double startAt;
    private double endAt;
    /** The current file's first copied key frame (file seconds): frames shown before it are not decodable. */
    private double keyTime;
    /** Where the output starts in the current file (file seconds): audio before it is not copied. */
    private double audioStart;
    /** The last video frame's time (file seconds) once it was read; null before. */
    private Double endPts;
    /** Packets from the newest key frame at or before {@code from}, held until a later frame shows it was the last. */
    private final List<MediaPacket> pending = new ArrayList<>();
    /** exact=true: the GOP that holds {@code from}, while it is read. */
    private ExactHead head;
    /** A re-encoded head was written: the next copied key frame carries the parameter sets in-band. */
    private boolean splice;
    private int reencoded;
    private final DecodingTimes times = new DecodingTimes();
    /** The current file's streams not complete yet once the last frame was read. */
    private final Set<Integer> open = new HashSet<>();
    private MediaWriter writer;
    private Instant first;
    private double endSeconds = Double.NaN;
    private long packets;
    /** Wall-clock start of the output's time 0 (the first file's start): every file is placed against it. */
    private Instant origin;
    private boolean started;
    private boolean done;

    /** The gaps of the listing, wall clock, ISO-8601 intervals. */
    private List<String> gapsTag = List.of();

    /**
     * The file says what it is: where its time 0 is on the wall clock, and the gaps it holds (wall clock), as a
     * comment MP4 and MKV keep (MPEG-TS has no such tag; the exchange's headers say the same).
     */
    private Map<String, String> tags() {
        return Map.of("comment", "camel-av export; time 0 is " + first + "; gaps kept in the timeline: "
                                 + (gapsTag.isEmpty() ? "none" : String.join(", ", gapsTag)),
                "creation_time", first.toString());
    }

    private RangeExport(Instant from, Instant to, boolean exact) {
        this.from = from;
        this.to = to;
        this.exact = exact;
    }

    /**
     * Writes the range into {@code out}. {@code entries} are a listing of the range (files and gaps, oldest first),
     * and only these files are read.
     *
     * @throws AvException when nothing of the range is recorded, or the streams change between two files (a camera
     *                     reconfigured): export the ranges on either side of the change
     */
    public static Result write(List<TimelineEntry> entries, Instant from, Instant to, WriterOptions out) {
        return write(entries, from, to, out, false);
    }

    /**
     * As above; with {@code exact} the output starts with the picture shown at {@code from}: the pictures of its GOP
     * from there to the next key frame are re-encoded with the same codec, size and pixel format (and carry their own
     * parameter sets in-band), everything after them is copied.
     *
     * @throws org.camelav.media.AvUnsupportedException with exact, for a codec this FFmpeg build cannot encode
     */
    public static Result write(List<TimelineEntry> entries, Instant from, Instant to, WriterOptions out,
            boolean exact) {
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("export needs from before to: " + from + " .. " + to);
        }
        RangeExport e = new RangeExport(from, to, exact);
        List<TimelineEntry> gaps = new ArrayList<>();
        int files = 0;
        e.writer = new MediaWriter(out);
        e.gapsTag = entries.stream().filter(TimelineEntry::isGap).map(g -> g.start() + "/" + g.end()).toList();
        try {
            for (TimelineEntry t : entries) {
                if (e.done) {
                    break;
                }
                if (t.isGap()) {
                    gaps.add(t);
                    continue;
                }
                e.copy(t);
                files++;
            }
        } finally {
            e.writer.close();
        }
        if (e.first == null) {
            throw new AvException("Nothing recorded between " + from + " and " + to, 0, out.url());
        }
        List<TimelineEntry> inside = gaps.stream().filter(g -> g.start().isAfter(e.first)).toList();
        return new Result(e.first, e.origin.plusNanos(Math.round(e.endSeconds * 1e9)), files, e.packets, inside,
                e.reencoded);
    }

    private void copy(TimelineEntry file) {
        if (origin == null) {
            origin = file.start();
        }
        fileStart = file.start();
        endPts = null;
        keyTime = Double.NEGATIVE_INFINITY;
        audioStart = Double.NEGATIVE_INFINITY;
        // that file alone: a file in the folder that is really a playlist or a concat script opens nothing else
        try (MediaReader r = MediaReader.open(ReaderOptions.builder(file.path().toString()).packets(true)
                .streams("all").policy(InputPolicy.fileBody()).build())) {
            boolean video = r.selectedStreams().stream().anyMatch(s -> s.mediaType() == MediaType.VIDEO);
            open.clear();
            r.selectedStreams().forEach(s -> open.add(s.index()));
            List<MediaPacket> early = new ArrayList<>();
            boolean placed = false;
            for (MediaItem item = r.next(); item != null; item = r.next()) {
                MediaPacket p = (MediaPacket) item;
                if (p.time() == null) {
                    continue;
                }
                if (!placed) {
                    // audio read before the file's first picture waits until that picture says where the file starts
                    if (video && p.mediaType() != MediaType.VIDEO && early.size() < EARLY_MAX) {
                        early.add(p);
                        continue;
                    }
                    place(file, p.mediaType() == MediaType.VIDEO || early.isEmpty() ? p : early.get(0));
                    placed = true;
                    early.add(p);
                    if (!takeAll(early)) {
                        return;
                    }
                    continue;
                }
                if (!take(p)) {
                    return;
                }
            }
            if (!placed && !early.isEmpty()) {
                place(file, early.get(0));
                if (!takeAll(early)) {
                    return;
                }
            }
        } finally {
            pending.clear();
        }
        if (head != null && !finishHead()) {
            done = true;
            return;
        }
        done = endPts != null;
    }

    /** Audio read before a file's first picture, at most this many packets (a file whose video never comes). */
    private static final int EARLY_MAX = 512;

    /**
     * Places the current file: its wall-clock start is the time of its first packet of the stream that times it
     * ({@code first}: the first picture, or the first packet of a file without video), as the recorders name it. That
     * picture is seldom at the file's time 0: a writer starts a file at its first decoding time, so with B-frames the
     * first picture is shown the reorder delay later (40 ms with x264's two B-frames at 25 fps), and MPEG-TS starts
     * everything at 1.4 s.
     */
    private void place(TimelineEntry file, MediaPacket first) {
        zero = first.time();
        offset = Duration.between(origin, file.start()).toNanos() / 1e9 - zero;
        startAt = file.fileSeconds(from, zero);
        endAt = file.fileSeconds(to, zero);
    }

    /** {@link #take} for each, in order; false (and done) once the range is complete. */
    private boolean takeAll(List<MediaPacket> packets) {
        for (MediaPacket q : packets) {
            if (!take(q)) {
                return false;
            }
        }
        packets.clear();
        return true;
    }

    /** One packet of the current file, in the order read; false (and done) once the range is complete. */
    private boolean take(MediaPacket p) {
        if (head != null) {
            if (head.add(p)) {
                return true;
            }
            if (!finishHead()) {
                done = true;
                return false;
            }
        }
        if (!accept(p)) {
            done = true;
            return false;
        }
        return true;
    }

    /** One packet of the current file, in the order read; false once the range is complete. */
    private boolean accept(MediaPacket p) {
        double t = p.time();
        boolean video = p.mediaType() == MediaType.VIDEO;
        if (!started) {
            // hold packets from the newest key frame at or before `from` until a later frame shows it was the last
            if (video && p.keyFrame() && (t <= startAt || pending.isEmpty())) {
                pending.clear();
            }
            if (!pending.isEmpty() || video && p.keyFrame()) {
                pending.add(p);
            }
            if (!(video && t > startAt) || pending.isEmpty()) {
                return true;
            }
            started = true;
            if (exact) {
                head = new ExactHead(pending, startAt, endAt); // the rest of this GOP comes before it is decided
                pending.clear();
                return true;
            }
            keyTime = pending.get(0).time();
            begin(keyTime);
            for (MediaPacket q : pending) {
                if (q.time() >= keyTime) {
                    put(q);
                }
            }
            pending.clear();
            if (video && t >= endAt) {
                endPts = t; // `to` falls within the first GOP
            }
            return true;
        }
        if (endPts != null) {
            // after the last frame: the B-frames shown before it, and the other streams up to its end (a fragmented
            // MP4 stores a GOP's audio after its pictures: FFmpeg reads it up to a second after them)
            if (video ? p.dts() != null && p.dts() * p.timeBase().toDouble() > endPts : t >= endSeconds - offset) {
                open.remove(p.streamIndex());
            } else if (open.contains(p.streamIndex()) && (!video || t < endPts)) {
                put(p);
            }
            return !open.isEmpty() && t < endPts + 2;
        }
        if (video ? t < keyTime : t < audioStart) {
            // shown before the key frame (open GOP): not decodable from here; audio read after the key frame that
            // precedes it goes on the re-encoded head (exact), else only from the first frame on
            return true;
        }
        put(p);
        if (video && t >= endAt) {
            endPts = t;
        }
        return true;
    }

    /** The output's first frame is at {@code t} seconds of the current file. */
    private void begin(double t) {
        audioStart = t;
        first = fileStart.plusNanos(Math.round((t - zero) * 1e9));
        writer.metadata(tags());
    }

    /**
     * exact=true, the GOP that holds {@code from} is complete (through the next key frame and its leading pictures, or
     * the file's end): copied as it is when {@code from} shows its key frame, else its pictures from {@code from} on
     * are re-encoded and the copy resumes at the next key frame, which carries the stream's parameter sets in-band.
     * False once the range is complete.
     */
    private boolean finishHead() {
        ExactHead h = head;
        head = null;
        List<MediaPacket> copy;
        if (h.startsOnKey()) {
            keyTime = h.key().time();
            begin(keyTime);
            copy = h.packets();
        } else {
            List<MediaPacket> encoded = h.reencode();
            if (encoded.isEmpty()) {
                throw new AvException("exact export: no picture of the GOP at " + from + " could be decoded", 0,
                        writer.url());
            }
            double firstTime = encoded.get(0).time();
            begin(firstTime);
            encoded.forEach(this::put);
            reencoded += encoded.size();
            Long end = h.endPts();
            if (end != null) {
                endPts = end * h.key().timeBase().toDouble();
            }
            h.audioFrom(firstTime, end == null ? Double.NaN : endSeconds - offset).forEach(this::put);
            splice = true;
            // the leading pictures of the next GOP were re-encoded: the copy skips what is shown before its key frame
            keyTime = h.next() == null ? Double.NEGATIVE_INFINITY : h.next().time();
            copy = h.fromNext();
        }
        for (MediaPacket q : copy) {
            if (!accept(q)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Writes {@code p} shifted by the current file's offset, unless it would not advance its stream; the first copied
     * key frame after a re-encoded head takes the stream's parameter sets in-band.
     */
    private void put(MediaPacket p) {
        if (splice && p.mediaType() == MediaType.VIDEO && p.keyFrame() && p.stream() != null) {
            p = new MediaPacket(p.props(), MediaType.VIDEO, ParameterSets.inBand(p.stream().codecParameters(),
                    p.data()), p.flags());
            splice = false;
        }
        long shift = Math.round(offset / p.timeBase().toDouble());
        Long pts = p.pts() == null ? null : p.pts() + shift;
        Long dts = p.dts() != null ? Long.valueOf(p.dts() + shift) : times.missing(p, pts);
        if (!times.advances(p, dts != null ? dts : pts)) {
            return;
        }
        FrameProps o = p.props();
        MediaPacket shifted = p.withProps(new FrameProps(o.streamIndex(), pts, dts, o.duration(), o.timeBase(),
                o.keyFrame(), o.frameIndex(), o.stream(), o.streamGroup(), false, false));
        if (!writer.fits(shifted)) {
            throw new AvException("The streams of the recording change at this file (another size or codec): export"
                                  + " the ranges before and after it separately", 0, String.valueOf(p.stream()));
        }
        writer.write(shifted);
        packets++;
        if (p.mediaType() == MediaType.VIDEO && pts != null) {
            double end = (pts + Math.max(0, o.duration())) * p.timeBase().toDouble();
            endSeconds = Double.isNaN(endSeconds) ? end : Math.max(endSeconds, end);
        }
    }

}
