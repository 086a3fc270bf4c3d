package org.camelav.media.container;

import java.util.Map;
import java.util.regex.Pattern;

import org.camelav.media.io.IoAdapter;

/**
 * How to open an input: what PyAV's {@code av.open(file, format=..., options=..., timeout=...)} takes, plus the
 * {@link InputPolicy} that fences it. What {@link MediaInput} and {@link InputOpener} need, and nothing about decoding
 * or delivery. Built by {@link ReaderOptions.Builder}; the option map is unmodifiable and in key order.
 *
 * @param url           the input; with a {@link #source} it only names the input in messages and hints the format
 * @param source        read the media from this adapter (a message body) instead of the url; used once: the reader
 *                      closes it
 * @param format        input format ({@code -f}), null to probe
 * @param formatOptions demuxer and protocol options (AVDictionary)
 * @param timeoutMillis bound on opening and on each read, in milliseconds; 0 for none
 * @param policy        what the input may open and which demuxers/decoders may read it; null: what its URL's scheme
 *                      needs (see {@link InputPolicy})
 */
public record InputOptions(String url, IoAdapter source, String format, Map<String, Object> formatOptions,
        long timeoutMillis, InputPolicy policy) {

    private static final Pattern NETWORK
            = Pattern.compile("(?i)^(rtsps?|rtmp[st]?|https?|udp|rtp|srt|tcp|tls|mmsh?|rist)://.*");

    public InputOptions {
        formatOptions = OptionMaps.sorted(formatOptions);
    }

    /** Network inputs and capture devices (not lavfi) can drop and come back: only they are reconnected. */
    public boolean isReconnectable() {
        if (source != null) {
            return false;
        }
        if (url != null && NETWORK.matcher(url).matches()) {
            return true;
        }
        return format != null && !format.isBlank() && !"lavfi".equals(format);
    }
}
