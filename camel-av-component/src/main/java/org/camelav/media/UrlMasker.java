package org.camelav.media;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place that hides secrets in text before it reaches a log line, an exception message or a Camel output:
 * the password in URL user info, secret query options, {@code Authorization:} header values, and (given the URL)
 * the literal password wherever FFmpeg echoes it. The mask is Camel's own ({@code xxxxxx}), so camel-av's lines read
 * like Camel's.
 * <p>
 * User info is split the way FFmpeg's {@code av_url_split} does: the authority runs from {@code ://} to the first
 * {@code /}, {@code ?} or {@code #}, and the credentials end at its LAST {@code @}; so {@code rtsp://admin:p@ss@cam/x}
 * is {@code admin} with password {@code p@ss}, not password {@code p} at host {@code ss@cam}.
 */
public final class UrlMasker {

    /** Camel's mask (URISupport.sanitizeUri), so that camel-av's lines read the same as Camel's. */
    public static final String MASK = "xxxxxx";

    /**
     * Options whose value is a secret: a key (a whole {@code a-z0-9_.-} word, so {@code formatOptions.passphrase},
     * {@code X-Amz-Signature} and {@code access_token} count) ending in one of these words; {@code sigma=} of a filter
     * or {@code design=} do not. RAW(...) values are masked whole, even holding {@code &}.
     */
    private static final Pattern QUERY_SECRET = Pattern.compile("(?<![A-Za-z0-9_.-])([A-Za-z0-9_.-]*(?:password"
            + "|passwd|passphrase|pwd|token|secret|secretkey|secret_key|privatekey|private_key|signature|sig|apikey"
            + "|api_key|accesskey|access_key|credentials?)=)(RAW\\([^)]*\\)|RAW\\{[^}]*\\}|[^&\\s'\"#]*)",
            Pattern.CASE_INSENSITIVE);
    /** {@code Authorization: Basic abc}, {@code Proxy-Authorization: Bearer abc} (FFmpeg's http debug lines). */
    private static final Pattern AUTHORIZATION
            = Pattern.compile("(?i)((?:proxy-)?authorization:[ \\t]*)(?:[A-Za-z-]+[ \\t]+)?[^\\s\"']+");
    /** Shorter literals are not masked on their own: they would blank unrelated words. */
    private static final int MIN_LITERAL = 4;

    private UrlMasker() {
    }

    /** {@code text} with every URL password, secret option and Authorization value replaced by {@link #MASK}. */
    public static String mask(String text) {
        if (text == null) {
            return null;
        }
        String masked = text.contains("://") ? maskUserInfo(text) : text;
        if (masked.indexOf('=') >= 0) {
            masked = QUERY_SECRET.matcher(masked).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK));
        }
        if (masked.toLowerCase(Locale.ROOT).contains("authorization")) {
            masked = AUTHORIZATION.matcher(masked).replaceAll("$1" + MASK);
        }
        return masked;
    }

    /**
     * {@code url} with its user info (user and password, FFmpeg's split) removed and secret options masked: for a URL
     * that is handed on as data (a probe's name), where even a masked user name has no business.
     */
    public static String withoutCredentials(String url) {
        if (url == null) {
            return null;
        }
        int scheme = url.indexOf("://");
        String stripped = url;
        if (scheme >= 0) {
            int start = scheme + 3;
            int at = url.lastIndexOf('@', authorityEnd(url, start) - 1);
            stripped = at >= start ? url.substring(0, start) + url.substring(at + 1) : url;
        }
        return mask(stripped);
    }

    /**
     * {@link #mask(String)}, and the password of {@code url} masked wherever it appears in {@code text} as it is,
     * percent-decoded or encoded: FFmpeg echoes the parts it failed on ("Failed to resolve hostname ...").
     */
    public static String mask(String text, String url) {
        return maskLiteral(mask(text), password(url));
    }

    /** {@code text} with every occurrence of {@code secret} (and its percent-decoded form) masked. */
    public static String maskLiteral(String text, String secret) {
        if (text == null || secret == null || secret.length() < MIN_LITERAL) {
            return text;
        }
        String out = text.replace(secret, MASK);
        String decoded = decode(secret);
        return decoded.length() >= MIN_LITERAL ? out.replace(decoded, MASK) : out;
    }

    /** The password of the URL's user info, split as FFmpeg splits it, or null when it has none. */
    public static String password(String url) {
        if (url == null) {
            return null;
        }
        int scheme = url.indexOf("://");
        if (scheme < 0) {
            return null;
        }
        int start = scheme + 3;
        int end = authorityEnd(url, start);
        int at = url.lastIndexOf('@', end - 1);
        if (at < start) {
            return null;
        }
        int colon = url.indexOf(':', start);
        return colon < 0 || colon > at ? null : url.substring(colon + 1, at);
    }

    /** Masks the password of each {@code scheme://user:password@host} in the text, FFmpeg's last-@ rule. */
    private static String maskUserInfo(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        int from = 0;
        int scheme;
        while ((scheme = text.indexOf("://", from)) >= 0) {
            int start = scheme + 3;
            int end = authorityEnd(text, start);
            int at = text.lastIndexOf('@', end - 1);
            int colon = text.indexOf(':', start);
            if (at >= start && colon >= 0 && colon < at) {
                sb.append(text, from, colon + 1).append(MASK);
                from = at; // the host and the rest are scanned on: they may hold another URL
            } else {
                sb.append(text, from, start);
                from = start;
            }
        }
        return sb.append(text, from, text.length()).toString();
    }

    /**
     * Where the authority starting at {@code start} ends: FFmpeg stops it at {@code /?#}, a line break ends a log line.
     * Not at a quote or a space: in {@code Opening 'http://u:p@h' for reading} running on only masks more, while a
     * password holding a quote would otherwise be printed.
     */
    private static int authorityEnd(String s, int start) {
        for (int i = start; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '/' || c == '?' || c == '#' || c == '\n' || c == '\r') {
                return i;
            }
        }
        return s.length();
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notEncoded) {
            return s;
        }
    }
}
