package org.camelav.live;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.camelav.media.MediaPacket;
import org.camelav.media.MediaType;
import org.camelav.media.Rational;
import org.camelav.media.StreamInfo;
import org.camelav.media.container.Fmp4Muxer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One camera's live fragmented MP4, shared by all its viewers: the packets its one consumer reads go through one
 * {@link Fmp4Muxer} (no re-encoding), and each fragment is handed to every {@link LiveViewer}'s bounded queue. The
 * fragments since the newest key frame are kept, so a viewer that joins (or jumps after falling behind) starts from
 * the init segment and that GOP at once, never waiting for the next key frame. The muxer runs only while someone
 * watches: it starts with the first viewer (from the packets {@code seed} the snapshot window already holds) and
 * stops with the last.
 * <p>
 * Each packet is muxed when the next one of its stream arrives: its exact duration is known then, and FFmpeg starts
 * every fragment where the previous one's last sample ended, so a guessed duration would shift all later fragments
 * (FFmpeg's own frag_every_frame waits for the next packet the same way). That costs one frame interval (40 ms at
 * 25 fps). Audio leaves with the next picture's fragment.
 * <p>
 * Timeline: the muxer starts at 0 on the video key frame it opens with, each stream kept in its own time base; a restart (reconnect, new codec parameters)
 * goes on where the last fragment ended, so a browser's buffer never sees time go backwards. Thread-safe: packets come
 * from the reader thread, viewers join and leave from others.
 */
public final class LiveFragments {

    private static final Logger LOG = LoggerFactory.getLogger(LiveFragments.class);
    /** A GOP larger than this (as in the snapshot window) is not kept for joiners; they wait for the next key frame. */
    private static final long MAX_GOP_BYTES = 32L << 20;
    private static final long MICROS = 1_000_000L;

    private final boolean audio;
    /** Told when the last viewer has left (outside this object's lock): the owner stops what feeds it. */
    private final Runnable onIdle;
    private final List<LiveViewer> viewers = new CopyOnWriteArrayList<>();
    /** The newest stream facts per source stream index: the audio a muxer started on a video key frame includes. */
    private final Map<Integer, StreamInfo> streams = new ConcurrentHashMap<>();

    private Fmp4Muxer muxer;
    private byte[] init;
    private final List<byte[]> gop = new ArrayList<>();
    private long gopBytes;
    /** Source µs that maps to {@link #base} on the muxer's timeline; exactly: the key frame's own timestamp. */
    private long origin;
    private long originTs;
    private Rational originTb;
    private long base;
    /** Where the last fragment ended, per muxer-timeline; the next muxer starts here. */
    private long end;
    /** Per source stream: ticks subtracted to put it on the timeline, and the last dts written (in those ticks). */
    private final Map<Integer, Long> shifts = new HashMap<>();
    private final Map<Integer, Long> lastDts = new HashMap<>();
    /** Per source stream, the newest packet: written when the next one gives its exact duration. */
    private final Map<Integer, Pending> pending = new HashMap<>();

    private record Pending(MediaPacket packet, long pts, long dts) {
    }
    private long fragments;
    /** Why no stream could be muxed (no codec a browser plays); viewers are turned away while it stands. */
    private volatile String problem;

    /** @param audio whether the stream carries the source's AAC audio next to its video */
    public LiveFragments(boolean audio) {
        this(audio, () -> {
        });
    }

    /**
     * @param audio  whether the stream carries the source's audio (AAC, or the Opus of a live transcoder) next to its
     *               video
     * @param onIdle run when the last viewer has left, on that viewer's thread and outside this object's lock
     */
    public LiveFragments(boolean audio, Runnable onIdle) {
        this.audio = audio;
        this.onIdle = onIdle;
    }

    /**
     * A stream whose packets will come (a transcoder's Opus, known before its first packet), so a muxer that starts
     * before then has its track.
     */
    public void announce(StreamInfo s) {
        streams.put(s.index(), s);
    }

    /** What feeds this stream failed: every viewer's stream ends, and {@link #problem()} says why until a restart. */
    public void fail(String why) {
        synchronized (this) {
            problem = why;
            viewers.forEach(LiveViewer::end);
            viewers.clear();
            stopMuxer();
        }
    }

    /** A new viewer; it gets the init segment and the GOP so far as soon as there is a key frame. */
    public LiveViewer join(long maxQueueBytes, List<MediaPacket> seed) {
        LiveViewer v = new LiveViewer(this, maxQueueBytes);
        synchronized (this) {
            viewers.add(v);
            if (muxer == null) {
                seed.forEach(this::write);
            } else {
                v.restart(fromKey(), muxer.codecs(), false);
            }
        }
        return v;
    }

    void leave(LiveViewer v) {
        boolean idle;
        synchronized (this) {
            idle = viewers.remove(v) && viewers.isEmpty();
            if (idle) {
                stopMuxer(); // nobody watches: no muxing for nobody
            }
        }
        if (idle) {
            onIdle.run(); // e.g. a transcoder that fed only this stream stops
        }
    }

    /** Why the source cannot be watched live (e.g. no H.264/H.265/AAC stream), or null. */
    public String problem() {
        return problem;
    }

    /** Viewers now. */
    public int viewers() {
        return viewers.size();
    }

    /** Fragments muxed since this camera's stream was created (tests: one muxer for all viewers). */
    public synchronized long fragments() {
        return fragments;
    }

    /** A packet of the camera's consumer (reader thread). */
    public void offer(MediaPacket p) {
        if (p.stream() != null) {
            streams.put(p.streamIndex(), p.stream());
        }
        if (viewers.isEmpty()) {
            return;
        }
        synchronized (this) {
            if (!viewers.isEmpty()) {
                try {
                    write(p);
                } catch (RuntimeException e) {
                    // a packet the muxer refuses must not fail the camera route's exchange: start over at a key frame
                    LOG.warn("Live stream restarts at the next key frame: {}", e.getMessage());
                    stopMuxer();
                }
            }
        }
    }

