package org.camelav.media.container;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;

import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.camelav.media.AvErrors;
import org.camelav.media.AvException;
import org.camelav.media.FrameProps;
import org.camelav.media.MediaItem;
import org.camelav.media.MediaPacket;
import org.camelav.media.MediaType;
import org.camelav.media.Rational;
import org.camelav.media.StreamInfo;
import org.camelav.media.UrlMasker;
import org.camelav.media.audio.AudioConverter;
import org.camelav.media.codec.Decoder;
import org.camelav.media.filter.VideoFilter;
import org.camelav.media.io.Interrupter;
import org.camelav.media.video.VideoReformatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Demuxes an input and decodes the selected streams into {@link MediaItem}s, one per {@link #next()} call: PyAV's
 * {@code container.decode(...)} and {@code container.demux(...)} as a pull loop. Not thread-safe except
 * {@link #interrupt()}; the thread that reads is the one that closes.
 */
public final class MediaReader implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MediaReader.class);
    private static final int AV_FRAME_FLAG_KEY = 1 << 1; // not exported by the presets

    private final ReaderOptions opts;
    private final MediaInput input;
    private final Map<Integer, StreamState> selected = new LinkedHashMap<>();
    private final ArrayDeque<MediaItem> ready = new ArrayDeque<>();
    private final boolean lookahead;
    private AVPacket pkt;
    private AVFrame frame;
    private AVFrame filtered;
    private boolean done;
    private boolean boundReached;
    private long emitted;
    private long decodeErrors;
    private Double firstTime;
    private long startNanos;
    private volatile boolean interrupted;
    private List<Integer> group = List.of();
    private Double firstDeliveredTime;

    /** Per selected stream: its decoder chain and counters. */
    private static final class StreamState implements AutoCloseable {
        final StreamInfo info;
        Decoder decoder;
        VideoFilter filter;
        VideoReformatter reformatter;
        AudioConverter audio;
        long count;
        long decodeErrors;
        int lastDecodeError;
        Long firstRawPts;
        long ptsOffset;
        long lastEnd = Long.MIN_VALUE;

        StreamState(StreamInfo info) {
            this.info = info;
        }

        @Override
        public void close() {
            if (filter != null) {
                filter.close();
            }
            if (reformatter != null) {
                reformatter.close();
            }
            if (audio != null) {
                audio.close();
            }
            if (decoder != null) {
                decoder.close();
            }
        }
    }

    private MediaReader(ReaderOptions opts, MediaInput input) {
        this.opts = opts;
        this.input = input;
        // hold one item back on finite inputs so the last one can carry endOfStream; live inputs get no extra latency
        this.lookahead = !opts.loop() && input.isFinite();
    }

    public static MediaReader open(ReaderOptions opts) {
        return open(opts, new Interrupter(opts.timeoutMillis()));
    }

    /** Opens with an interrupter created by the caller, which may stop the open from another thread. */
    public static MediaReader open(ReaderOptions opts, Interrupter interrupter) {
        MediaInput input = MediaInput.open(opts, interrupter);
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
        for (int index : StreamSelection.select(opts.streams(), input)) {
            StreamState s = new StreamState(input.streams().get(index));
            selected.put(index, s);
            if (!opts.packets() && (s.info.mediaType() == MediaType.VIDEO || s.info.mediaType() == MediaType.AUDIO)) {
                s.decoder = new Decoder(input.stream(index), opts.decoderOptions(), opts.url());
                if (!s.decoder.unusedOptions().isEmpty()) {
                    LOG.warn("Decoder {} ignored options {} for {}", s.decoder.name(),
                            s.decoder.unusedOptions().keySet(), UrlMasker.mask(opts.url()));
                }
                if (s.info.mediaType() == MediaType.VIDEO) {
                    s.filter = opts.filter() == null || opts.filter().isBlank() ? null : new VideoFilter(opts.filter());
                    s.reformatter = new VideoReformatter(opts.pixelFormat(), opts.width(), opts.height(),
                            opts.interpolation(), opts.zeroCopy());
                } else {
                    s.audio = new AudioConverter(opts.sampleFormat(), opts.sampleRate(), opts.channelLayout());
                }
            }
        }
        if (!input.unusedOptions().isEmpty()) {
            LOG.warn("FFmpeg ignored format options {} for {}", input.unusedOptions().keySet(),
                    UrlMasker.mask(opts.url()));
        }
        group = List.copyOf(selected.keySet());
        pkt = av_packet_alloc();
        frame = av_frame_alloc();
        filtered = av_frame_alloc();
        if (opts.startTime() != null && opts.startTime() > 0) {
            input.seek(opts.startTime());
        }
    }

    public MediaInput input() {
        return input;
    }

    /** The streams being delivered. */
    public List<StreamInfo> selectedStreams() {
        return selected.values().stream().map(s -> s.info).toList();
    }

    /** True when reading stopped at maxFrames or duration rather than at the end of the input. */
    public boolean reachedBound() {
        return boundReached;
    }

    /** Packets the decoder rejected as corrupt so far (each is skipped, as the ffmpeg CLI does). */
    public long decodeErrors() {
        return decodeErrors;
    }

    /**
     * The next frame or packet, or null when the input has ended (or {@code maxFrames}/{@code duration} is reached).
     * Blocks while a live source has nothing new.
     */
    public MediaItem next() {
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
        if (opts.maxFrames() > 0 && emitted >= opts.maxFrames()) {
            boundReached = true;
            item = endOfStream(item);
            finish();
            releaseReady();
        }
        if (opts.realtime()) {
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
            firstTime = t;
            startNanos = System.nanoTime();
            return;
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
            StreamState s = selected.get(pkt.stream_index());
            if (s == null) {
                return;
            }
            if (s.decoder == null) {
                accept(s, packetItem(s));
            } else {
                int ret = s.decoder.send(pkt);
                if (ret < 0 && ret != AvErrors.EAGAIN) {
                    decodeError(s, ret);
                }
                drain(s);
            }
        } finally {
            av_packet_unref(pkt);
        }
    }

    /** Counts a packet or picture the decoder rejected as corrupt; it is skipped. */
    private void decodeError(StreamState s, int ret) {
        decodeErrors++;
        s.decodeErrors++;
        s.lastDecodeError = ret;
        LOG.debug("Skipping data of stream #{} the decoder rejected: {}", s.info.index(), AvErrors.describe(ret));
    }

    private void endOfInput() {
        for (StreamState s : selected.values()) {
            if (s.decoder != null) {
                s.decoder.send(null);
                drain(s);
            }
            if (s.audio != null && s.lastEnd != Long.MIN_VALUE) {
                accept(s, s.audio.flush(props(s, s.lastEnd - s.ptsOffset, AV_NOPTS_VALUE, 0, true, s.info.timeBase())));
            }
        }
        for (StreamState s : selected.values()) {
            if (s.decoder != null && s.count == 0 && s.decodeErrors > 0) {
                // every packet was rejected: say so rather than end quietly with nothing
                throw new AvException("Stream #" + s.info.index() + " (" + s.info.codecName() + "): none of its "
                                      + s.decodeErrors + " packets could be decoded", s.lastDecodeError, opts.url());
            }
        }
        if (opts.loop() && !interrupted && !done) {
            rewind();
        } else {
            finish();
        }
    }

    /** Starts the input over; timestamps continue from where the previous pass ended, so they stay monotonic. */
    private void rewind() {
        input.seek(opts.startTime() != null ? opts.startTime() : 0);
        for (StreamState s : selected.values()) {
            if (s.decoder != null) {
                s.decoder.flush();
            }
            if (s.firstRawPts != null && s.lastEnd != Long.MIN_VALUE) {
                s.ptsOffset = s.lastEnd - s.firstRawPts;
            }
        }
    }

    private void drain(StreamState s) {
        while (true) {
            Decoder.Status st = s.decoder.receive(frame);
            if (st == Decoder.Status.ERROR) {
                decodeError(s, s.decoder.lastError());
                return; // go on with the next packet, as the CLI does
            }
            if (st != Decoder.Status.FRAME) {
                if (st == Decoder.Status.EOF && s.filter != null) {
                    s.filter.push(null, s.info.timeBase());
                    pullFiltered(s);
                }
                return;
            }
            try {
                if (s.filter != null) {
                    s.filter.push(frame, s.info.timeBase());
                    pullFiltered(s);
                } else {
                    accept(s, frameItem(s, frame, s.info.timeBase(), true));
                }
            } finally {
                av_frame_unref(frame);
            }
        }
    }

    private void pullFiltered(StreamState s) {
        while (s.filter.pull(filtered)) {
            try {
                accept(s, frameItem(s, filtered, s.filter.outputTimeBase(), false));
            } finally {
                av_frame_unref(filtered);
            }
        }
    }

    private void accept(StreamState s, MediaItem item) {
        if (item == null) {
            return;
        }
        if (done) {
            item.release();
            return;
        }
        Double t = item.time();
        if (opts.duration() != null && t != null) {
            double origin = opts.startTime() != null ? opts.startTime() : firstMediaTime(t);
            if (t >= origin + opts.duration()) {
                boundReached = true;
                finish();
                item.release();
                return;
            }
        }
        ready.add(item);
        s.count++;
    }

    private double firstMediaTime(double t) {
        if (firstDeliveredTime == null) {
            firstDeliveredTime = t;
        }
        return firstDeliveredTime;
    }

    private FrameProps props(StreamState s, long rawPts, long rawDts, long duration, boolean key,
            Rational tb) {
        if (s.firstRawPts == null && rawPts != AV_NOPTS_VALUE) {
            s.firstRawPts = rawPts;
        }
        Long pts = rawPts == AV_NOPTS_VALUE ? null : rawPts + s.ptsOffset;
        Long dts = rawDts == AV_NOPTS_VALUE ? null : rawDts + s.ptsOffset;
        if (pts != null) {
            s.lastEnd = Math.max(s.lastEnd, pts + Math.max(duration, 1));
        }
        return new FrameProps(s.info.index(), pts, dts, duration, tb, key, s.count, s.info, group, false, false);
    }

    private MediaItem packetItem(StreamState s) {
        byte[] data = new byte[pkt.size()];
        if (data.length > 0) {
            pkt.data().get(data);
        }
        boolean key = (pkt.flags() & AV_PKT_FLAG_KEY) != 0;
        return new MediaPacket(props(s, pkt.pts(), pkt.dts(), pkt.duration(), key, s.info.timeBase()),
                s.info.mediaType(), data, pkt.flags());
    }

    /** @param decoded true for a decoder's frame (best_effort_timestamp is valid), false for a filter's output */
    private MediaItem frameItem(StreamState s, AVFrame f, Rational tb, boolean decoded) {
        long pts = decoded && f.best_effort_timestamp() != AV_NOPTS_VALUE ? f.best_effort_timestamp() : f.pts();
        boolean key = (f.flags() & AV_FRAME_FLAG_KEY) != 0;
        if (opts.startTime() != null && pts != AV_NOPTS_VALUE && tb.isValid()
            && (pts + s.ptsOffset) * tb.toDouble() < opts.startTime() - 1e-9) {
            return null; // decoded only to reach the exact start time
        }
        FrameProps t = props(s, pts, f.pkt_dts(), f.duration(), key, tb);
        if (s.reformatter != null) {
            return s.reformatter.frame(f, t);
        }
        return s.audio.convert(f, t);
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
        selected.values().forEach(StreamState::close);
        selected.clear();
        if (pkt != null) {
            av_packet_free(pkt);
            pkt = null;
        }
        if (frame != null) {
            av_frame_free(frame);
            frame = null;
        }
        if (filtered != null) {
            av_frame_free(filtered);
            filtered = null;
        }
        input.close();
    }
}
