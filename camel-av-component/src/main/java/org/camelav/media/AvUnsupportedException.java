package org.camelav.media;

/**
 * FFmpeg refused the configuration it was given: an option value it cannot parse or that is out of range (EINVAL,
 * ERANGE), a codec configuration it does not support (EINVAL from avcodec_open2, ENOSYS, AVERROR_PATCHWELCOME,
 * AVERROR_EXPERIMENTAL). EINVAL is FFmpeg's generic "Invalid argument": at run time it also means a value the
 * caller passed that FFmpeg rejects, such as a muxer refusing a non-increasing timestamp, so it lands here too, as
 * PyAV maps it to ArgumentError. Built by {@link AvErrors#exception}; keeps the AVERROR code, FFmpeg's text and the
 * masked URL as {@link AvException}.
 */
public class AvUnsupportedException extends AvException {

    public AvUnsupportedException(String message, int errorCode, String url) {
        super(message, errorCode, url);
    }
}
