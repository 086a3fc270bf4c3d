package org.camelav.component;

import org.apache.camel.Message;
import org.camelav.media.MediaItem;
import org.camelav.media.Rational;
import org.camelav.media.StreamInfo;
import org.camelav.media.audio.AudioFrame;
import org.camelav.media.subtitles.Subtitle;
import org.camelav.media.video.Rotation;
import org.camelav.media.video.VideoFrame;

/**
 * How a media item becomes a Camel message, as camel-exec's ExecBinding maps a process result: the item is the body
 * and its facts are the {@code CamelAv*} headers of {@link AvConstants}. The consumer itself is threads and life
 * cycle only.
 */
final class AvBinding {

    private AvBinding() {
    }

    /**
     * The item as body and its facts as headers; {@code realtimeStart} (the connection's RTCP wall clock, microseconds)
     * when the source has one. The values that are the same for every item of a stream (time base text, codec name,
     * rotation) come from {@code facts}, which computes them once per stream: the rotation reads the display matrix out
     * of the stream's side data, which showed in the live row's profile (issue 35).
     */
    static void toMessage(MediaItem item, Long realtimeStart, Message m, StreamFacts facts) {
        m.setBody(item);
        m.setHeader(AvConstants.MEDIA_TYPE, item.mediaType().label());
        m.setHeader(AvConstants.STREAM_INDEX, item.streamIndex());
        m.setHeader(AvConstants.PTS, item.pts());
        m.setHeader(AvConstants.DTS, item.dts());
        m.setHeader(AvConstants.TIME_BASE, facts.timeBase(item.timeBase()));
        m.setHeader(AvConstants.TIME, item.time());
        m.setHeader(AvConstants.DURATION, item.duration());
        m.setHeader(AvConstants.KEY_FRAME, item.keyFrame());
        m.setHeader(AvConstants.FRAME_INDEX, item.frameIndex());
        m.setHeader(AvConstants.END_OF_STREAM, item.endOfStream());
        if (item.discontinuity()) {
            m.setHeader(AvConstants.DISCONTINUITY, true);
        }
        if (item.stream() != null) {
            m.setHeader(AvConstants.STREAM_INFO, item.stream());
            StreamInfo s = item.stream();
            m.setHeader(AvConstants.CODEC_NAME, facts.of(s).codecName);
            if (s.hwaccel() != null) {
                m.setHeader(AvConstants.HWACCEL, s.hwaccel());
            }
        }
        if (item instanceof VideoFrame v) {
            m.setHeader(AvConstants.WIDTH, v.width());
            m.setHeader(AvConstants.HEIGHT, v.height());
            m.setHeader(AvConstants.PIXEL_FORMAT, v.pixelFormat());
            m.setHeader(AvConstants.PICT_TYPE, v.pictType());
            m.setHeader(AvConstants.ROTATION, v.stream() == null ? 0 : facts.of(v.stream()).rotation);
            if (v.colorimetry().spaceName() != null) {
                m.setHeader(AvConstants.COLOR_SPACE, v.colorimetry().spaceName());
            }
            if (v.colorimetry().rangeName() != null) {
                m.setHeader(AvConstants.COLOR_RANGE, v.colorimetry().rangeName());
            }
            if (!v.sideData().isEmpty()) {
                m.setHeader(AvConstants.SIDE_DATA, v.sideData().names());
                if (v.sideData().motionVectors().count() > 0) {
                    m.setHeader(AvConstants.MOTION_VECTORS, v.sideData().motionVectors().count());
                }
            }
            if (!v.metadata().isEmpty()) {
                m.setHeader(AvConstants.FRAME_METADATA, v.metadata());
            }
        } else if (item instanceof AudioFrame a) {
            m.setHeader(AvConstants.SAMPLE_RATE, a.sampleRate());
            m.setHeader(AvConstants.CHANNELS, a.channels());
            m.setHeader(AvConstants.SAMPLE_FORMAT, a.sampleFormat());
            m.setHeader(AvConstants.SAMPLES, a.samples());
            if (!a.metadata().isEmpty()) {
                m.setHeader(AvConstants.FRAME_METADATA, a.metadata());
            }
        } else if (item instanceof Subtitle s) {
            m.setHeader(AvConstants.SUBTITLE_START, s.start());
            if (s.end() != null) {
                m.setHeader(AvConstants.SUBTITLE_END, s.end());
            }
        }
        if (realtimeStart != null) {
            m.setHeader(AvConstants.REALTIME_START, realtimeStart);
        }
    }

    /**
     * One consumer's per-stream header values, recomputed only when an item comes from another stream (or another
     * time base) than the last one: {@link StreamInfo} and {@link Rational} are immutable, so the same instance has the
     * same values. For the thread that emits; not thread-safe.
     */
    static final class StreamFacts {
        private StreamInfo stream;
        private String codecName;
        private int rotation;
        private Rational timeBase;
        private String timeBaseText;

        StreamFacts of(StreamInfo s) {
            if (s != stream) {
                codecName = s.decoder() != null ? s.decoder() : s.codecName();
                rotation = Rotation.degrees(s);
                stream = s;
            }
            return this;
        }

        String timeBase(Rational tb) {
            if (tb != timeBase) {
                timeBaseText = tb.toString();
                timeBase = tb;
            }
            return timeBaseText;
        }
    }

    /** Frames latestFrame dropped since the previous delivered one. */
    static void dropped(long droppedBefore, Message m) {
        m.setHeader(AvConstants.DROPPED_FRAMES, droppedBefore);
    }

    /** An input that ended having delivered nothing: an empty body marked as the end of the stream. */
    static void endedEmpty(Message m) {
        m.setBody(null);
        m.setHeader(AvConstants.END_OF_STREAM, true);
    }
}
