package org.camelav.testsupport;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.camelav.media.MediaItem;
import org.camelav.media.container.MediaReader;
import org.camelav.media.container.ReaderOptions;


/** Small shared test helpers: polling for a condition, reading an input to its end. */
public final class Await {

    private Await() {
    }

    /** Polls {@code condition} every 50 ms; fails the test naming {@code what} after {@code seconds}. */
    public static void until(String what, long seconds, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting for " + what);
            Thread.sleep(50);
        }
    }

    /** Every item a reader delivers for {@code o}, to the end. */
    public static List<MediaItem> readAll(ReaderOptions o) {
        List<MediaItem> items = new java.util.ArrayList<>();
        try (MediaReader r = MediaReader.open(o)) {
            MediaItem item;
            while ((item = r.next()) != null) {
                items.add(item);
            }
        }
        return items;
    }
}
