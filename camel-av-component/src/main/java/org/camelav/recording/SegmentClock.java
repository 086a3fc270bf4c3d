package org.camelav.recording;

/** Which wall clock names segments and clips. */
public enum SegmentClock {
    /**
     * The camera's clock: its RTCP sender-report wall clock (FFmpeg's {@code start_time_realtime}) when the source
     * has one, else the receive time of the first packet after each (re)connect; then advanced by the media
     * timestamps, so names follow the media and not network jitter.
     */
    CAMERA,
    /** The receive time of each segment's first packet on this machine. */
    LOCAL;

    public static SegmentClock of(String name) {
        return valueOf(name.trim().toUpperCase(java.util.Locale.ROOT));
    }
}
