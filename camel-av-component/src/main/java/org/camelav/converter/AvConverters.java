package org.camelav.converter;

import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;

import org.apache.camel.Converter;
import org.camelav.media.MediaPacket;
import org.camelav.media.audio.AudioFrame;
import org.camelav.media.video.VideoFrame;
import org.camelav.media.video.VideoImages;

/**
 * Body conversions. {@code byte[]} of a video frame always means its raw pixels, tightly packed in the delivered pixel
 * format (PyAV's {@code to_ndarray}); of an audio frame its samples; of a packet its encoded bytes. A video frame and a
 * {@link BufferedImage} convert both ways (PyAV's {@code to_image}/{@code from_image}), so routes can hand frames to
 * Java2D code and the producer accepts images; encoded JPEG/PNG/WebP is the {@code av-image} data format's job.
 */
@Converter(generateLoader = true)
public final class AvConverters {

    private AvConverters() {
    }

    @Converter
    public static byte[] toBytes(VideoFrame frame) {
        return frame.data();
    }

    @Converter
    public static ByteBuffer toByteBuffer(VideoFrame frame) {
        return frame.buffer();
    }

    /** A TYPE_3BYTE_BGR image (TYPE_BYTE_GRAY for gray frames); other pixel formats go through swscale. */
    @Converter
    public static BufferedImage toBufferedImage(VideoFrame frame) {
        return VideoImages.toImage(frame);
    }

    /** A bgr24 (gray, or bgra for images with alpha) frame without timestamps. */
    @Converter
    public static VideoFrame toVideoFrame(BufferedImage image) {
        return VideoImages.fromImage(image);
    }

    @Converter
    public static byte[] toBytes(AudioFrame frame) {
        return frame.data();
    }

    /** A subtitle's plain text: what a viewer reads, one line per event. */
    @Converter
    public static String toText(org.camelav.media.subtitles.Subtitle subtitle) {
        return subtitle.text();
    }

    @Converter
    public static byte[] toBytes(MediaPacket packet) {
        return packet.data();
    }

    /**
     * A recording's listing as a JSON array of {type, start, end, duration, path, bytes}, gaps with type "gap", then its
     * events as {type "event", kind, label, start, end}.
     */
    @Converter
    public static String toJson(org.camelav.recording.Timeline timeline) {
        org.apache.camel.util.json.JsonArray a = new org.apache.camel.util.json.JsonArray();
        for (org.camelav.recording.TimelineEntry e : timeline) {
            org.apache.camel.util.json.JsonObject o = new org.apache.camel.util.json.JsonObject();
            o.put("type", e.isGap() ? "gap" : "recording");
            o.put("start", e.start().toString());
            o.put("end", e.end().toString());
            o.put("duration", e.duration());
            o.put("path", e.isGap() ? null : e.path().toString());
            o.put("bytes", e.bytes());
            a.add(o);
        }
        for (org.camelav.recording.TimelineEvent e : timeline.events()) {
            org.apache.camel.util.json.JsonObject o = new org.apache.camel.util.json.JsonObject();
            o.put("type", "event");
            o.put("kind", e.kind());
            o.put("label", e.label());
            o.put("start", e.start().toString());
            o.put("end", e.end().toString());
            a.add(o);
        }
        return a.toJson();
    }

    /**
     * A capability listing (operation=codecs, formats...) as a JSON array: names as strings, records as objects with
     * their component names as keys.
     */
    @Converter
    public static String toJson(org.camelav.component.AvCapabilities list) {
        return CapabilitiesJson.toJson(list);
    }

    /** A probe result as ffprobe-style JSON. */
    @Converter
    public static String toJson(org.camelav.media.container.MediaInfo info) {
        return MediaInfoJson.toJson(info);
    }
}
