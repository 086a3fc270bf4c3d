package org.camelav.media;

/**
 * Which bitstream filter chain runs on which packets, as {@code ffmpeg -bsf:v} and {@code -bsf:a} choose by stream
 * type. A chain is FFmpeg's syntax ({@code h264_mp4toannexb}, {@code filter_units=remove_types=6,dump_extra}).
 *
 * @param video chain for video packets, null for none
 * @param audio chain for audio packets, null for none
 */
public record BitStreamFilters(String video, String audio) {

    public static final BitStreamFilters NONE = new BitStreamFilters(null, null);

    public BitStreamFilters {
        video = video == null || video.isBlank() ? null : video.trim();
        audio = audio == null || audio.isBlank() ? null : audio.trim();
    }

    /** The chain for a stream of {@code type}, or null. */
    public String of(MediaType type) {
        return type == MediaType.VIDEO ? video : type == MediaType.AUDIO ? audio : null;
    }
}
