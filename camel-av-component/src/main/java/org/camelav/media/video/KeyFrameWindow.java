package org.camelav.media.video;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;

import java.util.ArrayList;
import java.util.List;

import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.camelav.media.AvException;
import org.camelav.media.AvUnsupportedException;
import org.camelav.media.FrameProps;
import org.camelav.media.MediaPacket;
import org.camelav.media.StreamInfo;
import org.camelav.media.codec.Decoder;
import org.camelav.media.codec.FrameSink;

/**
 * The packets of one video stream since its last key frame: what it takes to decode the stream's newest picture
 * without a second connection to the source (a camera recorded in packets mode, asked for a snapshot). Adding is
 * cheap (the packets are the consumer's own immutable items); decoding happens only in {@link #latestPicture()}.
 * Bounded: past {@code maxBytes} the window is dropped until the next key frame. Thread-safe.
 * <p>
 * The decoder stays open between snapshots of one GOP and is fed only the packets that came since the last one, so a
 * page polling snapshots costs about the stream's own decode rate instead of a GOP's decode per picture. Its picture
 * is used only when it has put out one picture per packet (nothing held back for reordering); otherwise the GOP is
 * decoded whole and flushed, as before. {@link #release()} frees that decoder.
 */
public final class KeyFrameWindow {

    private static final String WRAPPED = "wrapped_avframe";

    private final long maxBytes;
    private String unsupported;
    private final List<MediaPacket> packets = new ArrayList<>();
    private StreamInfo stream;
    private long bytes;

    private final Object decoding = new Object();
    /** Kept across snapshots of one GOP; owned here, closed when the GOP changes or on {@link #release()}. */
    private Decoder kept;
    private MediaPacket keptKey;
    private int fed;
    private int received;
    private VideoFrame keptPicture;
    private int decodersOpened;

    public KeyFrameWindow(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** Takes a packet of the video stream; a key frame starts the window over. */
    public synchronized void add(MediaPacket p) {
        if (p.stream() != null && WRAPPED.equals(p.stream().codecName())) {
            // lavfi's and devices' raw pictures travel as wrapped_avframe packets: pointers to frames the reader
            // frees, which must never be decoded again from a copy
            unsupported = p.stream().codecName();
            notifyAll();
            return;
        }
        if (p.keyFrame()) {
            packets.clear();
            bytes = 0;
            stream = p.stream();
        } else if (packets.isEmpty()) {
            return; // nothing decodable before the first key frame
        }
        if (bytes + p.size() > maxBytes) {
            packets.clear(); // a GOP this long is not kept: wait for the next key frame
            bytes = 0;
            return;
        }
        packets.add(p);
        bytes += p.size();
        notifyAll();
    }

    /** The packets since the newest key frame, oldest first (empty before the first key frame). */
    public synchronized List<MediaPacket> packets() {
        return List.copyOf(packets);
    }

    /** Waits up to {@code millis} for a key frame to arrive; true when the window has one. */
    public synchronized boolean awaitKeyFrame(long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (packets.isEmpty()) {
            refuseUnsupported();
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                return false;
            }
            wait(left);
        }
        return true;
    }

    private void refuseUnsupported() {
        if (unsupported != null) {
            throw new AvUnsupportedException("Packets of codec " + unsupported + " (raw pictures from lavfi or a"
                                             + " device) cannot be decoded again: read the source in frames mode", 0,
                    null);
        }
    }

    /** Bytes held now: the memory the window costs. */
    public synchronized long bytes() {
        return bytes;
    }

    /**
     * Decodes the window (from its key frame) and returns the newest picture, in the decoder's pixel format.
     *
     * @throws AvException when the window is empty or nothing in it decodes
     */
    public VideoFrame latestPicture() {
        List<MediaPacket> gop;
        StreamInfo info;
        synchronized (this) {
            refuseUnsupported();
            gop = List.copyOf(packets);
            info = stream;
        }
        if (gop.isEmpty() || info == null || info.codecParameters() == null) {
            throw new AvException("No key frame received yet");
        }
        VideoFrame picture;
        synchronized (decoding) {
            picture = continued(gop, info);
        }
        return picture != null ? picture : wholeGop(gop, info); // its own decoder: snapshots run side by side
    }

