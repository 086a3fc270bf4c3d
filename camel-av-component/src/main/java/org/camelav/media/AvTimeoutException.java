package org.camelav.media;

/**
 * A blocking open, read or write gave up because no I/O completed within the timeout: our interrupt callback ended
 * it (AVERROR_EXIT while the timeout had passed, never when the route was stopping) or FFmpeg's own socket timeout
 * did (ETIMEDOUT). Built by {@link AvErrors#exception}; keeps the AVERROR code, FFmpeg's text and the masked URL as
 * {@link AvException}.
 */
public class AvTimeoutException extends AvException {

    public AvTimeoutException(String message, int errorCode, String url) {
        super(message, errorCode, url);
    }
}
