package org.camelav.component;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.apache.camel.ResolveEndpointFailedException;
import org.apache.camel.spi.PropertyConfigurerGetter;
import org.apache.camel.spi.UriParam;
import org.camelav.media.UrlMasker;

/**
 * The checks Camel's binding leaves to the component. Camel reads a whole-number option through its duration parser,
 * so {@code maxFrames=abc} would silently become 0: a whole-number option must be a number (the millisecond options
 * are typed {@code java.time.Duration} in the catalog, as camel-kafka's are, so Camel parses {@code 5s} or fails). And an FFmpeg URL's own query ({@code rtsp://cam/live?channel=1
 * &subtype=0}) reaches the endpoint as parameters no av option claims: for network URLs they go back into the URL, in
 * the order written, which is what makes such URIs valid for Camel's catalog tools (the endpoint is lenient there).
 */
final class AvUriParameters {

    private static final Pattern WHOLE = Pattern.compile("[-+]?\\d+");
    private static final Pattern DURATION = Pattern.compile("(?i)(\\d+h)?(\\d+m(?!s))?(\\d+s)?(\\d+ms)?");
    private static final PropertyConfigurerGetter OPTIONS = new AvEndpointConfigurer();
    private static final Set<String> NAMES = new AvEndpointUriFactory().propertyNames();
    /** Options typed java.time.Duration in the catalog: milliseconds, or Camel's duration text (5s, 1m30s). */
    private static final Set<String> DURATIONS = Arrays.stream(AvConfiguration.class.getDeclaredFields())
            .filter(f -> f.isAnnotationPresent(UriParam.class)
                         && "java.time.Duration".equals(f.getAnnotation(UriParam.class).javaType()))
            .map(Field::getName).collect(Collectors.toUnmodifiableSet());

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
            boolean duration = DURATIONS.contains(e.getKey());
            if (!WHOLE.matcher(t).matches() && !(duration && isDuration(t))) {
                throw new ResolveEndpointFailedException(uri, "option " + e.getKey() + "=" + text + " is not a whole"
                        + " number" + (duration ? " of milliseconds (or a duration such as 5s)" : ""));
            }
        }
    }

    /** Camel's duration text (1h2m3s4ms, any part optional); its own parser reads unknown text as 0 instead of failing. */
    private static boolean isDuration(String text) {
        return !text.isEmpty() && DURATION.matcher(text).matches();
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
     * Fails when a parameter no option took is a likely misspelling of one ({@code maxFrame}, {@code timout},
     * {@code formatOption.rtsp_transport}). On a network URL it would otherwise go to the server unnoticed; on other
     * paths Camel would fail it without naming the option meant. A name the server really wants goes, with its whole
     * URL, into the {@code url} option as {@code RAW(...)}, where no parameter is parsed.
     */
    static void checkTypos(String uri, String url, Set<String> unclaimed) {
        for (String name : unclaimed) {
            String meant = likelyMeant(name);
            if (meant != null) {
                throw new ResolveEndpointFailedException(uri, name + " is no av option: did you mean " + meant
                        + "? A parameter of that name meant for the server goes with the whole URL into the url"
                        + " option: av:name?url=RAW(" + UrlMasker.mask(url) + (url.indexOf('?') < 0 ? "?" : "&")
                        + name + "=...)");
            }
        }
    }

    /**
     * The av option an unclaimed name was probably meant to be ({@code maxFrame}, {@code MaxFrames},
     * {@code formatOption.x}), or null. Near means within two edits (a swap of neighbours is one), case ignored, and
     * at most one edit per three characters: short camera parameters (go2rtc's {@code src}, {@code mute}) are a few
     * edits from some option without being meant for it.
     */
    static String likelyMeant(String name) {
        int dot = name.indexOf('.');
        String head = dot < 0 ? name : name.substring(0, dot);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String option : NAMES) {
            int d = distance(head.toLowerCase(Locale.ROOT), option.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = option;
                bestDistance = d;
            }
        }
        boolean near = bestDistance <= 2 && bestDistance * 3 <= head.length();
        return near && !best.equals(head) ? best + (dot < 0 ? "" : name.substring(dot)) : null;
    }

    /**
     * Edit distance with adjacent transpositions (optimal string alignment): {@code widht} is one edit from
     * {@code width}, as a typist sees it, not two.
     */
    private static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    private static String unraw(String s) {
        boolean raw = (s.startsWith("RAW(") && s.endsWith(")")) || (s.startsWith("RAW{") && s.endsWith("}"));
        return raw ? s.substring(4, s.length() - 1) : s;
    }
}
