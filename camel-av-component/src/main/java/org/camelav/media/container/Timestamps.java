package org.camelav.media.container;

/** Where the timestamps of encoded video frames come from. */
public enum Timestamps {
    /** The frame's own pts (rescaled); frames without one are numbered at the frame rate. */
    SOURCE,
    /** Number frames at the frame rate, ignoring their pts: a constant-frame-rate output. */
    FRAME_RATE,
    /** Elapsed wall-clock time since the first frame: for live sources of raw images. */
    WALLCLOCK
}
