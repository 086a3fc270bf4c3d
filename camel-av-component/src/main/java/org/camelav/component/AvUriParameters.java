package org.camelav.component;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.apache.camel.ResolveEndpointFailedException;
import org.apache.camel.spi.PropertyConfigurerGetter;

/**
 * The checks Camel's binding leaves to the component. Camel reads a whole-number option through its duration parser,
 * so {@code maxFrames=abc} would silently become 0: a whole-number option must be a number (the millisecond options
 * may also be a Camel duration such as {@code 5s}). And an FFmpeg URL's own query ({@code rtsp://cam/live?channel=1
 * &subtype=0}) reaches the endpoint as parameters no av option claims: for network URLs they go back into the URL, in
 * the order written, which is what makes such URIs valid for Camel's catalog tools (the endpoint is lenient there).
 */
final class AvUriParameters {

    /** Millisecond options, which also take Camel's duration text. */
    private static final Set<String> MILLIS = Set.of("timeout", "reconnectDelay", "reconnectMaxDelay", "stopTimeout",
            "closeTimeout");
    private static final Pattern WHOLE = Pattern.compile("[-+]?\\d+");
    private static final Pattern DURATION = Pattern.compile("(?i)(\\d+h)?(\\d+m(?!s))?(\\d+s)?(\\d+ms)?");
    private static final PropertyConfigurerGetter OPTIONS = new AvEndpointConfigurer();
    private static final Set<String> NAMES = new AvEndpointUriFactory().propertyNames();

    private AvUriParameters() {
    }

    /** Fails naming the option when a whole-number option's text is no number. */
    static void checkNumbers(String uri, Map<String, Object> parameters) {
        for (Map.Entry<String, Object> e : parameters.entrySet()) {
            Class<?> type = OPTIONS.getOptionType(e.getKey(), true);
            if (!(e.getValue() instanceof String text) || text.startsWith("#") || !isWholeNumber(type)) {
                continue;
            }
            String t = text.trim();
            boolean ok = WHOLE.matcher(t).matches()
                         || (MILLIS.contains(e.getKey()) && !t.isEmpty() && DURATION.matcher(t).matches());
            if (!ok) {
                throw new ResolveEndpointFailedException(uri, "option " + e.getKey() + "=" + text + " is not a whole"
                        + " number" + (MILLIS.contains(e.getKey()) ? " of milliseconds (or a duration such as 5s)" : ""));
            }
        }
    }

    private static boolean isWholeNumber(Class<?> type) {
        return type == int.class || type == Integer.class || type == long.class || type == Long.class;
    }

    /** Whether the path is a URL whose server reads a query string of its own (rtsp, http, srt...; not file:). */
    static boolean hasOwnQuery(String url) {
        int colon = url.indexOf("://");
        return colon > 0 && !url.regionMatches(true, 0, "file", 0, colon);
    }

    /** Raw values of the parameters no option took, in the URI's order. */
    static Map<String, Object> unclaimed(Map<String, Object> raw, Map<String, Object> left) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : raw.entrySet()) {
            if (left.containsKey(e.getKey())) {
                out.put(e.getKey(), e.getValue());
            }
        }
        return out;
    }

    /** The URL with the unclaimed parameters appended to its query as they were written. */
    static String withQuery(String url, Map<String, Object> unclaimed) {
        StringBuilder sb = new StringBuilder(url);
        char sep = url.indexOf('?') < 0 ? '?' : '&';
        for (Map.Entry<String, Object> e : unclaimed.entrySet()) {
            List<Object> values = e.getValue() instanceof List<?> l ? new ArrayList<>(l) : List.of(e.getValue());
            for (Object v : values) {
                sb.append(sep).append(e.getKey());
                if (v != null && !v.toString().isEmpty()) {
                    sb.append('=').append(unraw(v.toString()));
                }
                sep = '&';
            }
        }
        return sb.toString();
    }

    /**
     * The av option an unclaimed name was probably meant to be ({@code maxFrame}, {@code MaxFrames},
     * {@code formatOption.x}), or null: on a network URL such a name would silently go to the server.
     */
    static String likelyMeant(String name) {
        int dot = name.indexOf('.');
        String head = dot < 0 ? name : name.substring(0, dot);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String option : NAMES) {
            int d = distance(head.toLowerCase(), option.toLowerCase());
            if (d < bestDistance) {
                best = option;
                bestDistance = d;
            }
        }
        // a short camera parameter (channel, token, subtype) is seldom near an option; demand a real likeness
        boolean near = bestDistance == 0 || (head.length() >= 5 && bestDistance <= Math.min(2, head.length() / 4));
        return near && !best.equals(head) ? best + (dot < 0 ? "" : name.substring(dot)) : null;
    }

    /** Levenshtein distance: the number of single-character edits between the two names. */
    private static int distance(String a, String b) {
        int[] row = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            row[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            int diagonal = row[0];
            row[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int up = row[j];
                row[j] = Math.min(Math.min(row[j] + 1, row[j - 1] + 1),
                        diagonal + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
                diagonal = up;
            }
        }
        return row[b.length()];
    }

    private static String unraw(String s) {
        boolean raw = (s.startsWith("RAW(") && s.endsWith(")")) || (s.startsWith("RAW{") && s.endsWith("}"));
        return raw ? s.substring(4, s.length() - 1) : s;
    }
}
