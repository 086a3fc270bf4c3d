package org.camelav.media;

/**
 * Reading or writing failed below the media: a file or socket error (EIO, EPIPE, EACCES, ENOSPC), a refused, reset
 * or unreachable connection (ECONNREFUSED, ECONNRESET, ENETUNREACH, EHOSTUNREACH...), or an HTTP error other than
 * 404 (4xx, 5xx). Built by {@link AvErrors#exception}; keeps the AVERROR code, FFmpeg's text and the masked URL as
 * {@link AvException}.
 */
public class AvIoException extends AvException {

    public AvIoException(String message, int errorCode, String url) {
        super(message, errorCode, url);
    }
}
