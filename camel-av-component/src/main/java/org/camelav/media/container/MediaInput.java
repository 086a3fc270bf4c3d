package org.camelav.media.container;

import static org.bytedeco.ffmpeg.global.avformat.AVSEEK_FLAG_BACKWARD;
import static org.bytedeco.ffmpeg.global.avformat.av_find_best_stream;
import static org.bytedeco.ffmpeg.global.avformat.av_find_input_format;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_seek_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.AV_TIME_BASE;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVInputFormat;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.camelav.media.AvDictionary;
import org.camelav.media.AvErrors;
import org.camelav.media.AvRefusedException;
import org.camelav.media.AvException;
import org.camelav.media.Ffmpeg;
import org.camelav.media.MediaType;
import org.camelav.media.OpenedSecrets;
import org.camelav.media.StreamInfo;
import org.camelav.media.io.Interrupter;
import org.camelav.media.io.JavaIo;
import org.camelav.media.io.TooLongException;

/**
 * An opened input container (AVFormatContext): PyAV's {@code av.open(url)} in read mode. Opening and every read run
 * under an {@link Interrupter}, so {@link #interrupt()} from another thread, or the timeout, ends a blocked call.
 */
public final class MediaInput implements AutoCloseable {

    private static final int AVFMT_FLAG_CUSTOM_IO = 0x0080;

    /**
     * The most a close may take, in milliseconds, even after {@link #interrupt()} and even with a frozen peer. Closing
     * an RTSP input sends TEARDOWN; an interrupt that had already fired failed that write at once, so the camera went
     * on streaming to a client that was gone (cameras that allow 2-4 sessions then answer "453 Not Enough Bandwidth"
     * after fast reconnects). FFmpeg does not wait for the reply, so the window only bounds a write that cannot leave.
     */
    public static final long CLOSE_DEADLINE_MILLIS = 1_000;

    private final String url;
    private final Interrupter interrupter;
    private JavaIo io;
    private AVFormatContext ctx;
    private final List<StreamInfo> streams;
    private final Map<String, String> unusedOptions;
    /** A read timed out, but libavformat still returned a packet; the timeout is reported by the next read. */
    private boolean stalled;
    /**
     * A read of this input once timed out. libavformat keeps an AVIOContext's error and answers later reads with it
     * (AVERROR_EXIT) without asking the interrupt callback again, so a later read would otherwise report the timeout
     * as "Immediate exit requested" rather than as a timeout.
     */
    private boolean timedOutBefore;
    private InputLimits bounds = InputLimits.NONE;
    private long packets;
    private volatile Long realtimeStart;

    private MediaInput(String url, Interrupter interrupter, AVFormatContext ctx, Map<String, String> unused) {
        this.url = url;
        this.interrupter = interrupter;
        this.ctx = ctx;
        this.unusedOptions = unused;
        List<StreamInfo> list = new ArrayList<>();
        for (int i = 0; i < ctx.nb_streams(); i++) {
            list.add(StreamInfo.of(ctx, ctx.streams(i)));
        }
        this.streams = Collections.unmodifiableList(list);
    }

    /**
     * Opens {@code url} as {@code ffmpeg -f format [options] -i url} would.
     *
     * @param format        input format name ({@code lavfi}, {@code v4l2}, {@code rtsp}...), or null to probe
     * @param options       demuxer and protocol options (AVDictionary)
     * @param timeoutMillis bound on opening and on each read; 0 for none
     */
    public static MediaInput open(String url, String format, Map<String, ?> options, long timeoutMillis) {
        return open(url, format, options, new Interrupter(timeoutMillis));
    }

    /**
     * As {@link #open(String, String, Map, long)}, with an interrupter the caller created first, so that another
     * thread can stop an open that is still blocked (a dead camera). The input owns it from here on.
     */
    public static MediaInput open(String url, String format, Map<String, ?> options, Interrupter interrupter) {
        return open(url, null, format, options, 0, interrupter);
    }


    /**
     * Opens what {@code opts} describe: its {@link InputOptions#source} (a message body read through a custom
     * AVIOContext; the URL is then only a name and a format hint) or its URL, fenced by its {@link InputPolicy} (see
     * {@link InputOpener}). The input owns {@code interrupter}.
     */
    public static MediaInput open(InputOptions opts, Interrupter interrupter) {
        return InputOpener.open(opts, interrupter);
    }

