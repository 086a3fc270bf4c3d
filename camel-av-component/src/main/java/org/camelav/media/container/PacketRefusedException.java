package org.camelav.media.container;

import org.camelav.media.AvUnsupportedException;

/**
 * The muxer refused one packet (AVERROR(EINVAL): timestamps it cannot take) without writing anything: the output is
 * intact and the next packet may go in. Only that write fails.
 */
public final class PacketRefusedException extends AvUnsupportedException {

    PacketRefusedException(String message, int errorCode, String url) {
        super(message, errorCode, url);
    }
}
