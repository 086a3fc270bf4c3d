package org.camelav.media;

/**
 * Something named does not exist: a file (ENOENT), a device (ENODEV), a decoder, encoder, demuxer, muxer, protocol,
 * stream, filter, bitstream filter or option (AVERROR_*_NOT_FOUND), or an HTTP resource (404). Built by {@link
 * AvErrors#exception}; keeps the AVERROR code, FFmpeg's text and the masked URL as {@link AvException}.
 */
public class AvNotFoundException extends AvException {

    public AvNotFoundException(String message, int errorCode, String url) {
        super(message, errorCode, url);
    }
}
