package org.camelav.media;

import java.util.Iterator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The passwords of the URLs this JVM opened, so that FFmpeg's log lines can be masked even where FFmpeg prints a
 * password outside any URL (an error naming the part of the authority it could not parse). FFmpeg's log callback has
 * no idea which input a line belongs to, so every line is checked against all of them; the set is bounded (a camera
 * fleet has a few distinct passwords, not thousands).
 */
public final class OpenedSecrets {

    private static final int MAX = 256;
    private static final Set<String> SECRETS = ConcurrentHashMap.newKeySet();

    private OpenedSecrets() {
    }

    /** Remembers the password of {@code url}'s user info, if it has one. */
    public static void remember(String url) {
        String password = UrlMasker.password(url);
        if (password != null && !password.isEmpty()) {
            if (SECRETS.size() >= MAX) { // forget an arbitrary one rather than grow without bound
                Iterator<String> it = SECRETS.iterator();
                if (it.hasNext()) {
                    it.next();
                    it.remove();
                }
            }
            SECRETS.add(password);
        }
    }

    /** {@code text} with every remembered password masked. */
    public static String mask(String text) {
        if (text == null || SECRETS.isEmpty()) {
            return text;
        }
        String out = text;
        for (String secret : SECRETS) {
            out = UrlMasker.maskLiteral(out, secret);
        }
        return out;
    }
}
