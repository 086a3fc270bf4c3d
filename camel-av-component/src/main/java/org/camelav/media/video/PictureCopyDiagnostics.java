package org.camelav.media.video;

/**
 * A diagnostics hook, not a feature: what happened to pictures on the calling thread (whole-picture copies, swscale
 * conversions, new references to a picture without a copy). Each site that moves pixels counts here so that
 * EncodedPixelsTest can assert which path a frame took and catch a regression to a copying path without timing
 * anything. Per thread, so concurrent routes do not disturb it; an array increment is nothing next to a picture.
 */
final class PictureCopyDiagnostics {

    private static final ThreadLocal<long[]> COUNTS = ThreadLocal.withInitial(() -> new long[3]);

    private PictureCopyDiagnostics() {
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
