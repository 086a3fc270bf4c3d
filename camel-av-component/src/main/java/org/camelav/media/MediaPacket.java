package org.camelav.media;

import static org.bytedeco.ffmpeg.global.avcodec.av_new_packet;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;

import org.bytedeco.ffmpeg.avcodec.AVPacket;

/**
 * One demuxed, still encoded packet (PyAV's {@code Packet}). {@link #stream()} carries the codec parameters the
 * producer needs to remux it without re-encoding.
 */
public final class MediaPacket extends MediaItem {

    private final MediaType mediaType;
    private final byte[] data;
    private final int flags;

    public MediaPacket(FrameProps props, MediaType mediaType, byte[] data, int flags) {
        super(props);
        this.mediaType = mediaType;
        this.data = data;
        this.flags = flags;
    }

    @Override
    public MediaType mediaType() {
        return mediaType;
    }

    @Override
    public MediaPacket withProps(FrameProps props) {
        return new MediaPacket(props, mediaType, data, flags);
    }

    public byte[] data() {
        return data;
    }

    /** AV_PKT_FLAG_* bits. */
    public int flags() {
        return flags;
    }

    public int size() {
        return data.length;
    }

    /**
     * Fills an empty packet with this one's bytes and flags, stamped with the given timestamps (null: none), for a
     * decoder or a muxer. The caller owns {@code pkt} and unrefs it after use, also when this throws.
     */
    public void fill(AVPacket pkt, Long pts, Long dts) {
        AvErrors.check(av_new_packet(pkt, data.length), "Cannot allocate packet");
        if (data.length > 0) {
            pkt.data().put(data, 0, data.length);
        }
        pkt.pts(pts == null ? AV_NOPTS_VALUE : pts);
        pkt.dts(dts == null ? AV_NOPTS_VALUE : dts);
        pkt.flags(flags);
    }

    @Override
    public String toString() {
        return "MediaPacket[#" + streamIndex() + " " + mediaType.label() + " " + data.length + " bytes pts=" + pts()
                + " dts=" + dts() + (keyFrame() ? " key" : "") + "]";
    }
}
