package org.camelav.media;

import java.util.regex.Pattern;

/** Hides passwords in URLs before they reach a log line or an exception message. */
public final class UrlMasker {

    // scheme://user:password@host -> scheme://user:******@host
    private static final Pattern USER_INFO = Pattern.compile("(://[^/:@?#]*):[^@/?#]*@");
    // ...?password=secret&... (signed URLs, RTSP query credentials)
    private static final Pattern QUERY_SECRET
            = Pattern.compile("((?:password|passwd|pwd|token|secret|signature|sig)=)[^&]*", Pattern.CASE_INSENSITIVE);

    private UrlMasker() {
    }

    public static String mask(String url) {
        if (url == null) {
            return null;
        }
        String masked = USER_INFO.matcher(url).replaceAll("$1:******@");
        return QUERY_SECRET.matcher(masked).replaceAll("$1******");
    }
}