    /** The camera's consumer stopped: every viewer's stream ends. */
    public void stop() {
        synchronized (this) {
            viewers.forEach(LiveViewer::end);
            viewers.clear();
            stopMuxer();
        }
    }

    private void write(MediaPacket p) {
        Long ts = p.dts() != null ? p.dts() : p.pts();
        Rational tb = p.timeBase();
        if (ts == null || tb == null || tb.num() <= 0 || p.stream() == null) {
            return;
        }
        boolean video = p.mediaType() == MediaType.VIDEO;
        boolean key = video && p.keyFrame();
        long at = micros(ts, tb);
        if (muxer != null && key && (p.discontinuity() || changed(p.stream()) || at - origin + base < end - MICROS)) {
            stopMuxer(); // a reconnect or a new stream: a new init segment, the timeline goes on
        }
        if (muxer == null && (!key || !start(p, at))) {
            return;
        }
        if (!muxer.carries(p.streamIndex())) {
            return;
        }
        // the timeline in the stream's own ticks: one shift per stream, nothing rounded packet by packet
        long shift = shifts.computeIfAbsent(p.streamIndex(), i -> ticks(originTs, originTb, tb)
                                                                 - Math.floorDiv(Math.multiplyExact(base, tb.den()),
                                                                         tb.num() * MICROS));
        long dts = ts - shift;
        long pts = (p.pts() == null ? ts : p.pts()) - shift;
        Long last = lastDts.get(p.streamIndex());
        if (micros(dts, tb) < base || last != null && dts <= last) {
            return; // before the muxer's start (audio ahead of the key frame) or already written (seed overlap)
        }
        lastDts.put(p.streamIndex(), dts);
        // a packet's duration is known when the next of its stream comes: FFmpeg starts each fragment where the last
        // sample ended, so a guessed duration would shift every later one
        Pending before = pending.put(p.streamIndex(), new Pending(p, pts, dts));
        if (before == null) {
            return;
        }
        if (video) {
            emit(before.packet(), before.pts(), before.dts(), dts - before.dts());
        } else {
            muxer.write(before.packet(), before.pts(), before.dts(), dts - before.dts()); // leaves with the next picture
        }
    }

    private void emit(MediaPacket p, long pts, long dts, long duration) {
        byte[] fragment = muxer.write(p, pts, dts, duration);
        end = Math.max(end, micros(dts + duration, p.timeBase()));
        fragments++;
        boolean key = p.keyFrame();
        if (key) {
            gop.clear();
            gopBytes = 0;
        }
        if (gopBytes + fragment.length <= MAX_GOP_BYTES) {
            gop.add(fragment);
            gopBytes += fragment.length;
        }
        List<byte[]> restart = null;
        for (LiveViewer v : viewers) {
            boolean waiting = v.waitingForKey();
            if (waiting ? key : !v.offer(fragment)) {
                if (restart == null) {
                    restart = fromKey();
                }
                v.restart(restart, muxer.codecs(), !waiting);
            }
        }
    }

    private boolean start(MediaPacket key, long at) {
        List<StreamInfo> pick = new ArrayList<>();
        pick.add(key.stream());
        if (audio) {
            streams.values().stream().filter(s -> s.mediaType() == MediaType.AUDIO).findFirst().ifPresent(pick::add);
        }
        try {
            muxer = new Fmp4Muxer(pick);
        } catch (RuntimeException e) {
            if (problem == null) {
                LOG.warn("No live stream for viewers: {}", e.getMessage());
            }
            problem = e.getMessage();
            viewers.forEach(LiveViewer::end); // their streams end at once rather than at the timeout
            viewers.clear();
            return false;
        }
        problem = null;
        init = muxer.init();
        origin = at;
        originTs = key.dts() != null ? key.dts() : key.pts();
        originTb = key.timeBase();
        base = end;
        lastDts.clear();
        shifts.clear();
        pending.clear();
        gop.clear();
        gopBytes = 0;
        LOG.debug("Live fMP4 started for {} viewer(s): {}", viewers.size(), muxer.codecs());
        List<byte[]> initOnly = List.of(init);
        viewers.forEach(v -> v.restart(initOnly, muxer.codecs(), false));
        return true;
    }

    private boolean changed(StreamInfo video) {
        StreamInfo was = muxer.streams().get(0);
        return was.index() != video.index() || video.codecParameters() == null
               || !Arrays.equals(was.codecParameters().extradata(), video.codecParameters().extradata())
               || was.width() != video.width() || was.height() != video.height();
    }

    /** The init segment, then the fragments since the newest key frame. */
    private List<byte[]> fromKey() {
        List<byte[]> all = new ArrayList<>(gop.size() + 1);
        all.add(init);
        all.addAll(gop);
        return all;
    }

    private void stopMuxer() {
        pending.clear();
        if (muxer != null) {
            muxer.close();
            muxer = null;
        }
        gop.clear();
        gopBytes = 0;
    }

    /** {@code ts} of time base {@code from} in ticks of {@code to}, rounded down (exact when the bases are equal). */
    private static long ticks(long ts, Rational from, Rational to) {
        return Math.floorDiv(Math.multiplyExact(Math.multiplyExact(ts, (long) from.num()), (long) to.den()),
                (long) from.den() * to.num());
    }

    private static long micros(long ts, Rational tb) {
        return Math.multiplyExact(ts, tb.num() * MICROS) / tb.den();
    }
}
