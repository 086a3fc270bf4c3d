package org.camelav.media;

/**
 * FFmpeg found data it cannot parse or decode: a damaged or truncated file, bytes that are no known format, a
 * bitstream error (AVERROR_INVALIDDATA). Built by {@link AvErrors#exception}; keeps the AVERROR code, FFmpeg's text
 * and the masked URL as {@link AvException}.
 */
public class AvInvalidDataException extends AvException {

    public AvInvalidDataException(String message, int errorCode, String url) {
        super(message, errorCode, url);
    }
}
