package org.camelav.media.video;

import static org.bytedeco.ffmpeg.global.avutil.av_image_copy_to_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_image_fill_linesizes;
import static org.bytedeco.ffmpeg.global.avutil.av_image_fill_plane_sizes;
import static org.bytedeco.ffmpeg.global.avutil.av_image_get_buffer_size;

import java.nio.ByteBuffer;

import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.SizeTPointer;
import org.camelav.media.AvErrors;

/**
 * Where each plane of a tightly packed picture (align 1, as {@code av_image_copy_to_buffer} lays it out) starts, its
 * bytes per row and rows: computed once per geometry so the per-frame copy makes no layout calls. Immutable, so a
 * frame body may keep it after the reader has moved on.
 */
final class PackedLayout {
    final int format;
    final int width;
    final int height;
    final int size;
    private final int planes;
    private final int[] rowBytes = new int[4];
    private final int[] rows = new int[4];
    private final boolean planar;

    PackedLayout(int format, int width, int height) {
        this.format = format;
        this.width = width;
        this.height = height;
        this.size = AvErrors.check(av_image_get_buffer_size(format, width, height, 1), "Invalid picture");
        AvErrors.check(av_image_fill_linesizes(rowBytes, format, width), "Invalid picture");
        try (SizeTPointer sizes = new SizeTPointer(4); SizeTPointer lines = new SizeTPointer(4)) {
            for (int i = 0; i < 4; i++) {
                lines.put(i, rowBytes[i]);
            }
            AvErrors.check(av_image_fill_plane_sizes(sizes, format, height, lines), "Invalid picture");
            int n = 0;
            for (int i = 0; i < 4; i++) {
                if (rowBytes[i] > 0 && sizes.get(i) > 0) {
                    rows[i] = (int) (sizes.get(i) / rowBytes[i]);
                    n = i + 1;
                }
            }
            this.planes = n;
        }
        this.planar = planar();
    }

    boolean matches(AVFrame f) {
        return f.format() == format && f.width() == width && f.height() == height;
    }

    /** True when the planes alone make up the packed picture (not so for palettes, which FFmpeg appends). */
    private boolean planar() {
        long sum = 0;
        for (int i = 0; i < planes; i++) {
            sum += (long) rowBytes[i] * rows[i];
        }
        return planes > 0 && sum == size;
    }

    /**
     * Copies the picture into {@code out} at {@code offset} in one pass; false when this frame needs FFmpeg's general
     * copy (bottom-up rows, palettes) instead.
     */
    boolean copy(AVFrame src, byte[] out, int offset) {
        if (!planar) {
            return false;
        }
        for (int i = 0; i < planes; i++) {
            BytePointer p = src.data(i);
            if (p == null || p.isNull() || src.linesize(i) < rowBytes[i]) {
                return false;
            }
        }
        transfer(src, out, offset, false);
        return true;
    }

    /**
     * Copies a packed picture from {@code packed} at {@code offset} into {@code dst}'s planes, which must have this
     * layout's geometry and room for it (e.g. from {@code av_frame_get_buffer}); false for a palette format, which
     * needs FFmpeg's general copy.
     */
    boolean copyIn(byte[] packed, int offset, AVFrame dst) {
        if (!planar) {
            return false;
        }
        transfer(dst, packed, offset, true);
        return true;
    }

    /** Row by row between a frame's planes and a packed array, one block per plane where the rows are contiguous. */
    private void transfer(AVFrame frame, byte[] packed, int offset, boolean intoFrame) {
        PictureCopyDiagnostics.copy();
        int off = offset;
        for (int i = 0; i < planes; i++) {
            int line = frame.linesize(i);
            int bytes = rowBytes[i];
            BytePointer p = frame.data(i);
            if (line == bytes) {
                int n = bytes * rows[i];
                // through a direct ByteBuffer (Unsafe.copyMemory): JavaCPP's get/put(byte[]) pins or copies the whole
                // array in JNI, and many readers doing that at once hold G1 off (GCLocker) until it grows the heap
                ByteBuffer whole = p.capacity(n).asByteBuffer();
                if (intoFrame) {
                    whole.put(0, packed, off, n);
                } else {
                    whole.get(0, packed, off, n);
                }
                off += n;
                continue;
            }
            ByteBuffer b = p.capacity((long) line * (rows[i] - 1) + bytes).asByteBuffer();
            for (int r = 0; r < rows[i]; r++) {
                if (intoFrame) {
                    b.put(r * line, packed, off, bytes);
                } else {
                    b.get(r * line, packed, off, bytes);
                }
                off += bytes;
            }
        }
    }

    /** Copies any picture of this layout into native memory at {@code dst} (FFmpeg's general copy). */
    void copy(AVFrame src, BytePointer dst) {
        PictureCopyDiagnostics.copy();
        AvErrors.check(av_image_copy_to_buffer(dst, size, src.data(), src.linesize(), format, width, height, 1),
                "Cannot copy picture");
    }
}
