package org.camelav.media.container;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/** FFmpeg option maps as the option records hold them. */
final class OptionMaps {

    private OptionMaps() {
    }

    /**
     * An unmodifiable copy in key order: FFmpeg sees the options, and logs any it ignores, in the same order on every
     * run, and no caller can change a record's options after the fact.
     */
    static Map<String, Object> sorted(Map<String, ?> options) {
        return options == null || options.isEmpty() ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(options));
    }
}
