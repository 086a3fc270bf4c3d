package org.camelav.media.io;


import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class InterrupterTest {

    @Test
    void remembersThatTheTimeoutFiredUntilRearmed() throws InterruptedException {
        try (Interrupter it = new Interrupter(50)) {
            assertFalse(it.shouldInterrupt());
            assertFalse(it.timeoutFired());
            Thread.sleep(80);
            assertTrue(it.shouldInterrupt());
            assertTrue(it.timeoutFired());
            assertTrue(it.isTimedOut());
            it.arm();
            assertFalse(it.timeoutFired());
            assertFalse(it.shouldInterrupt());
        }
    }

    @Test
    void aStopIsNotATimeout() {
        try (Interrupter it = new Interrupter(0)) {
            assertFalse(it.shouldInterrupt());
            it.stop();
            assertTrue(it.shouldInterrupt());
            assertFalse(it.timeoutFired());
            assertFalse(it.isTimedOut());
        }
    }
}
