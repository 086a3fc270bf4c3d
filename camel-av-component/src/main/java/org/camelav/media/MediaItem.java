package org.camelav.media;

/**
 * What the consumer emits and the producer accepts: a decoded frame or a demuxed packet. Items own their data in
 * Java memory, so they stay valid after the next one arrives and need no release; the exception are video frames
 * read with {@code zeroCopy}, which are valid until {@link #release()} (see {@code video.VideoFrame}). Timestamps are in
 * {@link #timeBase()} units and null where FFmpeg has none.
 */
public abstract class MediaItem {

    private final FrameProps props;

    protected MediaItem(FrameProps props) {
        this.props = props == null ? FrameProps.NONE : props;
    }

    public abstract MediaType mediaType();

    /**
     * This item's data with other properties: the same type, sharing the data (a leased frame shares its lease, so
     * the item this replaces must not be used any more). Items are immutable, so the two marks that come late, end of
     * stream (the reader's look-ahead sees the end only after queueing the last item) and discontinuity (a reconnecting
     * reader sees the gap only after the new reader returned the item), are set by replacing the item with this.
     */
    public abstract MediaItem withProps(FrameProps props);

    /** Timing, provenance and stream marks, whole: what an item derived from this one takes over. */
    public FrameProps props() {
        return props;
    }

    /** An item with the same content that stays valid after {@link #release()}: this one unless it is leased. */
    public MediaItem copy() {
        return this;
    }

    /** Gives back native memory a zero-copy item still refers to; idempotent, and a no-op for owned items. */
    public void release() {
    }

    public int streamIndex() {
        return props.streamIndex();
    }

    public Long pts() {
        return props.pts();
    }

    public Long dts() {
        return props.dts();
    }

    public long duration() {
        return props.duration();
    }

    public Rational timeBase() {
        return props.timeBase();
    }

    /** pts in seconds, or null. */
    public Double time() {
        return props.time();
    }

    public boolean keyFrame() {
        return props.keyFrame();
    }

    /** 0-based count of items of this stream delivered so far. */
    public long frameIndex() {
        return props.frameIndex();
    }

    /** The source stream's facts; null for items built by hand. */
    public StreamInfo stream() {
        return props.stream();
    }

    /** True on the last item of a finite input. */
    public boolean endOfStream() {
        return props.endOfStream();
    }

    /**
     * Indexes of all the streams the source delivers together with this one (e.g. its video and audio). A producer
     * waits for an item of each before writing the output header.
     */
    public java.util.List<Integer> streamGroup() {
        return props.streamGroup();
    }

    /** True on the first item after a reconnect: timestamps restart from whatever the source sends. */
    public boolean discontinuity() {
        return props.discontinuity();
    }
}
