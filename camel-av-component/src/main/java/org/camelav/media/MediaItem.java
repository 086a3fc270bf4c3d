package org.camelav.media;

import org.camelav.media.video.VideoFrame;

/**
 * What the consumer emits and the producer accepts: a decoded frame or a demuxed packet. Items own their data in
 * Java memory, so they stay valid after the next one arrives and need no release; the exception are video frames
 * read with {@code zeroCopy}, which are valid until {@link #release()} (see {@link VideoFrame}). Timestamps are in
 * {@link #timeBase()} units and null where FFmpeg has none.
 */
public abstract class MediaItem {

    private final int streamIndex;
    private final Long pts;
    private final Long dts;
    private final long duration;
    private final Rational timeBase;
    private final boolean keyFrame;
    private final long frameIndex;
    private final StreamInfo stream;
    private boolean endOfStream;
    private boolean discontinuity;
    private final java.util.List<Integer> streamGroup;

    protected MediaItem(Timing t) {
        this.streamIndex = t.streamIndex;
        this.pts = t.pts;
        this.dts = t.dts;
        this.duration = t.duration;
        this.timeBase = t.timeBase == null ? Rational.ZERO : t.timeBase;
        this.keyFrame = t.keyFrame;
        this.frameIndex = t.frameIndex;
        this.stream = t.stream;
        this.endOfStream = t.endOfStream;
        this.streamGroup = t.streamGroup == null ? java.util.List.of(t.streamIndex) : t.streamGroup;
    }

    public abstract MediaType mediaType();

    /** An item with the same content that stays valid after {@link #release()}: this one unless it is leased. */
    public MediaItem copy() {
        return this;
    }

    /** Gives back native memory a zero-copy item still refers to; idempotent, and a no-op for owned items. */
    public void release() {
    }

    public int streamIndex() {
        return streamIndex;
    }

    public Long pts() {
        return pts;
    }

    public Long dts() {
        return dts;
    }

    public long duration() {
        return duration;
    }

    public Rational timeBase() {
        return timeBase;
    }

    /** pts in seconds, or null. */
    public Double time() {
        return pts == null || !timeBase.isValid() ? null : pts * timeBase.toDouble();
    }

    public boolean keyFrame() {
        return keyFrame;
    }

    /** 0-based count of items of this stream delivered so far. */
    public long frameIndex() {
        return frameIndex;
    }

    /** The source stream's facts; null for items built by hand. */
    public StreamInfo stream() {
        return stream;
    }

    /** True on the last item of a finite input. */
    public boolean endOfStream() {
        return endOfStream;
    }

    /**
     * Indexes of all the streams the source delivers together with this one (e.g. its video and audio). A producer
     * waits for an item of each before writing the output header.
     */
    public java.util.List<Integer> streamGroup() {
        return streamGroup;
    }

    /** True on the first item after a reconnect: timestamps restart from whatever the source sends. */
    public boolean discontinuity() {
        return discontinuity;
    }

    public void markDiscontinuity() {
        discontinuity = true;
    }

    public void markEndOfStream() {
        endOfStream = true;
    }

    /** A copy of this item's timing and provenance, for an item derived from it (e.g. a reformatted frame). */
    public Timing timing() {
        return new Timing().streamIndex(streamIndex).pts(pts).dts(dts).duration(duration).timeBase(timeBase)
                .keyFrame(keyFrame).frameIndex(frameIndex).stream(stream).endOfStream(endOfStream);
    }

    /** Timing and provenance shared by every item; a mutable builder so each subclass constructor stays short. */
    public static final class Timing {
        int streamIndex;
        Long pts;
        Long dts;
        long duration;
        Rational timeBase;
        boolean keyFrame;
        long frameIndex;
        StreamInfo stream;
        boolean endOfStream;
        java.util.List<Integer> streamGroup;

        public Timing streamGroup(java.util.List<Integer> v) {
            streamGroup = v;
            return this;
        }

        public Timing streamIndex(int v) {
            streamIndex = v;
            return this;
        }

        public Timing pts(Long v) {
            pts = v;
            return this;
        }

        public Timing dts(Long v) {
            dts = v;
            return this;
        }

        public Timing duration(long v) {
            duration = v;
            return this;
        }

        public Timing timeBase(Rational v) {
            timeBase = v;
            return this;
        }

        public Timing keyFrame(boolean v) {
            keyFrame = v;
            return this;
        }

        public Timing frameIndex(long v) {
            frameIndex = v;
            return this;
        }

        public Timing stream(StreamInfo v) {
            stream = v;
            return this;
        }

        public Timing endOfStream(boolean v) {
            endOfStream = v;
            return this;
        }
    }
}
