package org.camelav.media.audio;

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

    public AudioFrame(FrameProps props, int sampleRate, int channels, String channelLayout, String sampleFormat,
                      int samples, byte[] data) {
        super(props);
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
        return new AudioFrame(props, sampleRate, channels, channelLayout, sampleFormat, samples, data);
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
