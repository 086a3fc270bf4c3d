package org.camelav.media.video;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

import org.bytedeco.javacpp.BytePointer;

/**
 * Direct (Java-owned) buffers for the pixels of zero-copy frames, reused across frames of the same size so a stream
 * neither allocates nor zeroes a picture per frame. The memory belongs to the JVM, never to FFmpeg: a buffer somebody
 * kept after its frame was released can show newer pixels, but can never point at freed memory. At most
 * {@link #MAX_IDLE_BYTES} stay idle; beyond that returned buffers are left to the GC.
 */
final class PixelBufferPool {

    /** swscale's SIMD paths may write a little past the last row. */
    private static final int SLACK = 64;
    private static final long MAX_IDLE_BYTES = 64L << 20;
    private static final int MAX_IDLE_PER_SIZE = 8;

    private static final Map<Integer, ArrayDeque<Pixels>> IDLE = new HashMap<>();
    private static long idleBytes;

    private PixelBufferPool() {
    }

    /** A packed picture's memory: {@code buffer} holds {@code size} bytes from 0, {@code pointer} is its address. */
    static final class Pixels {
        final int size;
        final ByteBuffer buffer;
        final BytePointer pointer;

        private Pixels(int size) {
            this.size = size;
            this.buffer = ByteBuffer.allocateDirect(size + SLACK);
            this.pointer = new BytePointer(buffer);
        }

        /** A read-only view of the picture, position 0, limit {@code size}. */
        ByteBuffer view() {
            return buffer.duplicate().position(0).limit(size).slice().asReadOnlyBuffer();
        }
    }

    static Pixels take(int size) {
        synchronized (IDLE) {
            ArrayDeque<Pixels> q = IDLE.get(size);
            Pixels p = q == null ? null : q.pollFirst();
            if (p != null) {
                idleBytes -= p.buffer.capacity();
                return p;
            }
        }
        return new Pixels(size);
    }

    static void give(Pixels p) {
        synchronized (IDLE) {
            ArrayDeque<Pixels> q = IDLE.computeIfAbsent(p.size, k -> new ArrayDeque<>());
            if (q.size() < MAX_IDLE_PER_SIZE && idleBytes + p.buffer.capacity() <= MAX_IDLE_BYTES) {
                q.addFirst(p);
                idleBytes += p.buffer.capacity();
            }
        }
    }
}
