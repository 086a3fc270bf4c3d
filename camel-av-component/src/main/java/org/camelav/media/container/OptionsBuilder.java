package org.camelav.media.container;

import java.util.Map;

import org.camelav.media.BitStreamFilters;
import org.camelav.media.video.Interpolation;

/**
 * What {@link ReaderOptions.Builder} and {@link WriterOptions.Builder} share: the options that name a media URL and
 * describe its pictures and sound, read or written.
 *
 * @param <B> the concrete builder, returned by every setter
 */
public abstract class OptionsBuilder<B extends OptionsBuilder<B>> {

    /**
     * The defaults of an endpoint without options live here, in the media layer, and the component's
     * {@code @UriParam} defaults name them, so a reader or writer built directly behaves as a route does.
     */
    public static final long DEFAULT_TIMEOUT_MILLIS = 30_000;
    /** The swscale algorithm by name: an annotation's default must be a constant, and an enum value is not one. */
    public static final String DEFAULT_INTERPOLATION_NAME = "BILINEAR";
    public static final Interpolation DEFAULT_INTERPOLATION = Interpolation.valueOf(DEFAULT_INTERPOLATION_NAME);
    /** Where encoded video timestamps come from, by name for the same reason. */
    public static final String DEFAULT_TIMESTAMPS_NAME = "SOURCE";
    public static final Timestamps DEFAULT_TIMESTAMPS = Timestamps.valueOf(DEFAULT_TIMESTAMPS_NAME);
    /** Items a writer holds back while waiting for every stream of the source (see {@link MuxingOptions}). */
    public static final int DEFAULT_STREAM_WAIT_ITEMS = 500;

    String url;
    String format;
    Map<String, ?> formatOptions = Map.of();
    Map<String, ?> codecOptions = Map.of();
    String pixelFormat;
    int width;
    int height;
    Interpolation interpolation = DEFAULT_INTERPOLATION;
    int sampleRate;
    String channelLayout;
    long timeoutMillis = DEFAULT_TIMEOUT_MILLIS;
    BitStreamFilters bsf = BitStreamFilters.NONE;

    OptionsBuilder() {
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    /** Bitstream filter chains for the video and the audio packets ({@code -bsf:v}, {@code -bsf:a}). */
    public B bsf(BitStreamFilters bsf) {
        this.bsf = bsf == null ? BitStreamFilters.NONE : bsf;
        return self();
    }

    public B url(String url) {
        this.url = url;
        return self();
    }

    public B format(String format) {
        this.format = format;
        return self();
    }

    public B formatOptions(Map<String, ?> formatOptions) {
        this.formatOptions = formatOptions;
        return self();
    }

    public B codecOptions(Map<String, ?> codecOptions) {
        this.codecOptions = codecOptions;
        return self();
    }

    public B pixelFormat(String pixelFormat) {
        this.pixelFormat = pixelFormat;
        return self();
    }

    public B width(int width) {
        this.width = width;
        return self();
    }

    public B height(int height) {
        this.height = height;
        return self();
    }

    public B interpolation(Interpolation interpolation) {
        this.interpolation = interpolation;
        return self();
    }

    public B sampleRate(int sampleRate) {
        this.sampleRate = sampleRate;
        return self();
    }

    public B channelLayout(String channelLayout) {
        this.channelLayout = channelLayout;
        return self();
    }

    public B timeoutMillis(long timeoutMillis) {
        this.timeoutMillis = timeoutMillis;
        return self();
    }
}
