package org.camelav.media.container;

/**
 * How much of an untrusted input may be read. Each bound is checked as the input is read and ends it with an
 * {@link org.camelav.media.AvRefusedException} naming the bound; 0 means none.
 *
 * @param maxBytes   bytes of the input itself (a message body)
 * @param maxSeconds media seconds, from the stream's start, of any packet
 * @param maxPackets demuxed packets, all streams together (one per video or audio frame)
 * @param maxPixels  pixels of a video stream's pictures, checked on the stream's header before anything is decoded
 */
public record InputLimits(long maxBytes, double maxSeconds, long maxPackets, long maxPixels) {

    public static final InputLimits NONE = new InputLimits(0, 0, 0, 0);

    public InputLimits {
        if (maxBytes < 0 || maxSeconds < 0 || maxPackets < 0 || maxPixels < 0) {
            throw new IllegalArgumentException("Input bounds are 0 (none) or positive");
        }
    }
}
