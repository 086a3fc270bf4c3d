package org.camelav.media.video;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_ref;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;

import java.util.List;

import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.camelav.media.AvErrors;
import org.camelav.media.FrameProps;
import org.camelav.media.MediaPacket;
import org.camelav.media.StreamInfo;
import org.camelav.media.codec.Decoder;

/**
 * Picks pictures out of whole GOPs of one video stream, decoding as little as it can: for each wanted time the picture
 * shown then (the newest with pts at or before it). Only the packets up to the last wanted time are decoded (a packet
 * decoding after it cannot be a reference of a picture shown before it), or with {@code keyOnly} the key frame alone
 * stands for every wanted time of its GOP (what {@code -skip_frame nokey} decodes). A picture is copied out only
 * when it is picked; the others stay references in the decoder's pool. One decoder per stream, flushed between GOPs.
 */
public final class GopSampler implements AutoCloseable {

    private final StreamInfo stream;
    private final Decoder decoder;
    private final VideoReformatter copy = new VideoReformatter(null, 0, 0, Interpolation.BILINEAR);
    private final AVPacket pkt = av_packet_alloc();
    /** The newest picture decoded so far of the current GOP (a reference), its pts, and its copy once picked. */
    private final AVFrame held = av_frame_alloc();
    private long heldPts = AV_NOPTS_VALUE;
    private VideoFrame heldCopy;
    private long decoded;

    public GopSampler(StreamInfo stream) {
        this.stream = stream;
        this.decoder = new Decoder(stream.codecParameters(), stream.timeBase());
    }

    /** Pictures decoded so far (for statistics: a time-lapse decodes far fewer than the recording holds). */
    public long decoded() {
        return decoded;
    }

    /**
     * @param gop    the packets of one GOP in decoding order, its key frame first
     * @param wanted ascending pts (the stream's time base) inside the GOP's span
     * @return one picture per wanted time; null where no picture of the GOP is shown yet (before the key frame)
     */
    public VideoFrame[] sample(List<MediaPacket> gop, long[] wanted, boolean keyOnly) {
        VideoFrame[] out = new VideoFrame[wanted.length];
        if (wanted.length == 0 || gop.isEmpty()) {
            return out;
        }
        int[] next = { 0 };
        long last = wanted[wanted.length - 1];
        try {
            for (MediaPacket p : gop) {
                Long order = p.dts() != null ? p.dts() : p.pts();
                if (p != gop.get(0) && (keyOnly || order != null && order > last)) {
                    break;
                }
                try {
                    p.fill(pkt, p.pts(), p.dts());
                    pkt.duration(p.duration());
                    decoder.decode(pkt, f -> picture(f, wanted, out, next));
                } finally {
                    av_packet_unref(pkt);
                }
            }
            decoder.decode(null, f -> picture(f, wanted, out, next));
            // the rest are shown at or after the newest picture (with keyOnly: all of them, the key frame)
            for (int i = next[0]; i < wanted.length; i++) {
                out[i] = keyOnly || heldPts <= wanted[i] ? picked() : null;
            }
            return out;
        } finally {
            decoder.flushBuffers();
            av_frame_unref(held);
            heldPts = AV_NOPTS_VALUE;
            heldCopy = null;
        }
    }

    /** A picture came out (display order): the wanted times before it show the one held until now. */
    private void picture(AVFrame f, long[] wanted, VideoFrame[] out, int[] next) {
        decoded++;
        long pts = f.best_effort_timestamp() != AV_NOPTS_VALUE ? f.best_effort_timestamp() : f.pts();
        while (next[0] < wanted.length && wanted[next[0]] < pts) {
            out[next[0]] = heldPts == AV_NOPTS_VALUE ? null : picked();
            next[0]++;
        }
        av_frame_unref(held);
        AvErrors.check(av_frame_ref(held, f), "Cannot reference a decoded picture");
        heldPts = pts;
        heldCopy = null;
    }

    private VideoFrame picked() {
        if (heldCopy == null && heldPts != AV_NOPTS_VALUE) {
            heldCopy = copy.frame(held, FrameProps.timestamp(heldPts, stream.timeBase()));
        }
        return heldCopy;
    }

    @Override
    public void close() {
        decoder.close();
        copy.close();
        av_packet_free(pkt);
        av_frame_free(held);
    }
}
