package org.camelav.media;

import static org.bytedeco.ffmpeg.global.avcodec.av_bsf_flush;
import static org.bytedeco.ffmpeg.global.avcodec.av_bsf_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_bsf_init;
import static org.bytedeco.ffmpeg.global.avcodec.av_bsf_iterate;
import static org.bytedeco.ffmpeg.global.avcodec.av_bsf_list_parse_str;
import static org.bytedeco.ffmpeg.global.avcodec.av_bsf_receive_packet;
import static org.bytedeco.ffmpeg.global.avcodec.av_bsf_send_packet;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_DATA_NEW_EXTRADATA;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_get_side_data;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_ref;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_copy;

import java.util.List;
import java.util.function.Consumer;

import org.bytedeco.ffmpeg.avcodec.AVBSFContext;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.SizeTPointer;

/**
 * One bitstream filter chain on one stream's packets (PyAV's {@code BitStreamFilterContext}, ffmpeg's {@code -bsf}):
 * parsed with {@code av_bsf_list_parse_str}, given the stream's codec parameters and time base, initialised; then
 * packets go in and zero or more come out. The output parameters may differ from the input's (h264_mp4toannexb turns
 * the avcC extradata into Annex B parameter sets), so whoever describes the filtered stream takes
 * {@link #outputParameters()}.
 */
public final class BitStreamFilter implements AutoCloseable {

    private final String description;
    private AVBSFContext ctx = new AVBSFContext(null);
    private AVPacket in = av_packet_alloc();
    private AVPacket out = av_packet_alloc();
    private CodecParameters outputParameters;
    private final Rational outputTimeBase;

    /** @throws AvException when the chain does not parse, names an unknown filter or refuses the stream's codec */
    public BitStreamFilter(String description, CodecParameters input, Rational timeBase) {
        Ffmpeg.init();
        this.description = description;
        try {
            AvErrors.check(av_bsf_list_parse_str(description, ctx), "Invalid bitstream filter '" + description + "'");
            input.copyTo(ctx.par_in());
            timeBase.copyTo(ctx.time_base_in());
            AvErrors.check(av_bsf_init(ctx), "Cannot initialise bitstream filter '" + description + "'");
            outputParameters = CodecParameters.of(ctx.par_out());
            outputTimeBase = Rational.of(ctx.time_base_out());
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * Codec parameters of the filtered stream, as of the last packet out: a filter that learns the stream's extradata
     * from its packets (aac_adtstoasc) sends it as AV_PKT_DATA_NEW_EXTRADATA side data of its first packet, which
     * updates them.
     */
    public CodecParameters outputParameters() {
        return outputParameters;
    }

    /** Replaces {@code target}'s contents (extradata and side data included) with the filtered stream's parameters. */
    public void copyOutputTo(AVCodecParameters target) {
        AvErrors.check(avcodec_parameters_copy(target, ctx.par_out()), "Cannot copy bitstream filter parameters");
    }

    /** Time base of the filtered packets. */
    public Rational outputTimeBase() {
        return outputTimeBase;
    }

    /**
     * Filters one packet (the caller keeps its reference), or drains the chain when {@code pkt} is null; each packet
     * that comes out goes to {@code sink}, valid only during the call.
     */
    public void filter(AVPacket pkt, Consumer<AVPacket> sink) {
        if (pkt != null) {
            AvErrors.check(av_packet_ref(in, pkt), "Cannot reference packet");
        }
        // send takes over the reference and blanks `in`; on failure it is still ours
        int ret = av_bsf_send_packet(ctx, pkt == null ? null : in);
        av_packet_unref(in);
        AvErrors.check(ret, "Bitstream filter '" + description + "' refused a packet");
        while (true) {
            ret = av_bsf_receive_packet(ctx, out);
            if (ret == AvErrors.EAGAIN || ret == AvErrors.EOF) {
                return;
            }
            AvErrors.check(ret, "Bitstream filter '" + description + "' failed");
            takeNewExtradata(out);
            try {
                sink.accept(out);
            } finally {
                av_packet_unref(out);
            }
        }
    }

    private void takeNewExtradata(AVPacket p) {
        try (SizeTPointer size = new SizeTPointer(1)) {
            BytePointer data = av_packet_get_side_data(p, AV_PKT_DATA_NEW_EXTRADATA, size);
            if (data != null && !data.isNull() && size.get() > 0) {
                byte[] extradata = new byte[(int) size.get()];
                data.get(extradata);
                outputParameters = outputParameters.withExtradata(extradata);
            }
        }
    }

    /** Forgets buffered state, e.g. before an input starts over; the chain can take packets again after draining. */
    public void reset() {
        av_bsf_flush(ctx);
    }

    /** Names of the bitstream filters of this FFmpeg build (PyAV's {@code bitstream_filters_available}). */
    public static List<String> available() {
        return Ffmpeg.iterate(o -> av_bsf_iterate(o)).stream().map(f -> f.name().getString()).sorted().toList();
    }

    @Override
    public void close() {
        if (ctx != null) {
            if (!ctx.isNull()) {
                av_bsf_free(ctx);
            }
            ctx = null;
        }
        if (in != null) {
            av_packet_free(in);
            in = null;
        }
        if (out != null) {
            av_packet_free(out);
            out = null;
        }
    }
}
