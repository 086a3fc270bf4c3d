package org.camelav.media.codec;

import java.util.Map;

/** How to open a decoder: PyAV's {@code codec_context} knobs. Null fields keep FFmpeg's defaults. */
public record DecoderOptions(String codecName, SkipFrame skipFrame, ThreadType threadType, Integer threadCount,
        boolean lowDelay, Map<String, ?> codecOptions) {

    public static final DecoderOptions DEFAULTS = new DecoderOptions(null, null, null, null, false, Map.of());
}
