package org.camelav.media.container;

import java.util.Map;

import org.camelav.media.codec.EncoderPass;
import org.camelav.media.codec.HwAccel;
import org.camelav.media.io.IoAdapter;

/**
 * Everything {@link MediaWriter} needs, in three parts as PyAV keeps them apart: how to open the output
 * ({@code av.open(file, "w")}: {@link OutputOptions}), how to encode its streams ({@code add_stream} and the codec
 * context: {@link EncoderOptions}) and how items become its streams (header wait, timestamp origin, bitstream filters,
 * tags: {@link MuxingOptions}). Each part goes only where it is used. Immutable: the Camel endpoint builds it once when
 * it starts; variants come from the {@code with...} methods or {@link #toBuilder()}.
 */
public record WriterOptions(OutputOptions output, EncoderOptions encoding, MuxingOptions muxing) {

    /** Defaults for {@code url}, as an endpoint without options writes it. */
    public static WriterOptions of(String url) {
        return builder(url).build();
    }

    public static Builder builder(String url) {
        return new Builder().url(url);
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** The output as given: its URL, or what names a sink. */
    public String url() {
        return output.url();
    }

    /** The same options writing into {@code sink}. */
    public WriterOptions withSink(IoAdapter sink) {
        return toBuilder().sink(sink).build();
    }

    /** The same options with other muxer options. */
    public WriterOptions withFormatOptions(Map<String, ?> formatOptions) {
        return toBuilder().formatOptions(formatOptions).build();
    }

    /** Builds {@link WriterOptions}; unset fields keep the defaults of an endpoint without options. */
    public static final class Builder extends OptionsBuilder<Builder> {
        private IoAdapter sink;
        private String codec;
        private long bitRate;
        private int gopSize;
        private String frameRate;
        private Integer maxBFrames;
        private String audioCodec;
        private long audioBitRate;
        private Timestamps timestamps;
        private boolean copyTimestamps;
        private int streamWaitItems = DEFAULT_STREAM_WAIT_ITEMS;
        private HwAccel hwaccel;
        private String fallbackCodec;
        private String subtitleCodec;
        private StreamTags tags;
        private String chromaLocation;
        private int audioFrameSize;
        private int passes;
        private EncoderPass pass;

        private Builder() {
        }

        private Builder(WriterOptions o) {
            OutputOptions out = o.output;
            url = out.url();
            sink = out.sink();
            format = out.format();
            formatOptions = out.formatOptions();
            timeoutMillis = out.timeoutMillis();
            EncoderOptions e = o.encoding;
            codec = e.codec();
            fallbackCodec = e.fallbackCodec();
            hwaccel = e.hwaccel();
            codecOptions = e.codecOptions();
            pixelFormat = e.pixelFormat();
            width = e.width();
            height = e.height();
            interpolation = e.interpolation();
            frameRate = e.frameRate();
            bitRate = e.bitRate();
            gopSize = e.gopSize();
            maxBFrames = e.maxBFrames();
            timestamps = e.timestamps();
            chromaLocation = e.chromaLocation();
            passes = e.passes();
            pass = e.pass();
            audioCodec = e.audioCodec();
            audioBitRate = e.audioBitRate();
            sampleRate = e.sampleRate();
            channelLayout = e.channelLayout();
            audioFrameSize = e.audioFrameSize();
            subtitleCodec = e.subtitleCodec();
            MuxingOptions m = o.muxing;
            streamWaitItems = m.streamWaitItems();
            copyTimestamps = m.copyTimestamps();
            bsf = m.bsf();
            tags = m.tags();
        }

        public WriterOptions build() {
            return new WriterOptions(
                    new OutputOptions(url, sink, format, OptionMaps.sorted(formatOptions), timeoutMillis),
                    new EncoderOptions(codec, fallbackCodec, hwaccel, OptionMaps.sorted(codecOptions), pixelFormat,
                            width, height, interpolation, frameRate, bitRate, gopSize, maxBFrames, timestamps,
                            chromaLocation, passes, pass, audioCodec, audioBitRate, sampleRate, channelLayout,
                            audioFrameSize, subtitleCodec),
                    new MuxingOptions(streamWaitItems, copyTimestamps, bsf, tags));
        }

        public Builder tags(StreamTags tags) {
            this.tags = tags;
            return this;
        }

        public Builder chromaLocation(String chromaLocation) {
            this.chromaLocation = chromaLocation;
            return this;
        }

        public Builder passes(int passes) {
            this.passes = passes;
            return this;
        }

        public Builder pass(EncoderPass pass) {
            this.pass = pass;
            return this;
        }

        public Builder audioFrameSize(int audioFrameSize) {
            this.audioFrameSize = audioFrameSize;
            return this;
        }

        public Builder sink(IoAdapter sink) {
            this.sink = sink;
            return this;
        }

        public Builder codec(String codec) {
            this.codec = codec;
            return this;
        }

        public Builder bitRate(long bitRate) {
            this.bitRate = bitRate;
            return this;
        }

        public Builder gopSize(int gopSize) {
            this.gopSize = gopSize;
            return this;
        }

        public Builder frameRate(String frameRate) {
            this.frameRate = frameRate;
            return this;
        }

        public Builder maxBFrames(Integer maxBFrames) {
            this.maxBFrames = maxBFrames;
            return this;
        }

        public Builder audioCodec(String audioCodec) {
            this.audioCodec = audioCodec;
            return this;
        }

        public Builder audioBitRate(long audioBitRate) {
            this.audioBitRate = audioBitRate;
            return this;
        }

        public Builder timestamps(Timestamps timestamps) {
            this.timestamps = timestamps;
            return this;
        }

        public Builder copyTimestamps(boolean copyTimestamps) {
            this.copyTimestamps = copyTimestamps;
            return this;
        }

        public Builder hwaccel(HwAccel hwaccel) {
            this.hwaccel = hwaccel;
            return this;
        }

        public Builder fallbackCodec(String fallbackCodec) {
            this.fallbackCodec = fallbackCodec;
            return this;
        }

        public Builder subtitleCodec(String subtitleCodec) {
            this.subtitleCodec = subtitleCodec;
            return this;
        }

        public Builder streamWaitItems(int streamWaitItems) {
            this.streamWaitItems = streamWaitItems;
            return this;
        }
    }
}
