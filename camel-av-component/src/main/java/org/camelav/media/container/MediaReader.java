package org.camelav.media.container;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;

import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.camelav.media.AvErrors;
import org.camelav.media.MediaItem;
import org.camelav.media.StreamInfo;
import org.camelav.media.UrlMasker;
import org.camelav.media.io.Interrupter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Demuxes an input and decodes the selected streams into {@link MediaItem}s, one per {@link #next()} call: PyAV's
 * {@code container.decode(...)} and {@code container.demux(...)} as a pull loop. Not thread-safe except
 * {@link #interrupt()}; the thread that reads is the one that closes.
 */
public final class MediaReader implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MediaReader.class);

    private final ReaderOptions opts;
    private final DeliveryOptions delivery;
    private final MediaInput input;
    private final Map<Integer, StreamChain> selected = new LinkedHashMap<>();
    /** What {@link #selectedStreams()} returns: fixed once set up, so other threads never iterate {@code selected}. */
    private volatile List<StreamInfo> selectedInfo = List.of();
    /** Judges a live input that keeps its connection but gives no media; null for inputs with an end. */
    private SourceWatchdog watchdog;
    private volatile boolean starved;
    private final ArrayDeque<MediaItem> ready = new ArrayDeque<>();
    private final boolean lookahead;
    private AVPacket pkt;
    private boolean done;
    private boolean boundReached;
    private long emitted;
    private Double firstTime;
    private long startNanos;
    private volatile boolean interrupted;
    private Double firstDeliveredTime;

    private MediaReader(ReaderOptions opts, MediaInput input) {
        this.opts = opts;
        this.delivery = opts.delivery();
        this.input = input;
        // hold one item back on finite inputs so the last one can carry endOfStream; live inputs get no extra latency
        this.lookahead = !delivery.loop() && input.isFinite();
    }

    public static MediaReader open(ReaderOptions opts) {
        return open(opts, new Interrupter(opts.input().timeoutMillis()));
    }

    /** Opens with an interrupter created by the caller, which may stop the open from another thread. */
    public static MediaReader open(ReaderOptions opts, Interrupter interrupter) {
        MediaInput input = MediaInput.open(opts.input(), interrupter);
        MediaReader reader = new MediaReader(opts, input);
        try {
            reader.setUp();
            return reader;
        } catch (RuntimeException e) {
            reader.close();
            throw e;
        }
    }

    private void setUp() {
        List<Integer> group = StreamSelection.select(delivery.streams(), input).stream().distinct().toList();
        for (int index : group) {
            selected.put(index, new StreamChain(input.streams().get(index), input.stream(index), opts.decoding(),
                    delivery, opts.url(), group, this::accept));
        }
        selectedInfo = selected.values().stream().map(s -> s.info).toList();
        watchdog = input.isFinite() ? null : new SourceWatchdog(opts.input().timeoutMillis(), opts.url());
        if (!input.unusedOptions().isEmpty()) {
            LOG.warn("FFmpeg ignored format options {} for {}", input.unusedOptions().keySet(),
                    UrlMasker.mask(opts.url()));
        }
        pkt = av_packet_alloc();
        if (delivery.startTime() != null && delivery.startTime() > 0) {
            input.seek(delivery.startTime());
        }
    }

    public MediaInput input() {
        return input;
    }

    /**
     * The streams being delivered: an immutable list, safe to read from any thread (health checks, JMX, the dev
     * console) while this reader reads or closes.
     */
    public List<StreamInfo> selectedStreams() {
        return selectedInfo;
    }

    /**
     * True when {@link #next()} failed because a live source kept its connection but gave no media: every packet
     * rejected by the decoder, or nothing decoded for several timeouts (see SourceWatchdog). Safe from any thread.
     */
    public boolean starved() {
        return starved;
    }

    /** True when reading stopped at maxFrames or duration rather than at the end of the input. */
    public boolean reachedBound() {
        return boundReached;
    }

    /** Packets the decoder rejected as corrupt so far (each is skipped, as the ffmpeg CLI does). */
    public long decodeErrors() {
        return selected.values().stream().mapToLong(StreamChain::decodeErrors).sum();
    }

    /**
     * The next frame or packet, or null when the input has ended (or {@code maxFrames}/{@code duration} is reached).
     * Blocks while a live source has nothing new.
     */
    public MediaItem next() {
        if (watchdog == null) {
            return nextItem();
        }
        watchdog.resumed();
        try {
            return nextItem();
        } finally {
            watchdog.paused(); // a route that takes long over an item is not a stalled source
        }
    }

    private MediaItem nextItem() {
        while (true) {
            if (interrupted) {
                return null;
            }
            int hold = lookahead && !done ? 1 : 0;
            if (ready.size() > hold) {
                return emit(ready.poll());
            }
            if (done) {
                return null;
            }
            fill();
        }
    }

    private MediaItem emit(MediaItem item) {
        emitted++;
        if (done && ready.isEmpty()) {
            item = endOfStream(item);
        }
        if (delivery.maxFrames() > 0 && emitted >= delivery.maxFrames()) {
            boundReached = true;
            item = endOfStream(item);
            finish();
            releaseReady();
        }
        if (delivery.realtime()) {
            pace(item);
        }
        return item;
    }

    private void pace(MediaItem item) {
        Double t = item.time();
        if (t == null) {
            return;
        }
        if (firstTime == null) {
            // the clock starts at the input's start (or the seek point), as ffmpeg -re paces from the first packet:
            // items a filter dropped (select, fps) still take their time, so a frame at 4 s comes 4 s in
            Double origin = delivery.startTime() != null ? delivery.startTime() : input.startSeconds();
            firstTime = origin != null && origin <= t ? origin : t;
            startNanos = System.nanoTime();
        }
        long due = startNanos + (long) ((t - firstTime) * 1e9);
        long wait;
        while (!interrupted && (wait = due - System.nanoTime()) > 0) {
            LockSupport.parkNanos(Math.min(wait, 50_000_000L));
        }
    }

    /** Marks the end of reading; the item now last in the queue becomes the end-of-stream one. */
    private void finish() {
        done = true;
        MediaItem last = ready.pollLast();
        if (last != null) {
            ready.addLast(endOfStream(last));
        }
    }

    /**
     * The look-ahead learns that an item is the last only after queueing it: items are immutable, so the queued one
     * is replaced by the same data with the mark (nobody else holds it yet).
     */
    private static MediaItem endOfStream(MediaItem item) {
        return item.withProps(item.props().withEndOfStream());
    }

    private void fill() {
        if (!input.read(pkt)) {
            endOfInput();
            return;
        }
        try {
            StreamChain s = selected.get(pkt.stream_index());
            if (s != null) {
                s.push(pkt);
            }
        } finally {
            av_packet_unref(pkt);
        }
        if (watchdog != null) {
            try {
                watchdog.check(selected.values());
            } catch (RuntimeException e) {
                starved = true;
                throw e;
            }
        }
    }

    private void endOfInput() {
        selected.values().forEach(StreamChain::flush);
        for (StreamChain s : selected.values()) {
            if (s.decodes() && s.count() == 0 && s.decodeErrors() > 0) {
                // every packet was rejected: say so rather than end quietly with nothing
                throw AvErrors.exception("Stream #" + s.info.index() + " (" + s.info.codecName() + "): none of its "
                                         + s.decodeErrors() + " packets could be decoded", s.lastDecodeError(),
                        opts.url());
            }
        }
        if (delivery.loop() && !interrupted && !done) {
            rewind();
        } else {
            finish();
        }
    }

    /** Starts the input over; timestamps continue from where the previous pass ended, so they stay monotonic. */
    private void rewind() {
        input.seek(delivery.startTime() != null ? delivery.startTime() : 0);
        selected.values().forEach(StreamChain::rewind);
    }

    private void accept(StreamChain s, MediaItem item) {
        if (done) {
            item.release();
            return;
        }
        Double t = item.time();
        if (delivery.duration() != null && t != null) {
            double origin = delivery.startTime() != null ? delivery.startTime() : firstMediaTime(t);
            if (t >= origin + delivery.duration()) {
                boundReached = true;
                finish();
                item.release();
                return;
            }
        }
        ready.add(item);
        s.counted();
    }

    private double firstMediaTime(double t) {
        if (firstDeliveredTime == null) {
            firstDeliveredTime = t;
        }
        return firstDeliveredTime;
    }

    /** Thread-safe: ends a blocked read and makes {@link #next()} return null. */
    public void interrupt() {
        interrupted = true;
        input.interrupt();
    }

    /** Drops the items decoded but not yet returned, giving back what zero-copy frames hold. */
    private void releaseReady() {
        MediaItem item;
        while ((item = ready.poll()) != null) {
            item.release();
        }
    }

    @Override
    public void close() {
        releaseReady();
        selected.values().forEach(StreamChain::close);
        selected.clear();
        if (pkt != null) {
            av_packet_free(pkt);
            pkt = null;
        }
        input.close();
    }
}
