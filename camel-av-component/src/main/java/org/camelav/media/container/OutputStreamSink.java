package org.camelav.media.container;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;

import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVRational;

/**
 * Where one stream's packets go: rescales them from the producing side's time base to the stream's (which the muxer may
 * have changed in avformat_write_header) and hands them to the muxer.
 */
final class OutputStreamSink {

    private final MediaOutput output;
    private final int index;

    OutputStreamSink(MediaOutput output, int index) {
        this.output = output;
        this.index = index;
    }

    AVStream stream() {
        return output.stream(index);
    }

    int index() {
        return index;
    }

    /** Muxes {@code pkt}, whose timestamps are in {@code from}; the packet is left unreferenced. */
    void write(AVPacket pkt, AVRational from) {
        pkt.stream_index(index);
        av_packet_rescale_ts(pkt, from, stream().time_base());
        output.write(pkt);
    }
}
