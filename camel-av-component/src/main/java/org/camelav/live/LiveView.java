package org.camelav.live;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_AAC;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_HEVC;

import java.lang.ref.SoftReference;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.camelav.media.AvException;
import org.camelav.media.AvTimeoutException;
import org.camelav.media.AvUnsupportedException;
import org.camelav.media.FfmpegLog;
import org.camelav.media.MediaItem;
import org.camelav.media.MediaPacket;
import org.camelav.media.MediaType;
import org.camelav.media.StreamInfo;
import org.camelav.media.video.ImageEncoder;
import org.camelav.media.video.ImageFormat;
import org.camelav.media.video.KeyFrameWindow;
import org.camelav.media.video.VideoFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The newest picture of one source that consumers in this CamelContext are reading, for snapshots that must not open a
 * second connection to the camera. A frames consumer hands over each video frame (a copied one is kept; a zero-copy
 * one is encoded for the snapshots waiting, before its exchange gives it back); a packets consumer feeds a
 * {@link KeyFrameWindow} that is decoded on request, and the live fragmented MP4 of its viewers ({@link LiveFragments}):
 * copied where browsers play the codecs, else from one {@link LiveTranscoder} per camera and kind (video to H.264,
 * audio to Opus) that runs while someone watches. Thread-safe.
 */
public final class LiveView {

