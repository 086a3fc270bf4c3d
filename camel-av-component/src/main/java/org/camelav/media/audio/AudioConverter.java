package org.camelav.media.audio;

import static org.bytedeco.ffmpeg.global.avutil.AV_CHANNEL_ORDER_UNSPEC;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_copy;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_default;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_describe;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_from_string;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_uninit;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;
import static org.bytedeco.ffmpeg.global.avutil.av_get_bytes_per_sample;
import static org.bytedeco.ffmpeg.global.avutil.av_get_sample_fmt;
import static org.bytedeco.ffmpeg.global.avutil.av_get_sample_fmt_name;
import static org.bytedeco.ffmpeg.global.avutil.av_sample_fmt_is_planar;
import static org.bytedeco.ffmpeg.global.swresample.swr_alloc_set_opts2;
import static org.bytedeco.ffmpeg.global.swresample.swr_convert_frame;
import static org.bytedeco.ffmpeg.global.swresample.swr_free;
import static org.bytedeco.ffmpeg.global.swresample.swr_init;

import java.nio.charset.StandardCharsets;

import org.bytedeco.ffmpeg.avutil.AVChannelLayout;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swresample.SwrContext;
import org.bytedeco.javacpp.Pointer;
import org.camelav.media.AvErrors;
import org.camelav.media.Ffmpeg;
import org.camelav.media.FrameProps;

/**
 * Copies decoded audio out of an AVFrame, resampling through one reused SwrContext when a sample format, rate or
 * channel layout is requested (PyAV's {@code AudioResampler}).
 */
public final class AudioConverter implements AutoCloseable {

    private final int targetFormat;
    private final int targetRate;
    private final AVChannelLayout targetLayout;
    private SwrContext swr;
    private AVFrame out;
    private int outFormat;
    private int outRate;
    private AVChannelLayout outLayout;
    /** The input the resampler was set up for (format/rate/layout): another one rebuilds it. */
    private String input;

    /** Null/0 arguments keep the decoder's value. */
    public AudioConverter(String sampleFormat, int sampleRate, String channelLayout) {
        this.targetFormat = sampleFormat == null || sampleFormat.isBlank() ? -1 : sampleFormatId(sampleFormat);
        this.targetRate = Math.max(0, sampleRate);
        if (channelLayout != null && !channelLayout.isBlank()) {
            targetLayout = new AVChannelLayout();
            if (av_channel_layout_from_string(targetLayout, channelLayout) < 0) {
                targetLayout.close();
                throw new IllegalArgumentException("Unknown channel layout '" + channelLayout + "'");
            }
        } else {
            targetLayout = null;
        }
    }

    public static int sampleFormatId(String name) {
        Ffmpeg.init();
        int id = av_get_sample_fmt(name);
        if (id < 0) {
            throw new IllegalArgumentException("Unknown sample format '" + name + "'");
        }
        return id;
    }

    boolean resamples() {
        return targetFormat >= 0 || targetRate > 0 || targetLayout != null;
    }

    /** Converts one decoded frame; properties come from the caller (it is in the decoder's time base). */
    public AudioFrame convert(AVFrame src, FrameProps props) {
        withDefaultLayout(src);
        if (!resamples()) {
            return copy(src, props);
        }
        String key = src.format() + "/" + src.sample_rate() + "/" + describe(src.ch_layout());
        if (swr != null && !key.equals(input)) {
            // the source changed its rate, format or layout mid-stream (ffmpeg_filter.c reinitialises the same way):
            // a new resampler from the new input to the same output; the old one's few delayed samples are dropped
            swr_free(swr);
            swr = null;
        }
        if (swr == null) {
            openResampler(src);
            input = key;
        }
        if (out == null) {
            out = av_frame_alloc();
        }
        configureOutput(src);
        try {
            AvErrors.check(swr_convert_frame(swr, out, src), "Resampling failed");
            return copy(out, props);
        } finally {
            av_frame_unref(out);
        }
    }

