package org.camelav.media.filter;

import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.camelav.media.Rational;
import org.camelav.media.audio.AudioConverter;

/**
 * An audio filter graph ({@code ffmpeg -af}: {@code volume=0.5}, {@code aresample=16000}, {@code loudnorm},
 * {@code silencedetect}...), set up as FFmpeg's doc/examples/decode_filter_audio.c does: an {@code abuffer} source
 * described by the decoded frames' sample rate, sample format and channel layout, and an {@code abuffersink}. Rebuilt
 * when a frame arrives with another rate, format or layout (see {@link SimpleFilterGraph}).
 */
public final class AudioFilter extends SimpleFilterGraph {

    public AudioFilter(String description) {
        super(description);
    }

    @Override
    String sourceFilter() {
        return "abuffer";
    }

    @Override
    String sinkFilter() {
        return "abuffersink";
    }

    /** A WAV or raw PCM input says no channel layout: the default one for its count, as ffmpeg and the converter do. */
    @Override
    void prepare(AVFrame f) {
        AudioConverter.withDefaultLayout(f);
    }

    @Override
    String sourceArguments(AVFrame f, Rational tb) {
        return "time_base=" + tb + ":sample_rate=" + f.sample_rate() + ":sample_fmt=" + f.format()
               + ":channel_layout=" + AudioConverter.describe(f.ch_layout());
    }

    @Override
    String parameters(AVFrame f) {
        return f.sample_rate() + "/" + f.format() + "/" + AudioConverter.describe(f.ch_layout());
    }
}
