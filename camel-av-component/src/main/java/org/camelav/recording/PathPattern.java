package org.camelav.recording;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * A file name pattern with strftime conversions ({@code /rec/cam1/%Y-%m-%d/cam1-%H%M%S.mp4}), formatted on a wall-clock
 * instant in the local time zone, as FFmpeg's segment muxer does with {@code -strftime 1}. Supported: %Y %y %m %d %H %M
 * %S %j %e %F %T %s (epoch seconds) %Z and %%.
 */
public final class PathPattern {

    private final String pattern;
    private final ZoneId zone;

    public PathPattern(String pattern, ZoneId zone) {
        if (pattern == null || pattern.isBlank()) {
            throw new IllegalArgumentException("recording needs a file name pattern");
        }
        this.pattern = pattern.startsWith("file:") ? pattern.substring(5) : pattern;
        this.zone = zone;
        format(Instant.EPOCH); // a bad conversion fails now, not on the first segment
    }

    public String pattern() {
        return pattern;
    }

    /** The time zone the conversions are formatted in. */
    public ZoneId zone() {
        return zone;
    }

    /** The deepest folder of the pattern without a conversion: everything below it is the recorder's tree. */
    public Path root() {
        Path p = Path.of(pattern).toAbsolutePath();
        Path root = p.getParent();
        for (Path q = p.getParent(); q != null; q = q.getParent()) {
            if (q.getFileName() != null && q.getFileName().toString().contains("%")) {
                root = q.getParent();
            }
        }
        return root;
    }

    /** The pattern with every conversion replaced by {@code at}'s fields. */
    public String format(Instant at) {
        ZonedDateTime t = at.atZone(zone);
        StringBuilder sb = new StringBuilder(pattern.length() + 16);
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c != '%') {
                sb.append(c);
                continue;
            }
            if (++i == pattern.length()) {
                throw new IllegalArgumentException("pattern ends with a lone %: " + pattern);
            }
            char f = pattern.charAt(i);
            switch (f) {
                case 'Y' -> sb.append(t.getYear());
                case 'y' -> two(sb, t.getYear() % 100);
                case 'm' -> two(sb, t.getMonthValue());
                case 'd' -> two(sb, t.getDayOfMonth());
                case 'e' -> sb.append(t.getDayOfMonth() < 10 ? " " : "").append(t.getDayOfMonth());
                case 'H' -> two(sb, t.getHour());
                case 'M' -> two(sb, t.getMinute());
                case 'S' -> two(sb, t.getSecond());
                case 'j' -> sb.append(String.format("%03d", t.getDayOfYear()));
                case 'F' -> sb.append(t.toLocalDate());
                case 'T' -> two(two(two(sb, t.getHour()).append(':'), t.getMinute()).append(':'), t.getSecond());
                case 's' -> sb.append(at.getEpochSecond());
                case 'Z' -> sb.append(ZoneAbbreviation.of(t)); // C's short name (UTC, CET), no folder
                case '%' -> sb.append('%');
                default -> throw new IllegalArgumentException("unsupported strftime conversion %" + f + " in " + pattern);
            }
        }
        return sb.toString();
    }

    /**
     * The file for a segment starting at {@code at}, its folders created and the file itself created empty and
     * exclusively. A name that already exists (a second segment within the same second, a file someone else wrote, a
     * writer racing this one) gets {@code -1}, {@code -2}... before its extension: recording never overwrites a file.
     */
    public Path resolve(Instant at) throws java.io.IOException {
        Path p = Path.of(format(at)).toAbsolutePath();
        if (p.getParent() != null) {
            Files.createDirectories(p.getParent());
        }
        return FileClaim.next(p);
    }

    private static StringBuilder two(StringBuilder sb, int v) {
        return sb.append(v < 10 ? "0" : "").append(v);
    }
}
