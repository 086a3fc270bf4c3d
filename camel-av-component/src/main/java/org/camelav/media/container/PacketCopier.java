package org.camelav.media.container;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;

import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.camelav.media.AvException;
import org.camelav.media.BitStreamFilters;
import org.camelav.media.CodecParameters;
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
    private final FilteredOutput out;

    PacketCopier(MediaPacket first, OutputStreamSink sink, TimestampOrigin origin, BitStreamFilters bsf) {
        if (first.stream() == null) {
            throw new AvException("Packet carries no stream parameters; cannot remux it");
        }
        this.sink = sink;
        this.origin = origin;
        this.sourceTimeBase = first.timeBase();
        this.parameters = first.stream().codecParameters();
        parameters.copyTo(sink.stream().codecpar());
        sourceTimeBase.copyTo(sink.stream().time_base());
        try {
            out = new FilteredOutput(sink, first.mediaType(), bsf, sourceTimeBase);
        } catch (RuntimeException e) {
            close();
            throw e;
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
            out.write(pkt, pkt.time_base());
        } finally {
            av_packet_unref(pkt);
        }
    }

    @Override
    public void flush() {
        out.flush();
    }

    @Override
    public String encoderName() {
        return null;
    }

    @Override
    public void close() {
        if (out != null) {
            out.close();
        }
        if (pkt != null) {
            av_packet_free(pkt);
            pkt = null;
        }
    }
}
