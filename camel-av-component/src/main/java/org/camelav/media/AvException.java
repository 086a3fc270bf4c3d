package org.camelav.media;

/**
 * Any failure reported by FFmpeg (or by the media layer on FFmpeg's behalf). Carries FFmpeg's own error text
 * ({@code av_strerror}), the numeric AVERROR code and the URL with credentials masked, so a route's error handler
 * can tell "connection refused" from "invalid data" without parsing strings.
 */
public class AvException extends RuntimeException {

    private final int errorCode;
    private final String url;
    /** The line FFmpeg logged for this failure (see FfmpegReason), or null; set once, as the exception is built. */
    private String ffmpegReason;

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

    /**
     * What happened, with FFmpeg's own line for it at the end when it logged one: {@code Cannot open input: Invalid
     * data found when processing input (AVERROR -1094995529) [in.mp4] (FFmpeg: [mov,mp4,m4a,3gp,3g2,mj2] moov atom not
     * found)}.
     */
    @Override
    public String getMessage() {
        return ffmpegReason == null ? super.getMessage() : super.getMessage() + " (FFmpeg: " + ffmpegReason + ")";
    }

    /** The line FFmpeg logged for this failure, credentials masked ("moov atom not found"), or null. */
    public String getFfmpegReason() {
        return ffmpegReason;
    }

    void setFfmpegReason(String reason) {
        this.ffmpegReason = reason;
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
