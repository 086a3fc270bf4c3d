package org.camelav.media.codec;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PICTURE_TYPE_I;
import static org.bytedeco.ffmpeg.global.avutil.AV_PICTURE_TYPE_NONE;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.camelav.media.AvUnsupportedException;
import org.camelav.media.CodecParameters;
import org.camelav.media.FrameProps;
import org.camelav.media.MediaPacket;
import org.camelav.media.MediaType;
import org.camelav.media.Rational;
import org.camelav.media.StreamInfo;

/**
 * Re-encodes the pictures of one GOP of a copied video stream that are shown from {@code firstPts} on, into packets
 * that can go in front of the copy of the next GOP: same codec, size and pixel format, one packet per picture in
 * display order (no B-frames), each with the source picture's own pts and duration, framed as the source's packets
 * and carrying their parameter sets in-band ({@link ParameterSets}). Their decoding times are the pts less the
 * source's reorder delay, so the copy's first decoding time still comes after the last of them. Used by an export that
 * must start on a frame that is not a key frame; holds one GOP.
 */
public final class GopReencoder {

    private final CodecParameters params;
    private final StreamInfo stream;
    private final Rational timeBase;
    private final long firstPts;
    private final long lastPts;
    private final long dtsDelay;
    private final List<long[]> sourceTimes = new ArrayList<>();
    private final List<MediaPacket> out = new ArrayList<>();
    private final MediaPacket template;
    private Encoder encoder;

    private GopReencoder(MediaPacket first, long firstPts, long lastPts, long dtsDelay) {
        this.template = first;
        this.stream = first.stream();
        this.params = stream.codecParameters();
        this.timeBase = first.timeBase();
        this.firstPts = firstPts;
        this.lastPts = lastPts;
        this.dtsDelay = dtsDelay;
    }

    /**
     * @param gop      the GOP's packets in decoding order, its key frame first
     * @param firstPts the first picture to keep (source time base)
     * @param lastPts  the last picture to keep
     * @param dtsDelay the source's reorder delay (pts - dts), in its time base
     * @throws AvUnsupportedException when this FFmpeg build has no software encoder of the source's codec, or the
     *                                encoder cannot take its pictures as they are (another pixel format)
     */
    public static List<MediaPacket> reencode(List<MediaPacket> gop, long firstPts, long lastPts, long dtsDelay) {
        GopReencoder r = new GopReencoder(gop.get(0), firstPts, lastPts, dtsDelay);
        if (!ParameterSets.spliceable(r.params)) {
            throw new AvUnsupportedException("exact export: cannot splice a re-encoded " + r.stream.codecName()
                                             + " GOP in front of a stream copy", 0, null);
        }
        AVPacket pkt = av_packet_alloc();
        try (Decoder decoder = new Decoder(r.params, r.timeBase)) {
            for (MediaPacket p : gop) {
                try {
                    p.fill(pkt, p.pts(), p.dts());
                    pkt.duration(p.duration());
                    decoder.decode(pkt, r::picture);
                } finally {
                    av_packet_unref(pkt);
                }
            }
            decoder.decode(null, r::picture);
            if (r.encoder != null) {
                r.encoder.encode(null, r::packet);
            }
        } finally {
            av_packet_free(pkt);
            if (r.encoder != null) {
                r.encoder.close();
            }
        }
        return r.out;
    }

    private void picture(AVFrame f) {
        long pts = f.best_effort_timestamp() != AV_NOPTS_VALUE ? f.best_effort_timestamp() : f.pts();
        if (pts == AV_NOPTS_VALUE || pts < firstPts || pts > lastPts) {
            return;
        }
        if (encoder == null) {
            encoder = open(f);
        }
        long duration = f.duration() > 0 ? f.duration() : Math.max(0, template.duration());
        sourceTimes.add(new long[] { pts, duration });
        // numbered in the encoder's 1/frame-rate clock; each packet finds its picture's source times by that number
        f.pts(sourceTimes.size() - 1);
        f.pict_type(sourceTimes.size() == 1 ? AV_PICTURE_TYPE_I : AV_PICTURE_TYPE_NONE);
        encoder.encode(f, this::packet);
    }

    private Encoder open(AVFrame f) {
        AVCodec codec = params.codecId() == AV_CODEC_ID_H264 ? Encoder.find("h264", AV_CODEC_ID_H264)
                : avcodec_find_encoder(params.codecId());
        if (codec == null || codec.isNull() || Encoder.isHardware(codec)) {
            throw new AvUnsupportedException("exact export: this FFmpeg build has no software " + stream.codecName()
                                             + " encoder to re-encode the first GOP with", 0, null);
        }
        if (!Encoder.takesPixelFormat(codec, f.format())) {
            throw new AvUnsupportedException("exact export: " + codec.name().getString() + " does not take the "
                                             + stream.pixelFormat() + " pictures of the recording", 0, null);
        }
        Rational rate = stream.averageRate().isValid() ? stream.averageRate()
                : stream.guessedRate().isValid() ? stream.guessedRate() : new Rational(25, 1);
        // a head of a second or two: twice the recording's rate (when known) keeps it as sharp as what follows
        long rate2 = Math.max(params.bitRate(), stream.bitRate()) * 2;
        long bitRate = rate2 > 0 ? rate2 : (long) (f.width() * (long) f.height() * rate.toDouble() * 0.2);
        return Encoder.openVideo(codec, new Encoder.VideoSettings(f.width(), f.height(), f.format(), rate.invert(), rate,
                bitRate, 100_000, 0, false, Map.of(), f.colorspace(), f.color_range(), null), null);
    }

    private void packet(AVPacket p) {
        int i = (int) p.pts();
        if (i < 0 || i >= sourceTimes.size()) {
            return; // not one of ours (cannot happen without B-frames)
        }
        long pts = sourceTimes.get(i)[0];
        byte[] data = new byte[p.size()];
        p.data().get(data);
        boolean key = (p.flags() & AV_PKT_FLAG_KEY) != 0;
        FrameProps o = template.props();
        out.add(new MediaPacket(new FrameProps(o.streamIndex(), pts, pts - dtsDelay, sourceTimes.get(i)[1], timeBase, key,
                o.frameIndex() + i, stream, o.streamGroup(), false, false), MediaType.VIDEO,
                ParameterSets.framed(params, data), key ? AV_PKT_FLAG_KEY : 0));
    }
}
