package org.camelav.component;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.apache.camel.util.URISupport;

/**
 * URI decoding tuned for FFmpeg. The component reads its URIs raw and decodes them once here, because Camel's default
 * decoding would (a) turn {@code +} into a space, breaking {@code movflags=+faststart} and {@code fflags=+genpts}, and
 * (b) decode the path twice, breaking image-sequence patterns such as {@code frame-%2503d.jpg}.
 */
final class AvUris {

    private AvUris() {
    }

    /** Decodes each {@code %XX} once (UTF-8) and nothing else: {@code +} stays a plus. */
    static String decode(String s) {
        if (s == null || s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        byte[] in = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < in.length; i++) {
            if (in[i] == '%' && i + 2 < in.length && hex(in[i + 1]) >= 0 && hex(in[i + 2]) >= 0) {
                out.write(hex(in[i + 1]) * 16 + hex(in[i + 2]));
                i += 2;
            } else {
                out.write(in[i]);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int hex(byte b) {
        return Character.digit((char) b, 16);
    }

    /** Decodes every non-RAW value once, then unwraps {@code RAW(...)} values untouched. */
    static void decodeParameters(Map<String, Object> parameters) {
        parameters.replaceAll((k, v) -> v instanceof String s && !isRaw(s) ? decode(s) : v);
        URISupport.resolveRawParameterValues(parameters);
    }

    private static boolean isRaw(String s) {
        return (s.startsWith("RAW(") && s.endsWith(")")) || (s.startsWith("RAW{") && s.endsWith("}"));
    }
}
