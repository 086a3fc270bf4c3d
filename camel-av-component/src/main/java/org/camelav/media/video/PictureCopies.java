package org.camelav.media.video;

/**
 * What happened to pictures on the calling thread: whole-picture copies, swscale conversions and new references to a
 * picture (no copy). Each site that moves pixels counts here, so a test can assert which path a frame took, and see a
 * regression to a copying path without timing anything. Per thread, so concurrent routes do not disturb a test that
 * drives a reader or writer itself; a plain array increment costs nothing next to the picture it counts.
 */
final class PictureCopies {

    private static final ThreadLocal<long[]> COUNTS = ThreadLocal.withInitial(() -> new long[3]);

    private PictureCopies() {
    }

    static void copy() {
        COUNTS.get()[0]++;
    }

    static void conversion() {
        COUNTS.get()[1]++;
    }

    static void reference() {
        COUNTS.get()[2]++;
    }

    /** This thread's counts so far: copies, conversions, references. */
    static long[] snapshot() {
        return COUNTS.get().clone();
    }
}
