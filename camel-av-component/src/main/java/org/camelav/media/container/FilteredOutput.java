package org.camelav.media.container;

import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.camelav.media.BitStreamFilter;
import org.camelav.media.BitStreamFilters;
import org.camelav.media.CodecParameters;
import org.camelav.media.MediaType;
import org.camelav.media.Rational;

/**
 * One output stream's way to the muxer through its {@code -bsf} chain, if it has one (ffmpeg applies {@code -bsf:v} to
 * stream copies and to encoded streams alike): set up once the stream's parameters are final, before the header, it
 * replaces them with the chain's output; then every packet goes through the chain, and what the chain holds comes out
 * at {@link #flush()}.
 */
final class FilteredOutput implements AutoCloseable {

    private final OutputStreamSink sink;
    private BitStreamFilter bsf;

    /** @param timeBase the time base of the packets that will be written, already set as the stream's */
    FilteredOutput(OutputStreamSink sink, MediaType type, BitStreamFilters filters, Rational timeBase) {
        this.sink = sink;
        String chain = filters.of(type);
        if (chain != null) {
            bsf = new BitStreamFilter(chain, CodecParameters.of(sink.stream().codecpar()), timeBase);
            try {
                bsf.copyOutputTo(sink.stream().codecpar());
                bsf.outputTimeBase().copyTo(sink.stream().time_base());
            } catch (RuntimeException e) {
                close();
                throw e;
            }
        }
    }

    /** Muxes {@code pkt} (timestamps in {@code from}), through the chain when there is one; leaves it unreferenced. */
    void write(AVPacket pkt, AVRational from) {
        if (bsf == null) {
            sink.write(pkt, from);
            return;
        }
        pkt.time_base().num(from.num()).den(from.den());
        bsf.filter(pkt, this::filtered);
    }

    private void filtered(AVPacket p) {
        bsf.outputTimeBase().copyTo(p.time_base());
        sink.write(p, p.time_base());
    }

    /** What the chain still holds (a reordering filter's last packets); nothing without one. */
    void flush() {
        if (bsf != null) {
            bsf.filter(null, this::filtered);
        }
    }

    @Override
    public void close() {
        if (bsf != null) {
            bsf.close();
            bsf = null;
        }
    }
}