    /** The bounds of the policy it was opened under, applied to every read. */
    void bounded(InputLimits bounds) {
        this.bounds = bounds;
    }

    /** Opens {@code url}, or {@code io} when it is not null (owned from here on, closed on failure). */
    static MediaInput open(String url, JavaIo io, String format, Map<String, ?> options, long maxPixels,
            Interrupter interrupter) {
        try {
            MediaInput in = openContext(url, io, format, options, maxPixels, interrupter);
            in.io = io;
            return in;
        } catch (RuntimeException e) {
            if (io != null) {
                io.close();
            }
            interrupter.close();
            throw e;
        }
    }

    private static MediaInput openContext(String url, JavaIo io, String format, Map<String, ?> options,
            long maxPixels, Interrupter interrupter) {
        Ffmpeg.init();
        OpenedSecrets.remember(url); // before FFmpeg can log a line that repeats the password
        AVInputFormat fmt = null;
        if (format != null && !format.isBlank()) {
            fmt = av_find_input_format(format);
            if (fmt == null || fmt.isNull()) {
                // maybe a device (lavfi, v4l2...): FFmpeg's devices are registered on first need
                Ffmpeg.requireDevices(format);
                fmt = av_find_input_format(format);
            }
            if (fmt == null || fmt.isNull()) {
                throw AvErrors.exception("Unknown input format '" + format + "'", AvErrors.DEMUXER_NOT_FOUND, url);
            }
        } else if (io == null && Ffmpeg.mayBeDevice(url)) {
            Ffmpeg.devicesAvailable(); // so that FFmpeg's probe can find v4l2 for /dev/video0
        }
        if (interrupter.isStopped()) {
            throw AvErrors.exception("Interrupted before opening", AvErrors.EXIT, url);
        }
        AVFormatContext ctx = avformat_alloc_context();
        interrupter.install(ctx);
        if (io != null) {
            ctx.pb(io.context());
            ctx.flags(ctx.flags() | AVFMT_FLAG_CUSTOM_IO);
        }
        try (AvDictionary dict = new AvDictionary(options)) {
            int ret = avformat_open_input(ctx, io != null ? "" : url, fmt, dict.pointer());
            if (ret < 0) {
                // on failure avformat_open_input has freed the context and nulled our pointer
                boolean timedOut = interrupter.timedOut();
                throw AvErrors.exception(timedOut ? "Open timed out" : "Cannot open input", ret, url, timedOut);
            }
            Map<String, String> unused = dict.leftovers();
            // a header's picture size, before find_stream_info reads (and allocates) a first frame of that size
            InputPolicyChecks.checkPictures(maxPixels, ctx, url);
            interrupter.arm();
            ret = InputPolicyChecks.findStreamInfo(ctx, maxPixels, url);
            if (ret < 0) {
                throw AvErrors.exception("Cannot read stream information", ret, url, interrupter.timedOut());
            }
            return new MediaInput(url, interrupter, ctx, unused);
        } catch (RuntimeException e) {
            if (!ctx.isNull()) {
                interrupter.closing(CLOSE_DEADLINE_MILLIS); // PLAY may have been sent: TEARDOWN the session
                avformat_close_input(ctx);
            }
            throw e; // the caller closes the interrupter and the custom I/O
        }
    }

    public String url() {
        return url;
    }

    public List<StreamInfo> streams() {
        return streams;
    }

    /** Options FFmpeg did not recognise while opening. */
    public Map<String, String> unusedOptions() {
        return unusedOptions;
    }

    /** Container format name, e.g. {@code mov,mp4,m4a,3gp,3g2,mj2}. */
    public String formatName() {
        return ctx.iformat().name().getString();
    }

    public String formatLongName() {
        return ctx.iformat().long_name() == null ? null : ctx.iformat().long_name().getString();
    }

    /** Container start time in seconds, or null. */
    public Double startSeconds() {
        long s = ctx.start_time();
        return s == AV_NOPTS_VALUE ? null : s / (double) AV_TIME_BASE;
    }

    /** Container duration in seconds, or null when unknown (live sources). */
    public Double durationSeconds() {
        long d = ctx.duration();
        return d == AV_NOPTS_VALUE ? null : d / (double) AV_TIME_BASE;
    }

    /**
     * True for inputs with an end: files, message bodies and other seekable byte streams. Devices, lavfi sources and network streams
     * (RTSP, UDP, HLS live) are treated as live.
     */
    public boolean isFinite() {
        return io != null || ctx.pb() != null && !ctx.pb().isNull() && ctx.pb().seekable() != 0;
    }

