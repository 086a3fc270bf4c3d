package org.camelav.media.container;

import java.util.Map;

import org.camelav.media.io.IoAdapter;
import org.camelav.media.video.Interpolation;

/** Everything {@link MediaWriter} needs, one field per producer URI option. */
public final class WriterOptions {

    public String url;
    /**
     * Write the output into this adapter (a stream or an in-memory result) instead of opening {@link #url}, which then
     * only names the output and hints the format (set {@link #format} when it cannot). The writer closes it.
     */
    public IoAdapter sink;
    /** Muxer name ({@code -f}); null guesses from the file name. */
    public String format;
    public Map<String, ?> formatOptions = Map.of();
    public Map<String, ?> codecOptions = Map.of();
    /** Video encoder; {@code h264} picks libx264 when present, else libopenh264. */
    public String codec;
    public String pixelFormat;
    public int width;
    public int height;
    public Interpolation interpolation;
    public long bitRate;
    public int gopSize;
    /** e.g. {@code 25} or {@code 30000/1001}; null: the source's average rate, else 25. */
    public String frameRate;
    public Integer maxBFrames;
    public String audioCodec;
    public long audioBitRate;
    public int sampleRate;
    public String channelLayout;
    public long timeoutMillis;
    public Timestamps timestamps = Timestamps.SOURCE;
    /** Keep source timestamps as they are instead of starting the output at zero ({@code ffmpeg -copyts}). */
    public boolean copyTimestamps;
    /**
     * How long to hold the first items back while waiting for the other streams of the same source to show up, so that
     * all of them are in the header (a container's stream list is fixed once written).
     */
    public int streamWaitItems = 500;

    /** Where video frame timestamps come from. */
    public enum Timestamps {
        /** The frame's own pts (rescaled); frames without one are numbered at the frame rate. */
        SOURCE,
        /** Number frames at the frame rate, ignoring their pts: a constant-frame-rate output. */
        FRAME_RATE,
        /** Elapsed wall-clock time since the first frame: for live sources of raw images. */
        WALLCLOCK
    }

    public static WriterOptions of(String url) {
        WriterOptions o = new WriterOptions();
        o.url = url;
        return o;
    }
}
