package org.camelav.component;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.apache.camel.util.URISupport;

/**
 * URI decoding tuned for FFmpeg. The component reads its URIs raw and decodes them once here, because Camel's default
 * decoding would (a) turn {@code +} into a space, breaking {@code movflags=+faststart} and {@code fflags=+genpts}, and
 * (b) decode the path twice, breaking image-sequence patterns such as {@code frame-%2503d.jpg}. The path also keeps
 * FFmpeg's image2 patterns ({@code %d}, {@code %03d}, {@code %04d}) as users write them: see {@link #decodePath}.
 */
final class AvUris {

    private AvUris() {
    }

    /** Decodes each {@code %XX} once (UTF-8) and nothing else: {@code +} stays a plus. */
    static String decode(String s) {
        return decode(s, false);
    }

    /**
     * The endpoint path, decoded as {@link #decode} does except that an image2 frame-number pattern ({@code %}, digits,
     * {@code d}: {@code %d}, {@code %03d}, {@code %04d}) stays as written, since it would otherwise decode to a control
     * byte ({@code %04} is U+0004). {@code %25} is always an escaped {@code %}, so {@code %2503d} still means
     * {@code %03d}. A path that still decodes to a control character fails: no file or URL name wants one.
     *
     * @throws IllegalArgumentException for a control character in the decoded path
     */
    static String decodePath(String s) {
        String path = decode(s, true);
        if (path != null) {
            for (int i = 0; i < path.length(); i++) {
                char c = path.charAt(i);
                if (c < 0x20 || c == 0x7f) {
                    throw new IllegalArgumentException(String.format("av: the path %s decodes to control character"
                            + " U+%04X at position %d; write a literal %% as %%25 (image2 patterns such as %%04d may"
                            + " be written as they are)", s, (int) c, i));
                }
            }
        }
        return path;
    }

    private static String decode(String s, boolean keepPatterns) {
        if (s == null || s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        byte[] in = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < in.length; i++) {
            int pattern = keepPatterns ? imagePatternEnd(in, i) : -1;
            if (pattern > 0) {
                out.write(in, i, pattern - i);
                i = pattern - 1;
            } else if (in[i] == '%' && i + 2 < in.length && hex(in[i + 1]) >= 0 && hex(in[i + 2]) >= 0) {
                out.write(hex(in[i + 1]) * 16 + hex(in[i + 2]));
                i += 2;
            } else {
                out.write(in[i]);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The end of an image2 pattern ({@code %}, digits, {@code d}) starting at {@code i} but not at a {@code %25}; else -1. */
    private static int imagePatternEnd(byte[] in, int i) {
        if (in[i] != '%' || i + 2 < in.length && in[i + 1] == '2' && in[i + 2] == '5') {
            return -1;
        }
        int j = i + 1;
        while (j < in.length && in[j] >= '0' && in[j] <= '9') {
            j++;
        }
        return j < in.length && in[j] == 'd' ? j + 1 : -1;
    }

    private static int hex(byte b) {
        return Character.digit((char) b, 16);
    }

    /** Decodes every non-RAW value once (the {@code url} option as a path), then unwraps {@code RAW(...)} values. */
    static void decodeParameters(Map<String, Object> parameters) {
        parameters.replaceAll((k, v) -> v instanceof String s && !isRaw(s) ? ("url".equals(k) ? decodePath(s)
                : decode(s)) : v);
        URISupport.resolveRawParameterValues(parameters);
    }

    private static boolean isRaw(String s) {
        return (s.startsWith("RAW(") && s.endsWith(")")) || (s.startsWith("RAW{") && s.endsWith("}"));
    }
}
