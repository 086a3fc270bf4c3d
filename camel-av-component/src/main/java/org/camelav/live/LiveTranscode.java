package org.camelav.live;

/**
 * When a camera's live video is re-encoded for browsers ({@code liveTranscode}): once per camera, while someone
 * watches, by a {@link LiveTranscoder}.
 */
public enum LiveTranscode {
    /** Video MSE does not play (anything but H.264 and H.265: MJPEG, MPEG-4...) is re-encoded to H.264. */
    AUTO,
    /** Every video is re-encoded (H.265 for a browser without HEVC, a camera's 10 s GOPs made 1 s). */
    ALWAYS,
    /** Never: a camera whose video browsers cannot play is refused, as before. */
    NEVER;

    /** {@code auto}, {@code always}, {@code never} (any case); null or blank: auto. */
    public static LiveTranscode of(String text) {
        return text == null || text.isBlank() ? AUTO : valueOf(text.trim().toUpperCase(java.util.Locale.ROOT));
    }
}
