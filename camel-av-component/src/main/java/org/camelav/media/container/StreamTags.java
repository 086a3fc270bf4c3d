package org.camelav.media.container;

import java.util.LinkedHashMap;
import java.util.Map;

import org.camelav.media.MediaType;

/**
 * Per-stream metadata the producer writes on its output streams, as {@code ffmpeg -metadata:s:v language=eng
 * -metadata:s:a title=Commentary} does (PyAV: {@code stream.metadata["language"]}): the track language (ISO 639-2,
 * e.g. {@code eng}, as MP4 and Matroska store it) and title of the video and of the audio streams.
 */
public record StreamTags(String videoLanguage, String videoTitle, String audioLanguage, String audioTitle) {

    public static final StreamTags NONE = new StreamTags(null, null, null, null);

    /** The tags for a stream of {@code type}; empty for none. */
    public Map<String, String> of(MediaType type) {
        Map<String, String> tags = new LinkedHashMap<>();
        if (type == MediaType.VIDEO) {
            put(tags, "language", videoLanguage);
            put(tags, "title", videoTitle);
        } else if (type == MediaType.AUDIO) {
            put(tags, "language", audioLanguage);
            put(tags, "title", audioTitle);
        }
        return tags;
    }

    private static void put(Map<String, String> tags, String key, String value) {
        if (value != null && !value.isBlank()) {
            tags.put(key, value);
        }
    }
}
