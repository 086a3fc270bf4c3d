package org.camelav.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

/** %Z in a recording path: the short zone name C's strftime writes, never a region id with a slash. */
class ZoneAbbreviationTest {

    private static final Instant WINTER = Instant.parse("2026-01-15T10:00:00Z");
    private static final Instant SUMMER = Instant.parse("2026-07-15T10:00:00Z");

    private static String z(String zone, Instant at) {
        return new PathPattern("/rec/%Z/%H.ts", ZoneId.of(zone)).format(at);
    }

    @Test
    void asStrftimeWritesIt() {
        assertEquals("/rec/UTC/10.ts", z("Etc/UTC", WINTER));
        assertEquals("/rec/UTC/10.ts", z("UTC", WINTER));
        assertEquals("/rec/UTC/10.ts", new PathPattern("/rec/%Z/%H.ts", ZoneOffset.UTC).format(WINTER));
        assertEquals("/rec/CET/11.ts", z("Europe/Berlin", WINTER));
        assertEquals("/rec/CEST/12.ts", z("Europe/Berlin", SUMMER));
        // Java's names come from CLDR, C's from tzdata: where tzdata dropped an abbreviation they differ (Dubai: C
        // writes +04, Java GST); either way one folder level, no slash
        for (String zone : ZoneId.getAvailableZoneIds()) {
            String path = z(zone, WINTER);
            assertEquals(3, path.chars().filter(c -> c == '/').count(), zone + ": " + path);
        }
    }
}
