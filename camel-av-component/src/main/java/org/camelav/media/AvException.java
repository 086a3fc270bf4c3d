package org.camelav.media;

/**
 * Any failure reported by FFmpeg (or by the media layer on FFmpeg's behalf). Carries FFmpeg's own error text
 * ({@code av_strerror}), the numeric AVERROR code and the URL with credentials masked, so a route's error handler
 * can tell "connection refused" from "invalid data" without parsing strings.
 */
public class AvException extends RuntimeException {

    private final int errorCode;
    private final String url;

    public AvException(String message) {
        this(message, 0, null);
    }

    public AvException(String message, int errorCode, String url) {
        super(compose(message, errorCode, url));
        this.errorCode = errorCode;
        this.url = url == null ? null : UrlMasker.mask(url);
    }

    private static String compose(String message, int errorCode, String url) {
        // the message may quote FFmpeg's own lines, which can repeat the URL or its password
        StringBuilder sb = new StringBuilder(OpenedSecrets.mask(UrlMasker.mask(message, url)));
        if (errorCode != 0) {
            sb.append(": ").append(AvErrors.describe(errorCode)).append(" (AVERROR ").append(errorCode).append(')');
        }
        if (url != null) {
            sb.append(" [").append(UrlMasker.mask(url)).append(']');
        }
        return sb.toString();
    }

    /** The negative AVERROR code, or 0 when the failure did not come from an FFmpeg call. */
    public int getErrorCode() {
        return errorCode;
    }

    /** The input or output URL, credentials masked; may be null. */
    public String getUrl() {
        return url;
    }

    /** True when FFmpeg gave up because our interrupt callback asked it to (timeout or stop). */
    public boolean isInterrupted() {
        return errorCode == AvErrors.EXIT;
    }
}
