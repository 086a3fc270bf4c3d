package org.camelav.media;

import static org.bytedeco.ffmpeg.global.avutil.AV_DICT_IGNORE_SUFFIX;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_get;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;

import java.util.LinkedHashMap;
import java.util.Map;

import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVDictionaryEntry;

/**
 * Owns one AVDictionary of FFmpeg options. FFmpeg consumes the entries it recognises while opening a context and
 * leaves the rest; {@link #leftovers()} reports those so an unknown option name is never silently lost.
 */
public final class AvDictionary implements AutoCloseable {

    private final AVDictionary dict = new AVDictionary(null);

    public AvDictionary(Map<String, ?> options) {
        if (options != null) {
            options.forEach((k, v) -> put(k, v));
        }
    }

    public AvDictionary put(String key, Object value) {
        if (value != null) {
            AvErrors.check(av_dict_set(dict, key, String.valueOf(value), 0), "Invalid option " + key);
        }
        return this;
    }

    /** The native pointer, updated in place by FFmpeg calls that take {@code AVDictionary **}. */
    public AVDictionary pointer() {
        return dict;
    }

    /** The entries still present: after an open call, these are the options nobody recognised. */
    public Map<String, String> leftovers() {
        return entries(dict);
    }

    /** Copies any AVDictionary (stream or container metadata) into an ordered Java map. */
    public static Map<String, String> entries(AVDictionary d) {
        Map<String, String> out = new LinkedHashMap<>();
        if (d == null || d.isNull()) {
            return out;
        }
        AVDictionaryEntry e = null;
        while ((e = av_dict_get(d, "", e, AV_DICT_IGNORE_SUFFIX)) != null && !e.isNull()) {
            out.put(e.key().getString(), e.value().getString());
        }
        return out;
    }

    @Override
    public void close() {
        if (!dict.isNull()) {
            av_dict_free(dict);
        }
    }
}
