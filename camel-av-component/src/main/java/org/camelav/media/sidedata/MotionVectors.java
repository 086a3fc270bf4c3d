package org.camelav.media.sidedata;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

import org.bytedeco.ffmpeg.avutil.AVFrameSideData;
import org.bytedeco.ffmpeg.avutil.AVMotionVector;
import org.bytedeco.javacpp.Pointer;

/**
 * The motion vectors a decoder exported for one frame ({@code AV_FRAME_DATA_MOTION_VECTORS}, asked for with
 * {@code flags2=+export_mvs}), as one compact {@code int[]} of {@link #FIELDS} values per vector: PyAV's
 * {@code MotionVectors.to_ndarray()} rows, and the columns FFmpeg's doc/examples/extract_mvs.c prints. A P-frame of a
 * 320x240 H.264 clip has a few hundred; an I-frame has none (FFmpeg attaches no side data then).
 */
public final class MotionVectors {

    /** Values per vector in {@link #toArray()}, in this order. */
    public static final int SOURCE = 0, WIDTH = 1, HEIGHT = 2, SRC_X = 3, SRC_Y = 4, DST_X = 5, DST_Y = 6,
            MOTION_X = 7, MOTION_Y = 8, MOTION_SCALE = 9, FIELDS = 10;

    public static final MotionVectors NONE = new MotionVectors(new int[0]);

    private static final int SIZE = (int) Pointer.sizeof(AVMotionVector.class);
    // offsets from JavaCPP rather than assumed, so a change of the struct's padding cannot misread it
    private static final int O_SOURCE = off("source"), O_W = off("w"), O_H = off("h"), O_SRC_X = off("src_x"),
            O_SRC_Y = off("src_y"), O_DST_X = off("dst_x"), O_DST_Y = off("dst_y"), O_MOTION_X = off("motion_x"),
            O_MOTION_Y = off("motion_y"), O_MOTION_SCALE = off("motion_scale");

    private final int[] values;

    private MotionVectors(int[] values) {
        this.values = values;
    }

    private static int off(String member) {
        return (int) Pointer.offsetof(AVMotionVector.class, member);
    }

    /** Copies the vectors out of FFmpeg's side data in one read, so the frame may be freed afterwards. */
    static MotionVectors of(AVFrameSideData sd) {
        int n = (int) (sd.size() / SIZE);
        if (n <= 0) {
            return NONE;
        }
        byte[] raw = new byte[n * SIZE];
        sd.data().capacity(raw.length).get(raw);
        ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.nativeOrder());
        int[] v = new int[n * FIELDS];
        for (int i = 0; i < n; i++) {
            int at = i * SIZE;
            int row = i * FIELDS;
            v[row + SOURCE] = b.getInt(at + O_SOURCE);
            v[row + WIDTH] = Byte.toUnsignedInt(b.get(at + O_W));
            v[row + HEIGHT] = Byte.toUnsignedInt(b.get(at + O_H));
            v[row + SRC_X] = b.getShort(at + O_SRC_X);
            v[row + SRC_Y] = b.getShort(at + O_SRC_Y);
            v[row + DST_X] = b.getShort(at + O_DST_X);
            v[row + DST_Y] = b.getShort(at + O_DST_Y);
            v[row + MOTION_X] = b.getInt(at + O_MOTION_X);
            v[row + MOTION_Y] = b.getInt(at + O_MOTION_Y);
            v[row + MOTION_SCALE] = Short.toUnsignedInt(b.getShort(at + O_MOTION_SCALE));
        }
        return new MotionVectors(v);
    }

    /** Number of vectors. */
    public int count() {
        return values.length / FIELDS;
    }

    /** Field {@code field} (e.g. {@link #MOTION_X}) of vector {@code i}. */
    public int get(int i, int field) {
        return values[i * FIELDS + field];
    }

    /** -1: the block is predicted from a past reference, +1: from a future one (B-frames). */
    public int source(int i) {
        return get(i, SOURCE);
    }

    /** Block width and height in pixels (16, 8 or 4 for H.264). */
    public int blockWidth(int i) {
        return get(i, WIDTH);
    }

    public int blockHeight(int i) {
        return get(i, HEIGHT);
    }

    /** Where the block came from and where it is: the centres, in pixels of the reference and of this frame. */
    public int srcX(int i) {
        return get(i, SRC_X);
    }

    public int srcY(int i) {
        return get(i, SRC_Y);
    }

    public int dstX(int i) {
        return get(i, DST_X);
    }

    public int dstY(int i) {
        return get(i, DST_Y);
    }

    /** The motion in units of 1/{@link #motionScale}: src = dst + motion / scale. */
    public int motionX(int i) {
        return get(i, MOTION_X);
    }

    public int motionY(int i) {
        return get(i, MOTION_Y);
    }

    public int motionScale(int i) {
        return get(i, MOTION_SCALE);
    }

    /** Mean length of the vectors in pixels (0 for none): a cheap measure of how much moved. */
    public double meanMagnitude() {
        int n = count();
        double sum = 0;
        for (int i = 0; i < n; i++) {
            int scale = Math.max(1, motionScale(i));
            sum += Math.hypot((double) motionX(i) / scale, (double) motionY(i) / scale);
        }
        return n == 0 ? 0 : sum / n;
    }

    /** A copy of all vectors, {@link #FIELDS} values each, row after row. */
    public int[] toArray() {
        return values.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MotionVectors m && Arrays.equals(values, m.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "MotionVectors[" + count() + "]";
    }
}