    /**
     * Drains the samples the resampler still buffers (its filter delay) at end of stream, so none are lost; null when
     * there are none or nothing was resampled.
     */
    public AudioFrame flush(FrameProps props) {
        if (swr == null || out == null) {
            return null;
        }
        out.format(outFormat).sample_rate(outRate);
        AvErrors.check(av_channel_layout_copy(out.ch_layout(), outLayout), "Cannot set channel layout");
        try {
            AvErrors.check(swr_convert_frame(swr, out, null), "Resampler flush failed");
            return out.nb_samples() > 0 ? copy(out, props) : null;
        } finally {
            av_frame_unref(out);
        }
    }

    /** Output frame parameters for the resampler; set before each swr_convert_frame (av_frame_unref clears them). */
    private void configureOutput(AVFrame src) {
        if (outLayout == null) {
            outFormat = targetFormat >= 0 ? targetFormat : src.format();
            outRate = targetRate > 0 ? targetRate : src.sample_rate();
            outLayout = new AVChannelLayout();
            AvErrors.check(av_channel_layout_copy(outLayout, targetLayout != null ? targetLayout : src.ch_layout()),
                    "Cannot set channel layout");
        }
        out.format(outFormat).sample_rate(outRate);
        AvErrors.check(av_channel_layout_copy(out.ch_layout(), outLayout), "Cannot set channel layout");
    }

    /**
     * A source that does not say which channels it has (a plain WAV, raw PCM: order UNSPEC) gets the default layout
     * for its channel count, as ffmpeg does: set-up and every conversion then see the same layout, where swresample
     * would otherwise take the frames for an "Input changed".
     */
    public static void withDefaultLayout(AVFrame f) {
        AVChannelLayout l = f.ch_layout();
        if (l.order() == AV_CHANNEL_ORDER_UNSPEC && l.nb_channels() > 0) {
            int channels = l.nb_channels();
            av_channel_layout_uninit(l);
            av_channel_layout_default(l, channels);
        }
    }

    /** Output as requested, else the first input's; once frames went out, the same output for every later input. */
    private void openResampler(AVFrame src) {
        SwrContext ctx = new SwrContext(null);
        boolean fixed = this.outLayout != null;
        AVChannelLayout layout = fixed ? this.outLayout : targetLayout != null ? targetLayout : src.ch_layout();
        int format = fixed ? outFormat : targetFormat >= 0 ? targetFormat : src.format();
        int rate = fixed ? outRate : targetRate > 0 ? targetRate : src.sample_rate();
        AvErrors.check(swr_alloc_set_opts2(ctx, layout, format, rate, src.ch_layout(), src.format(),
                src.sample_rate(), 0, (Pointer) null), "Cannot configure resampler");
        swr = ctx;
        AvErrors.check(swr_init(swr), "Cannot initialise resampler");
    }

    private static AudioFrame copy(AVFrame f, FrameProps props) {
        int fmt = f.format();
        int channels = f.ch_layout().nb_channels();
        int bps = av_get_bytes_per_sample(fmt);
        int samples = f.nb_samples();
        boolean planar = av_sample_fmt_is_planar(fmt) != 0;
        byte[] data = new byte[samples * channels * bps];
        if (planar) {
            int plane = samples * bps;
            for (int c = 0; c < channels; c++) {
                f.extended_data(c).get(data, c * plane, plane);
            }
        } else {
            f.extended_data(0).get(data, 0, data.length);
        }
        return new AudioFrame(props, f.sample_rate(), channels, describe(f.ch_layout()),
                av_get_sample_fmt_name(fmt).getString(), samples, data);
    }

    public static String describe(AVChannelLayout layout) {
        byte[] buf = new byte[64];
        int n = av_channel_layout_describe(layout, buf, buf.length);
        if (n <= 0) {
            return null;
        }
        int len = 0;
        while (len < buf.length && buf[len] != 0) {
            len++;
        }
        return new String(buf, 0, len, StandardCharsets.US_ASCII);
    }

    @Override
    public void close() {
        if (swr != null) {
            swr_free(swr);
            swr = null;
        }
        if (out != null) {
            av_frame_free(out);
            out = null;
        }
        if (outLayout != null) {
            av_channel_layout_uninit(outLayout);
            outLayout.close();
            outLayout = null;
        }
        if (targetLayout != null && !targetLayout.isNull()) {
            av_channel_layout_uninit(targetLayout);
            targetLayout.close();
        }
    }
}
