package org.camelav.media.container;

import org.camelav.media.codec.DecoderOptions;
import org.camelav.media.codec.HwAccel;
import org.camelav.media.codec.SkipFrame;
import org.camelav.media.codec.ThreadType;
import org.camelav.media.io.IoAdapter;

/**
 * Everything {@link MediaReader} needs to open and read an input, in the three parts PyAV keeps apart: how to open it
 * ({@code av.open}: {@link InputOptions}), how to decode it (the codec context: {@link DecoderOptions}) and what to
 * deliver ({@code reformat}, filters, bounds and pacing: {@link DeliveryOptions}). Each part goes only where it is used:
 * {@link MediaInput} opens from the first, {@link StreamChain} decodes and delivers from the other two. Immutable: the
 * Camel endpoint builds it once when it starts; variants come from the {@code with...} methods or {@link #toBuilder()}.
 */
public record ReaderOptions(InputOptions input, DecoderOptions decoding, DeliveryOptions delivery) {

    /** Defaults for {@code url}, as an endpoint without options reads it. */
    public static ReaderOptions of(String url) {
        return builder(url).build();
    }

    public static Builder builder(String url) {
        return new Builder().url(url);
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** The input as given: its URL, or what names a message body. */
    public String url() {
        return input.url();
    }

    /** The same options reading {@code source} (null: the url itself), named {@code url}: a message body. */
    public ReaderOptions withInput(String url, IoAdapter source) {
        return toBuilder().url(url).source(source).build();
    }

    /** The same options with another item bound: what is left of it on a new connection. */
    public ReaderOptions withMaxFrames(long maxFrames) {
        return toBuilder().maxFrames(maxFrames).build();
    }

    /** Builds {@link ReaderOptions}; unset fields keep the defaults of an endpoint without options. */
    public static final class Builder extends OptionsBuilder<Builder> {
        private IoAdapter source;
        private boolean packets;
        private String streams;
        private String decoder;
        private SkipFrame skipFrame;
        private ThreadType threadType;
        private Integer threadCount;
        private boolean lowDelay;
        private boolean zeroCopy;
        private boolean deferCopy;
        private String filter;
        private String sampleFormat;
        private Double startTime;
        private long maxFrames;
        private Double duration;
        private boolean loop;
        private boolean realtime;
        private HwAccel hwaccel;
        private InputPolicy policy;
        private boolean autorotate;
        private String audioFilter;

        private Builder() {
        }

        private Builder(ReaderOptions o) {
            InputOptions in = o.input;
            url = in.url();
            source = in.source();
            format = in.format();
            formatOptions = in.formatOptions();
            timeoutMillis = in.timeoutMillis();
            policy = in.policy();
            DecoderOptions dec = o.decoding;
            decoder = dec.codecName();
            skipFrame = dec.skipFrame();
            threadType = dec.threadType();
            threadCount = dec.threadCount();
            lowDelay = dec.lowDelay();
            codecOptions = dec.codecOptions();
            hwaccel = dec.hwaccel();
            DeliveryOptions d = o.delivery;
            packets = d.packets();
            streams = d.streams();
            bsf = d.bsf();
            zeroCopy = d.zeroCopy();
            deferCopy = d.deferCopy();
            pixelFormat = d.pixelFormat();
            width = d.width();
            height = d.height();
            interpolation = d.interpolation();
            filter = d.filter();
            autorotate = d.autorotate();
            sampleFormat = d.sampleFormat();
            sampleRate = d.sampleRate();
            channelLayout = d.channelLayout();
            audioFilter = d.audioFilter();
            startTime = d.startTime();
            maxFrames = d.maxFrames();
            duration = d.duration();
            loop = d.loop();
            realtime = d.realtime();
        }

        public ReaderOptions build() {
            return new ReaderOptions(
                    new InputOptions(url, source, format, OptionMaps.sorted(formatOptions), timeoutMillis, policy),
                    new DecoderOptions(decoder, skipFrame, threadType, threadCount, lowDelay,
                            OptionMaps.sorted(codecOptions), hwaccel),
                    new DeliveryOptions(packets, streams, bsf, zeroCopy, deferCopy, pixelFormat, width, height, interpolation,
                            filter, autorotate, sampleFormat, sampleRate, channelLayout, audioFilter, startTime,
                            maxFrames, duration, loop, realtime));
        }

        public Builder policy(InputPolicy policy) {
            this.policy = policy;
            return this;
        }

        public Builder hwaccel(HwAccel hwaccel) {
            this.hwaccel = hwaccel;
            return this;
        }

        public Builder source(IoAdapter source) {
            this.source = source;
            return this;
        }

        public Builder packets(boolean packets) {
            this.packets = packets;
            return this;
        }

        public Builder streams(String streams) {
            this.streams = streams;
            return this;
        }

        public Builder decoder(String decoder) {
            this.decoder = decoder;
            return this;
        }

        public Builder skipFrame(SkipFrame skipFrame) {
            this.skipFrame = skipFrame;
            return this;
        }

        public Builder threadType(ThreadType threadType) {
            this.threadType = threadType;
            return this;
        }

        public Builder threadCount(Integer threadCount) {
            this.threadCount = threadCount;
            return this;
        }

        public Builder lowDelay(boolean lowDelay) {
            this.lowDelay = lowDelay;
            return this;
        }

        public Builder zeroCopy(boolean zeroCopy) {
            this.zeroCopy = zeroCopy;
            return this;
        }

        /**
         * Without zeroCopy: unconverted video frames copy FFmpeg's picture into their array only when released; the
         * caller must release every item (see {@link DeliveryOptions#deferCopy()}).
         */
        public Builder deferCopy(boolean deferCopy) {
            this.deferCopy = deferCopy;
            return this;
        }

        public Builder filter(String filter) {
            this.filter = filter;
            return this;
        }

        public Builder sampleFormat(String sampleFormat) {
            this.sampleFormat = sampleFormat;
            return this;
        }

        public Builder startTime(Double startTime) {
            this.startTime = startTime;
            return this;
        }

        public Builder maxFrames(long maxFrames) {
            this.maxFrames = maxFrames;
            return this;
        }

        public Builder duration(Double duration) {
            this.duration = duration;
            return this;
        }

        public Builder loop(boolean loop) {
            this.loop = loop;
            return this;
        }

        public Builder realtime(boolean realtime) {
            this.realtime = realtime;
            return this;
        }

        public Builder audioFilter(String audioFilter) {
            this.audioFilter = audioFilter;
            return this;
        }

        public Builder autorotate(boolean autorotate) {
            this.autorotate = autorotate;
            return this;
        }

    }
}
