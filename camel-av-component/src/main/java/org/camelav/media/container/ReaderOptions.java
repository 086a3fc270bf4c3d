package org.camelav.media.container;

import java.util.Map;

import org.camelav.media.MediaItem;
import org.camelav.media.codec.DecoderOptions;
import org.camelav.media.codec.SkipFrame;
import org.camelav.media.codec.ThreadType;
import org.camelav.media.io.IoAdapter;
import org.camelav.media.video.Interpolation;
import org.camelav.media.video.VideoFrame;

/**
 * Everything {@link MediaReader} needs to open and read an input, one field per consumer URI option. A plain mutable
 * bean: the Camel endpoint fills it, tests build it directly.
 */
public final class ReaderOptions {

    public String url;
    /**
     * Read the media from this adapter (a message body) instead of {@link #url}, which then only names the input in
     * messages and hints the format. Used once: the reader closes it.
     */
    public IoAdapter source;
    /** Input format ({@code -f}), null to probe. */
    public String format;
    public Map<String, ?> formatOptions = Map.of();
    public Map<String, ?> codecOptions = Map.of();
    /** Deliver demuxed packets instead of decoded frames. */
    public boolean packets;
    /**
     * Which streams: comma-separated {@code video}, {@code audio}, {@code subtitle}, {@code data}, {@code all},
     * {@code best} (the best video and the best audio stream),
     * {@code video:1} (second video stream, PyAV's {@code decode(video=1)}) or a plain stream index. Null: the best
     * video stream, else the best audio stream.
     */
    public String streams;
    public String decoder;
    public SkipFrame skipFrame;
    public ThreadType threadType;
    public Integer threadCount;
    public boolean lowDelay;
    public String pixelFormat;
    /**
     * Video frames lease FFmpeg's picture (or a pooled buffer) instead of copying it into a Java array; the caller
     * must {@link MediaItem#release()} each one (see {@link VideoFrame}).
     */
    public boolean zeroCopy;
    public int width;
    public int height;
    public Interpolation interpolation;
    /** An FFmpeg video filter graph ({@code fps=5,scale=640:-1}) applied before pixel format and size conversion. */
    public String filter;
    public String sampleFormat;
    public int sampleRate;
    public String channelLayout;
    /** Seconds to seek to before reading; frames before it are decoded but not delivered. */
    public Double startTime;
    /** Stop after this many items (frames or packets, all streams); 0 for no limit. */
    public long maxFrames;
    /** Stop after this many seconds of media time; null for no limit. */
    public Double duration;
    /** Start over at end of input (files). */
    public boolean loop;
    /** Pace delivery to the media timestamps, like {@code ffmpeg -re}. */
    public boolean realtime;
    /** Bound on opening and on each read, in milliseconds; 0 for none. */
    public long timeoutMillis;

    private static final java.util.regex.Pattern NETWORK
            = java.util.regex.Pattern.compile("(?i)^(rtsps?|rtmp[st]?|https?|udp|rtp|srt|tcp|tls|mmsh?|rist)://.*");

    /** Network inputs and capture devices (not lavfi) can drop and come back: only they are reconnected. */
    public boolean isReconnectable() {
        if (source != null) {
            return false;
        }
        if (url != null && NETWORK.matcher(url).matches()) {
            return true;
        }
        return format != null && !format.isBlank() && !"lavfi".equals(format);
    }

    /** A copy, for a new connection with adjusted bounds. */
    public ReaderOptions copy() {
        ReaderOptions o = new ReaderOptions();
        for (java.lang.reflect.Field f : ReaderOptions.class.getFields()) {
            try {
                f.set(o, f.get(this));
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        return o;
    }

    public static ReaderOptions of(String url) {
        ReaderOptions o = new ReaderOptions();
        o.url = url;
        return o;
    }

    public DecoderOptions decoderOptions() {
        return new DecoderOptions(decoder, skipFrame, threadType, threadCount, lowDelay,
                codecOptions == null ? Map.of() : codecOptions);
    }
}
