package org.camelav.live;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.List;

/**
 * One browser's share of a camera's live fragmented MP4 ({@link LiveFragments}): the init segment, then media
 * fragments, read whole with {@link #poll()} (a WebSocket sends each as one message) or as a byte stream through
 * {@link InputStream} (chunked HTTP). The queue is bounded by bytes: a viewer that falls that far behind (a slow link,
 * a paused tab) is not waited for and memory never grows; it jumps to the camera's newest key frame (init segment +
 * the GOP since), or, when even that does not fit, waits for the next key frame. {@link #close()} leaves; the last
 * viewer to leave stops the camera's muxer. Thread-safe.
 */
public final class LiveViewer extends InputStream {

    private final LiveFragments source;
    private final long maxBytes;
    private final ArrayDeque<byte[]> queue = new ArrayDeque<>();
    private long bytes;
    private boolean waitingForKey;
    private boolean closed;
    private long jumps;
    private String codecs;
    private volatile Runnable listener;
    /** The chunk the byte stream is in the middle of: finished before any jump, so the stream stays whole. */
    private byte[] current;
    private int pos;

    LiveViewer(LiveFragments source, long maxBytes) {
        this.source = source;
        this.maxBytes = maxBytes;
    }

    /**
     * Called (on the camera's reader thread) whenever new data is queued: an asynchronous sender (Vert.x) schedules a
     * drain instead of blocking a thread per viewer. It must not block.
     */
    public void onData(Runnable listener) {
        this.listener = listener;
        boolean ready;
        synchronized (this) {
            ready = !queue.isEmpty() || closed;
        }
        if (ready && listener != null) {
            listener.run();
        }
    }

    /**
     * Waits until the viewer has its init segment and returns the stream's RFC 6381 codecs
     * ({@code avc1.42C01E,mp4a.40.2}); null when none arrived within {@code millis} or the viewer was closed.
     */
    public synchronized String awaitCodecs(long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (codecs == null && !closed) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                break;
            }
            wait(left);
        }
        return codecs;
    }

    /** Why the stream this viewer watches cannot be played (no codec a browser plays, a transcoder that failed), or
     * null. */
    public String problem() {
        return source.problem();
    }

    /** The next whole chunk (init segment or fragment), or null when none is queued (or the viewer is closed). */
    public synchronized byte[] poll() {
        byte[] b = queue.poll();
        if (b != null) {
            bytes -= b.length;
        }
        return b;
    }

    public synchronized boolean isClosed() {
        return closed;
    }

    /** How often this viewer fell behind by more than its queue and jumped to the newest key frame. */
    public synchronized long jumps() {
        return jumps;
    }

    /** Bytes queued now (never more than the bound). */
    public synchronized long queuedBytes() {
        return bytes;
    }

    /** Queues a fragment; false when it does not fit (the caller then {@link #restart}s this viewer). */
    boolean offer(byte[] chunk) {
        synchronized (this) {
            if (closed) {
                return true;
            }
            if (waitingForKey || bytes + chunk.length > maxBytes) {
                return false;
            }
            queue.add(chunk);
            bytes += chunk.length;
            notifyAll();
        }
        signal();
        return true;
    }

    /**
     * Starts over from the newest key frame: what is queued is dropped and {@code fromKey} (the init segment, then
     * the fragments since the key frame) queued instead; when that does not fit either, only the init segment is
     * kept and the viewer waits for the next key frame.
     */
    void restart(List<byte[]> fromKey, String codecs, boolean jump) {
        synchronized (this) {
            if (closed) {
                return;
            }
            if (jump) {
                jumps++;
            }
            queue.clear();
            bytes = 0;
            long total = fromKey.stream().mapToLong(b -> b.length).sum();
            List<byte[]> taken = total <= maxBytes ? fromKey : fromKey.subList(0, 1);
            waitingForKey = taken != fromKey;
            for (byte[] b : taken) {
                queue.add(b);
                bytes += b.length;
            }
            this.codecs = codecs;
            notifyAll();
        }
        signal();
    }

    synchronized boolean waitingForKey() {
        return waitingForKey;
    }

    /** The camera stopped: readers see the end of the stream. */
    void end() {
        synchronized (this) {
            closed = true;
            queue.clear();
            bytes = 0;
            notifyAll();
        }
        signal();
    }

    private void signal() {
        Runnable l = listener;
        if (l != null) {
            l.run();
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    /** Blocks until data is queued; -1 once the viewer is closed. */
    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        synchronized (this) {
            while (current == null || pos >= current.length) {
                if (closed) {
                    return -1;
                }
                byte[] next = poll();
                if (next != null) {
                    current = next;
                    pos = 0;
                } else {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new InterruptedIOException("interrupted waiting for live video");
                    }
                }
            }
            int n = Math.min(len, current.length - pos);
            System.arraycopy(current, pos, b, off, n);
            pos += n;
            return n;
        }
    }

    /** Leaves the camera's stream; idempotent. */
    @Override
    public void close() {
        end();
        source.leave(this);
    }
}