    /** Frees the decoder kept between snapshots (the last packets reader stopped); a later snapshot opens another. */
    public void release() {
        synchronized (decoding) {
            closeKept();
        }
    }

    /** Decoders opened for snapshots so far (tests: one per GOP while pictures come out without delay). */
    int decodersOpened() {
        synchronized (decoding) {
            return decodersOpened;
        }
    }

    /** The kept decoder fed the packets since the last snapshot; null when it cannot give the newest picture. */
    private VideoFrame continued(List<MediaPacket> gop, StreamInfo info) {
        if (kept != null && (keptKey != gop.get(0) || fed > gop.size())) {
            closeKept(); // a new GOP (the window starts over at each key frame)
        }
        if (kept == null) {
            if (keptKey == gop.get(0)) {
                return null; // this GOP held pictures back once: decode it whole
            }
            kept = new Decoder(info.codecParameters(), info.timeBase());
            decodersOpened++;
            keptKey = gop.get(0);
            fed = 0;
            received = 0;
            keptPicture = null;
        }
        try {
            feed(gop);
        } catch (RuntimeException e) {
            received = -1; // the whole-GOP decode below says what is wrong, as it did before
        }
        if (received == fed && keptPicture != null) {
            return keptPicture;
        }
        closeKept();
        keptKey = gop.get(0); // remembered: this GOP is decoded whole from now on
        return null;
    }

    /** Sends the kept decoder the packets it has not had; only the newest packet's picture is copied out. */
    private void feed(List<MediaPacket> gop) {
        if (fed < gop.size()) {
            try (VideoReformatter copy = new VideoReformatter(null, 0, 0, Interpolation.BILINEAR)) {
                send(kept, gop.subList(fed, gop.size()), f -> received++, f -> {
                    received++;
                    keptPicture = copy.frame(f, FrameProps.NONE);
                });
            }
            fed = gop.size();
        }
    }

    /** Sends {@code packets} in order; the frames that come out for the last one go to {@code last}. */
    private static void send(Decoder decoder, List<MediaPacket> packets, FrameSink others, FrameSink last) {
        AVPacket pkt = av_packet_alloc();
        try {
            for (int i = 0; i < packets.size(); i++) {
                MediaPacket p = packets.get(i);
                try {
                    p.fill(pkt, p.pts(), p.dts());
                    decoder.decode(pkt, i == packets.size() - 1 ? last : others);
                } finally {
                    av_packet_unref(pkt);
                }
            }
        } finally {
            av_packet_free(pkt);
        }
    }

    private void closeKept() {
        if (kept != null) {
            kept.close();
            kept = null;
        }
        keptKey = null;
        keptPicture = null;
    }

    /** Decodes the GOP from its key frame with a decoder of its own and flushes it: the newest picture comes out. */
    private static VideoFrame wholeGop(List<MediaPacket> gop, StreamInfo info) {
        VideoFrame[] newest = new VideoFrame[1];
        try (Decoder decoder = new Decoder(info.codecParameters(), info.timeBase());
                VideoReformatter copy = new VideoReformatter(null, 0, 0, Interpolation.BILINEAR)) {
            // the newest picture comes out last, in the loop or at the flush: each one replaces the one before
            FrameSink keep = f -> newest[0] = copy.frame(f, FrameProps.NONE);
            send(decoder, gop, keep, keep);
            decoder.decode(null, keep);
            if (newest[0] == null) {
                throw new AvException("Decoder " + decoder.name() + " gave no picture for " + gop.size() + " packets");
            }
            return newest[0];
        }
    }
}
