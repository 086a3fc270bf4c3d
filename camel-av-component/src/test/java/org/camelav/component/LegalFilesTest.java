package org.camelav.component;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The component's jar carries the Apache licence and a NOTICE that states the licence of the FFmpeg it loads. */
class LegalFilesTest {

    @Test
    void jarCarriesLicenseAndNotice() throws IOException {
        String license = own("META-INF/LICENSE", "Apache License");
        assertTrue(license.contains("Version 2.0, January 2004"), "the Apache License 2.0 text");
        String notice = own("META-INF/NOTICE", "camel-av");
        assertTrue(notice.contains("LGPL-2.1-or-later"), "FFmpeg's licence of the default natives");
        assertTrue(notice.contains("GPL-2.0-or-later") && notice.contains("-Dgpl"), "and of the -Dgpl natives");
    }

    /** The copy of {@code name} in this module's classes (other jars on the test class path have their own). */
    private static String own(String name, String marker) throws IOException {
        List<URL> urls = Collections.list(LegalFilesTest.class.getClassLoader().getResources(name));
        for (URL url : urls) {
            if (!url.getProtocol().equals("file")) {
                continue;
            }
            try (InputStream in = url.openStream()) {
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                if (text.contains(marker)) {
                    return text;
                }
            }
        }
        throw new AssertionError(name + " with '" + marker + "' not in the module's classes; found " + urls);
    }
}