    public long bitRate() {
        return ctx.bit_rate();
    }

    public Map<String, String> metadata() {
        return AvDictionary.entries(ctx.metadata());
    }

    /** The index FFmpeg considers best for a media type, or -1. */
    public int bestStream(MediaType type) {
        int ret = av_find_best_stream(ctx, type.av(), -1, -1, (AVCodec) null, 0);
        return ret < 0 ? -1 : ret;
    }

    AVStream stream(int index) {
        return ctx.streams(index);
    }

    /**
     * Reads the next packet into {@code pkt} (which the caller owns and unrefs).
     *
     * @return false at end of input
     * @throws AvException on a read error, a timeout or an interrupt
     */
    public boolean read(AVPacket pkt) {
        if (stalled) {
            throw AvErrors.exception("Read timed out", AvErrors.EXIT, url, true);
        }
        interrupter.arm();
        int ret = av_read_frame(ctx, pkt);
        timedOutBefore |= interrupter.timedOut();
        long realtime = ctx.start_time_realtime(); // RTSP sets it once the first RTCP sender report arrives
        if (realtime != AV_NOPTS_VALUE && realtime != 0) {
            realtimeStart = realtime;
        }
        if (ret >= 0 && interrupter.timedOut()) {
            // libavformat answers a failed read by flushing its parsers and returning the frame they held, so the
            // timeout would be lost and the next read would wait a whole timeout again: deliver this packet, then fail
            stalled = true;
        }
        if (ret >= 0) {
            interrupter.progressed();
        }
        if (ret == AvErrors.EOF) {
            return false;
        }
        if (ret < 0 && io != null && io.failure() instanceof TooLongException e) {
            throw new AvRefusedException("Refused input: " + e.getMessage(), url);
        }
        if (ret >= 0 && bounds != InputLimits.NONE) {
            InputPolicyChecks.checkPacket(bounds, ++packets, pkt, ctx.streams(pkt.stream_index()), url);
        }
        if (ret < 0) {
            // timedOut, not the code, tells a timeout from a stop: both end the call with AVERROR_EXIT
            boolean timedOut = interrupter.timedOut()
                               || ret == AvErrors.EXIT && timedOutBefore && !interrupter.isStopped();
            throw AvErrors.exception(timedOut ? "Read timed out" : "Cannot read packet", ret, url, timedOut);
        }
        return true;
    }

    /** True when a read timed out but still returned a packet: the next read fails as the timeout. */
    boolean stalled() {
        return stalled;
    }

    /**
     * FFmpeg's {@code start_time_realtime}: the wall clock, in microseconds since the Unix epoch, at which pts 0 was
     * captured (an RTSP camera's RTCP clock), or null while the source has told none. Safe from any thread.
     */
    public Long realtimeStartMicros() {
        return realtimeStart;
    }

    /** Seeks to the key frame at or before {@code seconds} (from the container start). */
    public void seek(double seconds) {
        long ts = (long) (seconds * AV_TIME_BASE);
        if (ctx.start_time() != AV_NOPTS_VALUE) {
            ts += ctx.start_time();
        }
        interrupter.arm();
        int ret = av_seek_frame(ctx, -1, ts, AVSEEK_FLAG_BACKWARD);
        if (ret < 0) {
            throw AvErrors.exception("Cannot seek to " + seconds + " s", ret, url, interrupter.timedOut());
        }
    }

    /**
     * Thread-safe: makes a blocked open/read return now, and every later one fail fast. It does not cut
     * {@link #close()} short: that still says goodbye to the source, within {@link #CLOSE_DEADLINE_MILLIS}.
     */
    public void interrupt() {
        interrupter.stop();
    }

    /**
     * Frees the input; an RTSP camera gets its TEARDOWN. Takes at most {@link #CLOSE_DEADLINE_MILLIS}, plus the 0.1 s
     * FFmpeg's network waits take to ask the interrupt callback again.
     */
    @Override
    public synchronized void close() {
        if (ctx != null) {
            interrupter.closing(CLOSE_DEADLINE_MILLIS);
            avformat_close_input(ctx); // leaves a custom AVIOContext alone: ours to free
            ctx = null;
            interrupter.close();
            if (io != null) {
                io.close();
                io = null;
            }
        }
    }
}
