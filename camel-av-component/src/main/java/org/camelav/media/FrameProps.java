package org.camelav.media;

import java.util.List;

/**
 * Everything a {@link MediaItem} carries besides its data: timing, provenance and the stream marks. One immutable
 * record that an item derived from another (a copy, a reformatted frame) takes whole, as FFmpeg's
 * {@code av_frame_copy_props} and PyAV's {@code _copy_internal_attributes} carry a frame's properties over, so no
 * field can be forgotten on the way.
 *
 * @param streamIndex   index of the source stream
 * @param pts           presentation timestamp in {@code timeBase} units, null when FFmpeg has none
 * @param dts           decoding timestamp, null when FFmpeg has none
 * @param duration      duration in {@code timeBase} units, 0 when unknown
 * @param timeBase      the unit of the timestamps; {@link Rational#ZERO} when unknown, never null
 * @param keyFrame      key frame or key packet
 * @param frameIndex    0-based count of the items of this stream delivered before this one
 * @param stream        the source stream's facts, null for items built by hand
 * @param streamGroup   indexes of all the streams the source delivers together with this one; never null, at least
 *                      {@code streamIndex}
 * @param endOfStream   the last item of a finite input
 * @param discontinuity the first item after a reconnect: timestamps restart from whatever the source sends
 */
public record FrameProps(int streamIndex, Long pts, Long dts, long duration, Rational timeBase, boolean keyFrame,
        long frameIndex, StreamInfo stream, List<Integer> streamGroup, boolean endOfStream, boolean discontinuity) {

    /** The properties of an item built by hand: stream 0, no timestamps. */
    public static final FrameProps NONE = timestamp(null, null);

    public FrameProps {
        timeBase = timeBase == null ? Rational.ZERO : timeBase;
        // List.copyOf returns an immutable list as it is, so a reader's shared group costs nothing per item
        streamGroup = streamGroup == null ? List.of(streamIndex) : List.copyOf(streamGroup);
    }

    /** Stream 0, with {@code pts} in {@code timeBase} units (both may be null): a hand-made item's properties. */
    public static FrameProps timestamp(Long pts, Rational timeBase) {
        return new FrameProps(0, pts, null, 0, timeBase, false, 0, null, null, false, false);
    }

    public FrameProps withEndOfStream() {
        return endOfStream ? this : new FrameProps(streamIndex, pts, dts, duration, timeBase, keyFrame, frameIndex,
                stream, streamGroup, true, discontinuity);
    }

    public FrameProps withDiscontinuity() {
        return discontinuity ? this : new FrameProps(streamIndex, pts, dts, duration, timeBase, keyFrame, frameIndex,
                stream, streamGroup, endOfStream, true);
    }

    /** pts in seconds, or null. */
    public Double time() {
        return pts == null || !timeBase.isValid() ? null : pts * timeBase.toDouble();
    }
}
