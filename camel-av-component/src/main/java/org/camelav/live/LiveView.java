package org.camelav.live;

import java.lang.ref.SoftReference;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.camelav.media.AvException;
import org.camelav.media.AvTimeoutException;
import org.camelav.media.AvUnsupportedException;
import org.camelav.media.MediaItem;
import org.camelav.media.MediaPacket;
import org.camelav.media.MediaType;
import org.camelav.media.video.ImageEncoder;
import org.camelav.media.video.ImageFormat;
import org.camelav.media.video.KeyFrameWindow;
import org.camelav.media.video.VideoFrame;

/**
 * The newest picture of one source that consumers in this CamelContext are reading, for snapshots that must not open a
 * second connection to the camera. A frames consumer hands over each video frame (a copied one is kept; a zero-copy
 * one is encoded for the snapshots waiting, before its exchange gives it back); a packets consumer feeds a
 * {@link KeyFrameWindow} that is decoded on request. Thread-safe.
 */
public final class LiveView {

    /** A GOP larger than this (32 MB: 64 s at 4 Mbit/s) is not kept for snapshots. */
    private static final long MAX_WINDOW_BYTES = 32L << 20;

    /** A snapshot waiting for the next frame, with the image it wants. */
    private record Request(ImageFormat format, int quality, CompletableFuture<byte[]> image) {
    }

    private final AtomicInteger frameReaders = new AtomicInteger();
    private final AtomicInteger packetReaders = new AtomicInteger();
    private final KeyFrameWindow window = new KeyFrameWindow(MAX_WINDOW_BYTES);
    private final ConcurrentLinkedQueue<Request> waiting = new ConcurrentLinkedQueue<>();
    /** The live fragmented MP4 of a packets consumer, for browsers, with and without audio; each muxes only while
     * someone watches it. */
    private final LiveFragments live = new LiveFragments(true);
    private final LiveFragments liveVideo = new LiveFragments(false);
    /**
     * The last frame a frames consumer delivered, softly held: 6 MB per 1080p bgr24 camera that no snapshot may ever
     * ask for, so the GC may take it under memory pressure; a snapshot then waits for the next frame.
     */
    private volatile SoftReference<VideoFrame> latest;
    /** System.nanoTime() of the last video item offered, 0 before the first. */
    private volatile long lastNanos;

    /** A consumer of the source started; {@code packets} when it delivers packets rather than frames. */
    void attach(boolean packets) {
        (packets ? packetReaders : frameReaders).incrementAndGet();
    }

    /** @return true when that was the last consumer */
    boolean detach(boolean packets) {
        if ((packets ? packetReaders : frameReaders).decrementAndGet() <= 0) {
            if (packets) {
                window.release(); // the decoder kept for snapshots
                live.stop(); // viewers' streams end with the camera's reader
                liveVideo.stop();
            } else {
                latest = null; // a frame of a stopped reader is not the newest picture any more
            }
        }
        return !isActive();
    }

    public boolean isActive() {
        return frameReaders.get() > 0 || packetReaders.get() > 0;
    }

    /** A consumer's item, before its exchange runs; only video matters. */
    public void offer(MediaItem item) {
        if (item instanceof MediaPacket p && item.mediaType() == MediaType.AUDIO) {
            live.offer(p); // the live stream's audio track
            return;
        }
        if (item.mediaType() != MediaType.VIDEO) {
            return;
        }
        lastNanos = System.nanoTime();
        if (item instanceof MediaPacket p) {
            window.add(p);
            live.offer(p);
            liveVideo.offer(p);
        } else if (item instanceof VideoFrame v) {
            if (!v.isLeased()) {
                latest = new SoftReference<>(v); // its own pixels: safe to keep after the exchange
            }
            for (Request r; (r = waiting.poll()) != null;) {
                complete(r, v);
            }
        }
    }

    /**
     * The newest picture as an image: the last frame a frames consumer delivered (waiting for the next one when none
     * is kept), else the packets consumer's window decoded.
     *
     * @throws AvTimeoutException when no picture arrives within {@code timeoutMillis}
     */
    public byte[] snapshot(ImageFormat format, int quality, long timeoutMillis) throws InterruptedException {
        SoftReference<VideoFrame> kept = latest;
        VideoFrame v = kept == null ? null : kept.get();
        if (v != null) {
            return encode(v, format, quality);
        }
        if (frameReaders.get() > 0) {
            Request r = new Request(format, quality, new CompletableFuture<>());
            waiting.add(r);
            try {
                return r.image().get(timeoutMillis, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                waiting.remove(r);
                throw new AvTimeoutException("No frame within " + timeoutMillis + " ms for a snapshot", 0, null);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException re ? re : new AvException(e.getCause().toString());
            }
        }
        if (!window.awaitKeyFrame(timeoutMillis)) {
            throw new AvTimeoutException("No key frame within " + timeoutMillis + " ms for a snapshot", 0, null);
        }
        VideoFrame picture = window.latestPicture();
        return encode(picture, format, quality);
    }

    /**
     * A viewer of this source's live fragmented MP4 (one muxer for all viewers, one more for those without audio),
     * starting from the GOP the snapshot window holds; {@code maxQueueBytes} bounds what it may fall behind by.
     *
     * @throws AvUnsupportedException when no packets consumer reads the source (frames cannot be muxed as they are)
     */
    public LiveViewer watch(long maxQueueBytes, boolean audio) {
        if (packetReaders.get() <= 0) {
            throw new AvUnsupportedException("Live video needs a consumer of this URL in packets mode (mode=packets):"
                                             + " frames would need encoding again", 0, null);
        }
        return live(audio).join(maxQueueBytes, window.packets());
    }

    /** The live stream's fan-out (its viewers and fragments), with or without audio. */
    public LiveFragments live(boolean audio) {
        return audio ? live : liveVideo;
    }

    /** Milliseconds since a consumer last offered video (how stale the newest picture is), or -1 before any. */
    public long ageMillis() {
        long at = lastNanos;
        return at == 0 ? -1 : (System.nanoTime() - at) / 1_000_000L;
    }

    private static void complete(Request r, VideoFrame v) {
        try {
            r.image().complete(encode(v, r.format(), r.quality()));
        } catch (RuntimeException e) {
            r.image().completeExceptionally(e);
        }
    }

    private static byte[] encode(VideoFrame v, ImageFormat format, int quality) {
        try (ImageEncoder encoder = new ImageEncoder(format, quality)) {
            return encoder.encode(v);
        }
    }
}
