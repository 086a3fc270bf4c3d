package org.camelav.recording;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a recorder's file names back into their wall-clock start: the inverse of {@link PathPattern#format}, used to
 * rebuild an index from a folder when its file is missing. Names hold whole seconds, so a rebuilt start is exact to the
 * second at best (to the day or hour for a pattern with no seconds); {@code -1}, {@code -2}... of {@link FileClaim} are
 * allowed before the extension.
 */
final class PatternNames {

    private final Pattern regex;
    private final List<Character> fields = new ArrayList<>();
    private final ZoneId zone;

    PatternNames(PathPattern pattern, ZoneId zone) {
        this.zone = zone;
        String p = Path.of(pattern.pattern()).toAbsolutePath().toString();
        int dot = p.lastIndexOf('.');
        int slash = p.lastIndexOf('/');
        String stem = dot > slash ? p.substring(0, dot) : p;
        String ext = dot > slash ? p.substring(dot) : "";
        this.regex = Pattern.compile(toRegex(stem) + "(?:-\\d+)?" + Pattern.quote(ext));
    }

    private String toRegex(String p) {
        StringBuilder sb = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c != '%' || i + 1 == p.length()) {
                literal.append(c);
                continue;
            }
            char f = p.charAt(++i);
            if (f == '%') {
                literal.append('%');
                continue;
            }
            sb.append(Pattern.quote(literal.toString()));
            literal.setLength(0);
            fields.add(f);
            sb.append(switch (f) {
                case 'Y' -> "(\\d{4})";
                case 'y', 'm', 'd', 'H', 'M', 'S' -> "(\\d{2})";
                case 'e' -> "( ?\\d{1,2})";
                case 'j' -> "(\\d{3})";
                case 'F' -> "(\\d{4}-\\d{2}-\\d{2})";
                case 'T' -> "(\\d{2}:\\d{2}:\\d{2})";
                case 's' -> "(\\d+)";
                default -> "([^/]*?)"; // %Z: a zone name, not needed to place the file in time
            });
        }
        return sb.append(Pattern.quote(literal.toString())).toString();
    }

    /** The wall-clock start {@code file}'s name says, or null for a file this pattern did not name. */
    Instant start(Path file) {
        Matcher m = regex.matcher(file.toAbsolutePath().toString());
        if (!m.matches()) {
            return null;
        }
        int year = 1970, month = 1, day = 1, dayOfYear = 0, hour = 0, minute = 0, second = 0;
        for (int i = 0; i < fields.size(); i++) {
            String v = m.group(i + 1).trim();
            switch (fields.get(i)) {
                case 's' -> {
                    return Instant.ofEpochSecond(Long.parseLong(v));
                }
                case 'Y' -> year = Integer.parseInt(v);
                case 'y' -> year = 2000 + Integer.parseInt(v);
                case 'm' -> month = Integer.parseInt(v);
                case 'd', 'e' -> day = Integer.parseInt(v);
                case 'j' -> dayOfYear = Integer.parseInt(v);
                case 'H' -> hour = Integer.parseInt(v);
                case 'M' -> minute = Integer.parseInt(v);
                case 'S' -> second = Integer.parseInt(v);
                case 'F' -> {
                    LocalDate d = LocalDate.parse(v);
                    year = d.getYear();
                    month = d.getMonthValue();
                    day = d.getDayOfMonth();
                }
                case 'T' -> {
                    LocalTime t = LocalTime.parse(v);
                    hour = t.getHour();
                    minute = t.getMinute();
                    second = t.getSecond();
                }
                default -> {
                    // %Z
                }
            }
        }
        try {
            LocalDate date = dayOfYear > 0 ? LocalDate.ofYearDay(year, dayOfYear) : LocalDate.of(year, month, day);
            return LocalDateTime.of(date, LocalTime.of(hour, minute, second)).atZone(zone).toInstant();
        } catch (java.time.DateTimeException e) {
            return null; // digits in the right places that are no date
        }
    }
}
