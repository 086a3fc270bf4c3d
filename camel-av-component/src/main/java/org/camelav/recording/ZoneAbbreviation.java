package org.camelav.recording;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The time zone as C's strftime writes {@code %Z}: the short name in force at that instant ("UTC", "CET", "CEST"),
 * or the offset ("+0530") where Java knows no abbreviation, never a region id such as "Etc/UTC", whose slash would
 * add a folder to a recording path. Java's names come from CLDR and C's from tzdata, so a few differ where tzdata
 * dropped an abbreviation (Asia/Dubai: C writes "+04", Java "GST").
 */
final class ZoneAbbreviation {

    private static final DateTimeFormatter SHORT = DateTimeFormatter.ofPattern("zzz", Locale.ROOT);
    /** Java's stand-in for a zone without an abbreviation: GMT+04:00, GMT-03:30. */
    private static final Pattern GMT_OFFSET = Pattern.compile("GMT([+-])(\\d{2}):(\\d{2})");

    private ZoneAbbreviation() {
    }

    static String of(ZonedDateTime t) {
        if (t.getOffset().equals(ZoneOffset.UTC) && (t.getZone() instanceof ZoneOffset || t.getZone().getId()
                .matches("(?i)(Etc/)?(UTC|UCT|Universal|Zulu)|Z"))) {
            return "UTC";
        }
        String name = SHORT.format(t);
        Matcher m = GMT_OFFSET.matcher(name);
        if (m.matches()) { // tzdata's numeric abbreviations: +04, +0530
            return m.group(1) + m.group(2) + ("00".equals(m.group(3)) ? "" : m.group(3));
        }
        return name.replace('/', '-').replace(':', '-');
    }
}
