package org.camelav.media.container;

import java.util.Map;

import org.camelav.media.io.IoAdapter;

/**
 * How to open an output: what PyAV's {@code av.open(file, "w", format=..., options=..., timeout=...)} takes. What
 * {@link MediaWriter} creates its {@link MediaOutput} and writes its header with, and nothing about the streams in it.
 * Built by {@link WriterOptions.Builder}; the option map is unmodifiable and in key order.
 *
 * @param url           the output; with a {@link #sink} it only names the output and hints the format (set
 *                      {@link #format} when it cannot)
 * @param sink          write the output into this adapter (a stream or an in-memory result) instead of opening the
 *                      url; the writer closes it
 * @param format        muxer name ({@code -f}); null guesses from the file name
 * @param formatOptions muxer and protocol options (AVDictionary), given to the header write
 * @param timeoutMillis bound on opening and on each write, in milliseconds; 0 for none
 */
public record OutputOptions(String url, IoAdapter sink, String format, Map<String, Object> formatOptions,
        long timeoutMillis) {

    public OutputOptions {
        formatOptions = OptionMaps.sorted(formatOptions);
    }
}
