package org.camelav.media.container;

import static org.bytedeco.ffmpeg.global.avcodec.av_new_packet;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;

import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.camelav.media.AvErrors;
import org.camelav.media.AvException;
import org.camelav.media.MediaItem;
import org.camelav.media.MediaPacket;
import org.camelav.media.Rational;

/** Remuxes packets without re-encoding: the output stream copies the source's codec parameters (stream copy). */
final class PacketCopier implements StreamWriter {

    private final OutputStreamSink sink;
    private final TimestampOrigin origin;
    private final Rational sourceTimeBase;
    private AVPacket pkt = av_packet_alloc();

    PacketCopier(MediaPacket first, OutputStreamSink sink, TimestampOrigin origin) {
        if (first.stream() == null) {
            throw new AvException("Packet carries no stream parameters; cannot remux it");
        }
        this.sink = sink;
        this.origin = origin;
        this.sourceTimeBase = first.timeBase();
        first.stream().codecParameters().copyTo(sink.stream().codecpar());
        sourceTimeBase.copyTo(sink.stream().time_base());
    }

    @Override
    public void write(MediaItem item) {
        MediaPacket p = (MediaPacket) item;
        Rational tb = p.timeBase().isValid() ? p.timeBase() : sourceTimeBase;
        AvErrors.check(av_new_packet(pkt, p.size()), "Cannot allocate packet");
        try {
            if (p.size() > 0) {
                pkt.data().put(p.data(), 0, p.size());
            }
            Long pts = origin.shift(p.pts(), tb, sourceTimeBase);
            Long dts = origin.shift(p.dts(), tb, sourceTimeBase);
            pkt.pts(pts == null ? AV_NOPTS_VALUE : pts);
            pkt.dts(dts == null ? AV_NOPTS_VALUE : dts);
            pkt.duration(Rational.rescale(p.duration(), tb, sourceTimeBase));
            pkt.flags(p.flags());
            sourceTimeBase.copyTo(pkt.time_base());
            sink.write(pkt, pkt.time_base());
        } finally {
            av_packet_unref(pkt);
        }
    }

    @Override
    public void flush() {
        // nothing buffered
    }

    @Override
    public String encoderName() {
        return null;
    }

    @Override
    public void close() {
        if (pkt != null) {
            av_packet_free(pkt);
            pkt = null;
        }
    }
}
