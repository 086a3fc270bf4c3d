package org.camelav.media.video;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;

import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.BytePointer;

/**
 * The pixels of a zero-copy {@link VideoFrame}: either a reference to the decoder's own picture (no copy made) or a
 * pooled direct buffer swscale wrote the converted picture into. Valid until {@link #release()}, which the consumer
 * calls when the frame's exchange completes. A <em>deferred-copy</em> lease (the consumer's default path) is the same
 * reference, but its release first copies the picture into the array {@link #array()} returns, so its frame owns its
 * pixels from then on and stays valid for anyone who kept it. Native memory is only read under this object's lock and never handed
 * out: callers get Java arrays or views of Java-owned direct buffers, so a frame used after its release throws
 * instead of reading freed memory.
 */
final class FrameLease {

    private static final AtomicLong OUTSTANDING = new AtomicLong();

    private final int size;
    /** The decoder's picture (one reference of ours), until copied into {@link #pixels} or released. */
    private AVFrame ref;
    private final PackedLayout layout;
    private PixelBufferPool.Pixels pixels;
    /** The copy {@link #array()} made, kept so repeated calls return the same array, also after release. */
    private byte[] array;
    private boolean released;
    /** {@link #release()} copies the pixels into {@link #array} first: the frame never becomes invalid. */
    private final boolean copyOnRelease;

    private FrameLease(AVFrame ref, PackedLayout layout, PixelBufferPool.Pixels pixels, int size,
            boolean copyOnRelease) {
        this.ref = ref;
        this.layout = layout;
        this.pixels = pixels;
        this.size = size;
        this.copyOnRelease = copyOnRelease;
        OUTSTANDING.incrementAndGet();
    }

    /** Takes over {@code ref}, a reference to a decoded picture of {@code layout}'s geometry. */
    static FrameLease ofFrame(AVFrame ref, PackedLayout layout) {
        return new FrameLease(ref, layout, null, layout.size, false);
    }

    /**
     * Takes over {@code ref} like {@link #ofFrame}, but {@link #release()} copies the picture into a Java array before
     * it lets go: the frame behaves as one that owns its pixels, with the copy made as late as possible.
     */
    static FrameLease deferredCopy(AVFrame ref, PackedLayout layout) {
        return new FrameLease(ref, layout, null, layout.size, true);
    }

    /** Takes over {@code pixels}, holding a packed picture. */
    static FrameLease ofPixels(PixelBufferPool.Pixels pixels) {
        return new FrameLease(null, null, pixels, pixels.size, false);
    }

    /** True for a {@link #deferredCopy} lease, whose frame stays valid after the release. */
    boolean copiesOnRelease() {
        return copyOnRelease;
    }

    /** Leases not yet released, process-wide: 0 when every zero-copy frame has been given back. */
    static long outstanding() {
        return OUTSTANDING.get();
    }

    int size() {
        return size;
    }

    synchronized boolean isReleased() {
        return released;
    }

    /** Whether {@link #array()} made its copy (which outlives the release). */
    synchronized boolean hasArray() {
        return array != null;
    }

    /**
     * The packed pixels as a Java array, copied on the first call; from then on that array is the frame's pixels
     * (changes made in it are what {@link #buffer()}, {@link #copyTo} and an encoder see).
     */
    synchronized byte[] array() {
        if (array == null) {
            byte[] out = new byte[size];
            copyTo(out, 0);
            array = out;
        }
        return array;
    }

    synchronized void copyTo(byte[] dst, int offset) {
        if (array != null) {
            PictureCopyDiagnostics.copy();
            System.arraycopy(array, 0, dst, offset, size);
            return;
        }
        checkLive();
        if (pixels != null) {
            PictureCopyDiagnostics.copy();
            pixels.buffer.get(0, dst, offset, size);
        } else if (!layout.copy(ref, dst, offset)) {
            pixels().buffer.get(0, dst, offset, size);
        }
    }

    /**
     * A read-only view of the packed pixels: of {@link #array()}'s array once there is one, else of a pooled direct
     * buffer (the decoder's picture is copied there once).
     */
    synchronized ByteBuffer buffer() {
        if (array != null) {
            return ByteBuffer.wrap(array).asReadOnlyBuffer(); // the pixels data() handed out are the frame's now
        }
        checkLive();
        return pixels().view();
    }

    /**
     * The encoder's input frame from this picture, under this lease's lock so a release cannot free it meanwhile: from
     * the array {@link #array()} handed out if there is one (its holder may have drawn into it: those are the frame's
     * pixels now), else from the decoder's picture, which {@code builder} references when it already has the
     * encoder's format and size, else from the pooled buffer.
     */
    synchronized AVFrame encodeInto(FrameBuilder builder, int sw, int sh, int sf, Colorimetry c) {
        if (array != null) {
            return builder.fromPacked(array, sw, sh, sf, c);
        }
        checkLive();
        return ref != null ? builder.fromFrame(ref) : builder.fromPacked(pixels.pointer, sw, sh, sf, c);
    }

    /**
     * Converts the picture with {@code scaler} into its packed output buffer (valid until the scaler's next call):
     * from the array {@link #array()} handed out if there is one, else straight from native memory.
     */
    synchronized BytePointer scalePacked(VideoScaler scaler, int sw, int sh, int sf, Colorimetry c, int dw, int dh,
            int df, int size) {
        if (array != null) {
            return scaler.scalePacked(array, sw, sh, sf, c, dw, dh, df, size);
        }
        checkLive();
        return ref != null ? scaler.scaleToPacked(ref, dw, dh, df, size)
                : scaler.scalePacked(pixels.pointer, sw, sh, sf, c, dw, dh, df, size);
    }

    /**
     * Gives the picture back (decoder reference or pooled buffer); idempotent, safe from any thread. A deferred-copy
     * lease first copies the picture into its array (unless {@link #array()} already did), under this lock, so no
     * reader ever sees the frame without pixels.
     */
    synchronized void release() {
        if (released) {
            return;
        }
        if (copyOnRelease && array == null) {
            array();
        }
        released = true;
        if (ref != null) {
            FrameShells.give(ref);
            ref = null;
        }
        if (pixels != null) {
            PixelBufferPool.give(pixels);
            pixels = null;
        }
        OUTSTANDING.decrementAndGet();
    }

    private PixelBufferPool.Pixels pixels() {
        if (pixels == null) {
            PixelBufferPool.Pixels p = PixelBufferPool.take(size);
            layout.copy(ref, p.pointer);
            pixels = p;
            FrameShells.give(ref); // the copy is all we need now: hand the decoder its buffer back early
            ref = null;
        }
        return pixels;
    }

    private void checkLive() {
        if (released) {
            throw new IllegalStateException("This zero-copy frame was released when its exchange completed; read it"
                                             + " within the exchange, keep VideoFrame.copy() or data(), or turn"
                                             + " zeroCopy off");
        }
    }
}
