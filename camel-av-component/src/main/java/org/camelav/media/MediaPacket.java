package org.camelav.media;

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

    @Override
    public String toString() {
        return "MediaPacket[#" + streamIndex() + " " + mediaType.label() + " " + data.length + " bytes pts=" + pts()
                + " dts=" + dts() + (keyFrame() ? " key" : "") + "]";
    }
}
