package org.camelav.springboot;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;

/** The example application itself, started as a user would with a typo or a wrong value on its command line. */
class BadAvOptionsFailStartUpTest {

    @Test
    void anInvalidLogLevelStopsTheApplicationNamingTheValuesAllowed() {
        String message = startFailure("--camel.component.av.log-level=NOISY");
        assertTrue(message.contains("camel.component.av.log-level=NOISY is not one of quiet, panic, fatal, error,"),
                message);
    }

    /** issue 32's typo: one failure naming it, as Camel's own starters report theirs. */
    @Test
    void aMisspeltOptionStopsTheApplicationNamingIt() {
        String message = startFailure("--camel.component.av.timeot=5000");
        assertTrue(message.contains("The elements [camel.component.av.timeot] were left unbound"), message);
    }

    @Test
    void anUnknownOptionStopsTheApplicationNamingIt() {
        String message = startFailure("--camel.component.av.no-such-option=1");
        assertTrue(message.contains("The elements [camel.component.av.no-such-option] were left unbound"), message);
    }

    private static String startFailure(String arg) {
        Throwable failure = assertThrows(Throwable.class, () -> SpringApplication.run(AvSpringBootApplication.class,
                arg, "--camel.main.run-controller=false", "--app.seconds=0.5",
                "--app.output=target/spring-boot-thumbs-bad"));
        StringBuilder all = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        // the failure is reported once: Spring's WARN prints this message, with a line per related cause (issue 32 §3)
        assertFalse(all.toString().contains("Related cause"), all.toString());
        return all.toString();
    }
}
