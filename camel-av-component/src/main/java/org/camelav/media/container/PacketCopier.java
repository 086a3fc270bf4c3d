package org.camelav.media.container;

import org.camelav.media.CodecParameters;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;

import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.camelav.media.AvException;
import org.camelav.media.BitStreamFilter;
import org.camelav.media.BitStreamFilters;
import org.camelav.media.MediaItem;
import org.camelav.media.MediaPacket;
import org.camelav.media.Rational;

/** Remuxes packets without re-encoding: the output stream copies the source's codec parameters (stream copy). */
final class PacketCopier implements StreamWriter {

    private final OutputStreamSink sink;
    private final TimestampOrigin origin;
    private final Rational sourceTimeBase;
    private final CodecParameters parameters;
    private AVPacket pkt = av_packet_alloc();
    /** The stream's -bsf chain, null for none: the output stream carries what it makes. */
    private BitStreamFilter bsf;

    PacketCopier(MediaPacket first, OutputStreamSink sink, TimestampOrigin origin, BitStreamFilters filters) {
        if (first.stream() == null) {
            throw new AvException("Packet carries no stream parameters; cannot remux it");
        }
        this.sink = sink;
        this.origin = origin;
        this.sourceTimeBase = first.timeBase();
        this.parameters = first.stream().codecParameters();
        String chain = filters.of(first.mediaType());
        if (chain == null) {
            parameters.copyTo(sink.stream().codecpar());
            sourceTimeBase.copyTo(sink.stream().time_base());
        } else {
            try {
                bsf = new BitStreamFilter(chain, parameters, sourceTimeBase);
            } catch (RuntimeException e) {
                close();
                throw e;
            }
            bsf.outputParameters().copyTo(sink.stream().codecpar());
            bsf.outputTimeBase().copyTo(sink.stream().time_base());
        }
    }

    /**
     * The same encoded stream: codec, picture size and format, sample rate and channels, and the codec's global
     * header (SPS/PPS, AudioSpecificConfig) that the container's header carries. A packet without parameters is
     * taken as unchanged.
     */
    @Override
    public boolean accepts(MediaItem item) {
        if (!(item instanceof MediaPacket)) {
            return false;
        }
        CodecParameters c = item.stream() == null ? null : item.stream().codecParameters();
        return c == null || c.mediaType() == parameters.mediaType() && c.codecId() == parameters.codecId()
                            && c.width() == parameters.width() && c.height() == parameters.height()
                            && c.format() == parameters.format() && c.sampleRate() == parameters.sampleRate()
                            && c.channels() == parameters.channels()
                            && java.util.Arrays.equals(c.extradata(), parameters.extradata());
    }

    @Override
    public void write(MediaItem item) {
        MediaPacket p = (MediaPacket) item;
        Rational tb = p.timeBase().isValid() ? p.timeBase() : sourceTimeBase;
        try {
            p.fill(pkt, origin.shift(p.pts(), tb, sourceTimeBase), origin.shift(p.dts(), tb, sourceTimeBase));
            pkt.duration(Rational.rescale(p.duration(), tb, sourceTimeBase));
            sourceTimeBase.copyTo(pkt.time_base());
            if (bsf == null) {
                sink.write(pkt, pkt.time_base());
            } else {
                bsf.filter(pkt, this::filtered);
            }
        } finally {
            av_packet_unref(pkt);
        }
    }

    private void filtered(AVPacket p) {
        bsf.outputTimeBase().copyTo(p.time_base());
        sink.write(p, p.time_base());
    }

    @Override
    public void flush() {
        if (bsf != null) { // what the chain still holds (e.g. a reordering filter's last packets)
            bsf.filter(null, this::filtered);
        }
    }

    @Override
    public String encoderName() {
        return null;
    }

    @Override
    public void close() {
        if (bsf != null) {
            bsf.close();
            bsf = null;
        }
        if (pkt != null) {
            av_packet_free(pkt);
            pkt = null;
        }
    }
}