    private static final Logger LOG = LoggerFactory.getLogger(LiveView.class);
    /** How long a viewer with audio waits for the camera's first audio packet, when it delivers audio. */
    private static final long AUDIO_WAIT_MILLIS = 2000;

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
    private final LiveFragments live = new LiveFragments(true, this::idle);
    private final LiveFragments liveVideo = new LiveFragments(false, this::idle);
    /** The same, from the video transcoder's H.264 (see {@link LiveTranscode}). */
    private final LiveFragments encoded = new LiveFragments(true, this::idle);
    private final LiveFragments encodedVideo = new LiveFragments(false, this::idle);
    /** Guards the transcoders: the reader feeds them, viewers start them, the last viewer stops them. */
    private final Object transcoding = new Object();
    /** Video to H.264 for {@link #encoded}; audio that is not AAC to Opus for the streams with audio. Null when off. */
    private volatile LiveTranscoder videoCoder;
    private volatile LiveTranscoder audioCoder;
    private long codersStarted;
    private long codersClosed;
    private volatile StreamInfo videoStream;
    private volatile StreamInfo audioStream;
    /** The streams the camera's reader delivers (a video packet's group): whether audio is to be expected. */
    private volatile List<Integer> delivered = List.of();
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
                encoded.stop();
                encodedVideo.stop();
                synchronized (transcoding) {
                    videoCoder = close(videoCoder);
                    audioCoder = close(audioCoder);
                }
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
            if (p.stream() != null) {
                audioStream = p.stream();
            }
            if (isAac(p.stream())) {
                live.offer(p); // the live stream's audio track
                encoded.offer(p);
            } else if (audioCoder != null) {
                feed(p, false);
            }
            return;
        }
        if (item.mediaType() != MediaType.VIDEO) {
            return;
        }
        lastNanos = System.nanoTime();
        if (item instanceof MediaPacket p) {
            if (p.stream() != null) {
                videoStream = p.stream();
            }
            delivered = p.streamGroup();
            window.add(p);
            live.offer(p);
            liveVideo.offer(p);
            if (videoCoder != null || p.keyFrame() && encoded.viewers() + encodedVideo.viewers() > 0) {
                feed(p, true);
            }
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
     * starting from the GOP the snapshot window holds; {@code maxQueueBytes} bounds what it may fall behind by. Video
     * a browser cannot play is re-encoded as {@code transcode} says, audio that is not AAC becomes Opus: one
     * transcoder per camera, started by the first viewer that needs it, stopped when the last one leaves.
     *
     * @throws AvUnsupportedException when no packets consumer reads the source (frames cannot be muxed as they are)
     */
    public LiveViewer watch(long maxQueueBytes, boolean audio, LiveTranscode transcode, long timeoutMillis)
            throws InterruptedException {
        if (packetReaders.get() <= 0) {
            throw new AvUnsupportedException("Live video needs a consumer of this URL in packets mode (mode=packets):"
                                             + " frames would need encoding again", 0, null);
        }
        if (transcode == LiveTranscode.AUTO && videoStream == null) {
            window.awaitKeyFrame(timeoutMillis); // which codec the camera sends decides which stream to join
        }
        if (audio && transcode != LiveTranscode.NEVER) {
            // the camera's first audio packet may come just after its first picture: its codec decides the track
            long until = System.nanoTime() + Math.min(timeoutMillis, AUDIO_WAIT_MILLIS) * 1_000_000L;
            while (audioStream == null && delivered.size() > 1 && System.nanoTime() < until) {
                Thread.sleep(10);
            }
        }
        StreamInfo video = videoStream;
        boolean encode = transcode == LiveTranscode.ALWAYS
                         || transcode == LiveTranscode.AUTO && video != null && !isPlayable(video);
        LiveFragments fragments = encode ? (audio ? encoded : encodedVideo) : live(audio);
        synchronized (transcoding) {
            if (audio && transcode != LiveTranscode.NEVER) {
                startAudio();
            }
            if (!encode) {
                return fragments.join(maxQueueBytes, window.packets());
            }
            LiveViewer viewer = fragments.join(maxQueueBytes, List.of());
            if (videoCoder == null && video != null) {
                List<MediaPacket> gop = window.packets(); // the pictures since the key frame: a start at once
                if (!gop.isEmpty() && start(gop.get(0).stream() != null ? gop.get(0).stream() : video)) {
                    gop.forEach(p -> feed(p, true));
                }
            }
            return viewer;
        }
    }

    /** Running transcoders of this camera (0 to 2: video, audio), for tests and figures. */
    public int transcoders() {
        synchronized (transcoding) {
            return (int) (codersStarted - codersClosed);
        }
    }

    /** Transcoders started since the camera's reader started (each one is closed exactly once). */
    public long transcodersStarted() {
        synchronized (transcoding) {
            return codersStarted;
        }
    }

    /** Starts the video transcoder; false (its viewers turned away with the reason) when it cannot open. */
    private boolean start(StreamInfo video) {
        try {
            videoCoder = new LiveTranscoder(video, p -> {
                encoded.offer(p);
                encodedVideo.offer(p);
            });
            codersStarted++;
            LOG.info("Live transcoder started: {} {}x{} to H.264", video.codecName(), video.width(), video.height());
            return true;
        } catch (RuntimeException e) {
            failed(true, e);
            return false;
        }
    }

    private void startAudio() {
        StreamInfo a = audioStream;
        if (audioCoder != null || a == null || isAac(a) || a.codecParameters() == null) {
            return;
        }
        try {
            LiveTranscoder coder = new LiveTranscoder(a, p -> {
                live.offer(p);
                encoded.offer(p);
            });
            live.announce(coder.encoded());
            encoded.announce(coder.encoded());
            audioCoder = coder;
            codersStarted++;
            LOG.info("Live audio transcoder started: {} to {}", a.codecName(), coder.encoded().codecName());
        } catch (RuntimeException e) {
            LOG.warn("Live audio left out: cannot transcode {}: {}", a.codecName(), e.getMessage());
        }
    }

    /** A packet for a transcoder (the reader's thread); one that fails is stopped, as its viewers are told. */
    private void feed(MediaPacket p, boolean video) {
        synchronized (transcoding) {
            try {
                if (p.discontinuity()) {
                    // a reconnect: timestamps start over and the size may change; new codecs from this packet on
                    if (video) {
                        videoCoder = close(videoCoder);
                    } else if (audioCoder != null) {
                        audioCoder = close(audioCoder);
                        startAudio();
                    }
                }
                if (video && videoCoder == null) {
                    if (!p.keyFrame() || encoded.viewers() + encodedVideo.viewers() == 0 || !start(p.stream())) {
                        return; // a viewer joined before the first picture: the transcoder starts on a key frame
                    }
                }
                LiveTranscoder coder = video ? videoCoder : audioCoder;
                if (coder != null) {
                    coder.offer(p);
                    FfmpegLog.forgetReason(); // openh264's warnings at open are no reason for the reader's next error
                }
            } catch (RuntimeException e) {
                failed(video, e);
            }
        }
    }

    /** A transcoder failed: video viewers' streams end with the reason; audio is left out, the picture goes on. */
    private void failed(boolean video, RuntimeException e) {
        if (video) {
            videoCoder = close(videoCoder);
            String why = "Live transcoding failed: " + e.getMessage();
            LOG.warn("{}", why);
            encoded.fail(why);
            encodedVideo.fail(why);
        } else {
            audioCoder = close(audioCoder);
            LOG.warn("Live audio transcoding failed, audio left out: {}", e.getMessage());
        }
    }

    /** A viewer left a stream: a transcoder nobody watches stops (and frees its codecs) now. */
    private void idle() {
        synchronized (transcoding) {
            if (videoCoder != null && encoded.viewers() + encodedVideo.viewers() == 0) {
                videoCoder = close(videoCoder);
                LOG.info("Live transcoder stopped: no viewer left");
            }
            if (audioCoder != null && live.viewers() + encoded.viewers() == 0) {
                audioCoder = close(audioCoder);
            }
        }
    }

    /** Closes a running transcoder (under the lock, so once); returns null for the field. */
    private LiveTranscoder close(LiveTranscoder coder) {
        if (coder != null) {
            coder.close();
            codersClosed++;
        }
        return null;
    }

    private static boolean isPlayable(StreamInfo s) {
        int id = s.codecParameters() == null ? 0 : s.codecParameters().codecId();
        return id == AV_CODEC_ID_H264 || id == AV_CODEC_ID_HEVC;
    }

    private static boolean isAac(StreamInfo s) {
        return s != null && s.codecParameters() != null && s.codecParameters().codecId() == AV_CODEC_ID_AAC;
    }

    /** The live stream's fan-out (its viewers and fragments), with or without audio. */
    public LiveFragments live(boolean audio) {
        return audio ? live : liveVideo;
    }

    /** The fan-out of the transcoded stream, with or without audio. */
    public LiveFragments transcoded(boolean audio) {
        return audio ? encoded : encodedVideo;
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
