package org.camelav.media.io;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class InterrupterTest {

    @Test
    void remembersThatTheTimeoutFiredUntilRearmed() throws InterruptedException {
        try (Interrupter it = new Interrupter(50)) {
            assertFalse(it.shouldInterrupt());
            assertFalse(it.timedOut());
            Thread.sleep(80);
            assertTrue(it.shouldInterrupt());
            assertTrue(it.timedOut());
            it.arm();
            assertFalse(it.timedOut());
            assertFalse(it.shouldInterrupt());
        }
    }

    @Test
    void aStopIsNotATimeout() {
        try (Interrupter it = new Interrupter(0)) {
            assertFalse(it.shouldInterrupt());
            it.stop();
            assertTrue(it.shouldInterrupt());
            assertFalse(it.timedOut());
        }
    }

    @Test
    void closingGetsItsOwnWindowAfterAStop() throws InterruptedException {
        try (Interrupter it = new Interrupter(0)) {
            it.stop();
            assertTrue(it.shouldInterrupt());
            it.closing(100);
            assertFalse(it.shouldInterrupt(), "a stop that already fired must not fail the TEARDOWN write");
            it.stop();
            assertFalse(it.shouldInterrupt(), "a later stop does not cut the closing window short");
            Thread.sleep(150);
            assertTrue(it.shouldInterrupt(), "the window bounds the close, even with no read timeout");
        }
    }

    @Test
    void theReadTimeoutDoesNotLengthenTheClosingWindow() throws InterruptedException {
        try (Interrupter it = new Interrupter(60_000)) {
            it.closing(50);
            Thread.sleep(80);
            assertTrue(it.shouldInterrupt());
        }
    }

    /** A two-pass transcode: each pass's input closes its own interrupter; a stop of the job's reaches the current one. */
    @Test
    void aNextInterrupterStopsWithTheJobsAndClosesAlone() {
        try (Interrupter job = new Interrupter(0)) {
            Interrupter first = job.next();
            first.close();
            assertTrue(first.shouldInterrupt(), "closed");
            assertFalse(job.shouldInterrupt(), "closing a pass's interrupter leaves the job's running");
            Interrupter second = job.next();
            assertFalse(second.shouldInterrupt());
            job.stop();
            assertTrue(second.shouldInterrupt(), "the context stopping stops the pass in flight");
            assertFalse(second.timedOut());
            second.close();
        }
    }
}
