package org.camelav.media.audio;

import java.util.Map;

import org.camelav.media.FrameProps;
import org.camelav.media.MediaItem;
import org.camelav.media.MediaType;

/**
 * Decoded audio (PyAV's {@code AudioFrame}): {@link #samples()} samples per channel in {@link #sampleFormat()}.
 * Packed formats ({@code s16}, {@code flt}) interleave channels; planar ones ({@code fltp}, {@code s16p}) store one
 * plane per channel, planes one after another. Byte order is the platform's.
 */
public final class AudioFrame extends MediaItem {

    private final int sampleRate;
    private final int channels;
    private final String channelLayout;
    private final String sampleFormat;
    private final int samples;
    private final byte[] data;
    private final Map<String, String> metadata;

    public AudioFrame(FrameProps props, int sampleRate, int channels, String channelLayout, String sampleFormat,
                      int samples, byte[] data) {
        this(props, sampleRate, channels, channelLayout, sampleFormat, samples, data, Map.of());
    }

    private AudioFrame(FrameProps props, int sampleRate, int channels, String channelLayout, String sampleFormat,
                       int samples, byte[] data, Map<String, String> metadata) {
        super(props);
        this.metadata = Map.copyOf(metadata);
        this.sampleRate = sampleRate;
        this.channels = channels;
        this.channelLayout = channelLayout;
        this.sampleFormat = sampleFormat;
        this.samples = samples;
        this.data = data;
    }

    @Override
    public MediaType mediaType() {
        return MediaType.AUDIO;
    }

    @Override
    public AudioFrame withProps(FrameProps props) {
        return new AudioFrame(props, sampleRate, channels, channelLayout, sampleFormat, samples, data, metadata);
    }

    /** The same samples with the frame metadata an audio filter reported (see {@link #metadata()}). */
    public AudioFrame withMetadata(Map<String, String> metadata) {
        return new AudioFrame(props(), sampleRate, channels, channelLayout, sampleFormat, samples, data, metadata);
    }

    /**
     * The frame's metadata ({@code AVFrame.metadata}) as the audio filter graph left it: what reporting filters
     * measured, e.g. {@code lavfi.silence_start}, {@code lavfi.r128.I}, {@code lavfi.astats.Overall.RMS_level}. Values
     * are FFmpeg's strings; empty when there is none.
     */
    public Map<String, String> metadata() {
        return metadata;
    }

    public int sampleRate() {
        return sampleRate;
    }

    public int channels() {
        return channels;
    }

    /** FFmpeg's description, e.g. {@code stereo}, {@code 5.1}. */
    public String channelLayout() {
        return channelLayout;
    }

    public String sampleFormat() {
        return sampleFormat;
    }

    /** Samples per channel. */
    public int samples() {
        return samples;
    }

    public byte[] data() {
        return data;
    }

    @Override
    public String toString() {
        return "AudioFrame[" + samples + " samples " + sampleRate + "Hz " + channelLayout + " " + sampleFormat
                + " pts=" + pts() + "]";
    }
}
