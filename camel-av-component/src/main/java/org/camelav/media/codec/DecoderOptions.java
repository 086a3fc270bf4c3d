package org.camelav.media.codec;

import java.util.Map;

/**
 * How to open a decoder: PyAV's {@code codec_context} knobs. Null fields keep FFmpeg's defaults.
 *
 * @param hwaccel decode on this hardware device; null: on the CPU
 */
public record DecoderOptions(String codecName, SkipFrame skipFrame, ThreadType threadType, Integer threadCount,
        boolean lowDelay, Map<String, ?> codecOptions, HwAccel hwaccel) {

    public static final DecoderOptions DEFAULTS = new DecoderOptions(null, null, null, null, false, Map.of(), null);

    public DecoderOptions withoutHwaccel() {
        return hwaccel == null ? this : new DecoderOptions(codecName, skipFrame, threadType, threadCount, lowDelay,
                codecOptions, null);
    }
}
