package org.camelav.examples;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One byte range of an HTTP {@code Range: bytes=...} request header (RFC 9110 14.1.2), resolved against a file's size:
 * {@code first-last}, {@code first-} or the suffix {@code -length}. A multi-range request, or any other unit, is
 * answered whole (as the RFC allows a server to ignore Range); a range that lies beyond the file is unsatisfiable.
 */
record ByteRange(long first, long last) {

    /** Returned, by identity, for a range that starts beyond the file (answered 416). */
    static final ByteRange UNSATISFIABLE = new ByteRange(-1, -1);

    private static final Pattern SINGLE = Pattern.compile("bytes=(\\d*)-(\\d*)");

    /** The range to send, {@code null} for the whole file, or {@link #UNSATISFIABLE}. */
    static ByteRange of(String header, long size) {
        if (header == null) {
            return null;
        }
        Matcher m = SINGLE.matcher(header.trim());
        if (!m.matches() || m.group(1).isEmpty() && m.group(2).isEmpty()) {
            return null;
        }
        try {
            if (m.group(1).isEmpty()) { // the last N bytes
                long n = Long.parseLong(m.group(2));
                return n == 0 || size == 0 ? UNSATISFIABLE : new ByteRange(Math.max(0, size - n), size - 1);
            }
            long first = Long.parseLong(m.group(1));
            long last = m.group(2).isEmpty() ? size - 1 : Math.min(Long.parseLong(m.group(2)), size - 1);
            return first >= size || last < first ? UNSATISFIABLE : new ByteRange(first, last);
        } catch (NumberFormatException tooLong) {
            return UNSATISFIABLE;
        }
    }

    long length() {
        return last - first + 1;
    }

    String contentRange(long size) {
        return this == UNSATISFIABLE ? "bytes */" + size : "bytes " + first + "-" + last + "/" + size;
    }
}
