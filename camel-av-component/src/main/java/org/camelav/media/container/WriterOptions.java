package org.camelav.media.container;

import java.util.Map;

import org.camelav.media.BitStreamFilters;
import org.camelav.media.codec.EncoderPass;
import org.camelav.media.codec.HwAccel;
import org.camelav.media.io.IoAdapter;
import org.camelav.media.video.Interpolation;

/**
 * Everything {@link MediaWriter} needs, one component per producer URI option. Immutable: the Camel endpoint builds
 * it once when it starts; variants come from the {@code with...} methods or {@link #toBuilder()}. Option maps are
 * unmodifiable and in key order.
 *
 * @param url             the output; with a {@link #sink} it only names the output and hints the format (set
 *                        {@link #format} when it cannot)
 * @param sink            write the output into this adapter (a stream or an in-memory result) instead of opening the
 *                        url; the writer closes it
 * @param format          muxer name ({@code -f}); null guesses from the file name
 * @param codec           video encoder; {@code h264} picks libx264 when present, else libopenh264
 * @param frameRate       e.g. {@code 25} or {@code 30000/1001}; null: the source's average rate, else 25
 * @param copyTimestamps  keep source timestamps as they are instead of starting the output at zero
 *                        ({@code ffmpeg -copyts})
 * @param streamWaitItems how long to hold the first items back while waiting for the other streams of the same source
 *                        to show up, so that all of them are in the header (a container's stream list is fixed once
 *                        written)
 * @param hwaccel         the device a hardware encoder ({@code h264_nvenc}...) opens, and whether it may fall back to
 *                        a software encoder; null: the encoder's default device, falling back
 * @param fallbackCodec   the software encoder to use when a hardware {@link #codec} cannot open; null: FFmpeg's
 *                        default software encoder for that format
 * @param subtitleCodec   the encoder of text subtitles (srt, ass, mov_text, webvtt); null: the muxer's default
 * @param bsf             bitstream filters run on each stream's packets, copied or encoded, before the muxer
 *                        ({@code -bsf:v}, {@code -bsf:a})
 * @param tags            language and title of the video and audio output streams
 * @param chromaLocation  where the encoded video's chroma samples sit ({@code left}, {@code center}, {@code topleft}...,
 *                        FFmpeg's names; the encoder's {@code chroma_sample_location}); null: the encoder's default
 * @param audioFrameSize  samples per channel in each frame given to an audio encoder that takes any size (PCM, FLAC);
 *                        0: 1024. Encoders with a fixed size (AAC 1024, MP2 1152) keep theirs
 * @param passes          2: {@link MediaOperations#transcode} encodes the video twice, as {@code ffmpeg -pass 1} then
 *                        {@code -pass 2}, so the encoder's rate control meets {@link #bitRate} over the whole input;
 *                        1 (or 0): one pass
 * @param pass            the pass this writer's video encoder runs (set by the two-pass transcode); null: one pass
 */
public record WriterOptions(String url, IoAdapter sink, String format, Map<String, Object> formatOptions,
        Map<String, Object> codecOptions, String codec, String pixelFormat, int width, int height,
        Interpolation interpolation, long bitRate, int gopSize, String frameRate, Integer maxBFrames, String audioCodec,
        long audioBitRate, int sampleRate, String channelLayout, long timeoutMillis, Timestamps timestamps,
        boolean copyTimestamps, int streamWaitItems, HwAccel hwaccel, String fallbackCodec, String subtitleCodec,
        BitStreamFilters bsf, StreamTags tags, String chromaLocation, int audioFrameSize, int passes,
        EncoderPass pass) {

    public WriterOptions {
        formatOptions = OptionMaps.sorted(formatOptions);
        codecOptions = OptionMaps.sorted(codecOptions);
        timestamps = timestamps == null ? Timestamps.SOURCE : timestamps;
        bsf = bsf == null ? BitStreamFilters.NONE : bsf;
        tags = tags == null ? StreamTags.NONE : tags;
        if (passes < 0 || passes > 2) {
            throw new IllegalArgumentException("passes is 1 or 2, not " + passes);
        }
    }

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
        /** Exchanges held back while waiting for every stream of the source; see streamWaitItems. */
        public static final int DEFAULT_STREAM_WAIT_ITEMS = 500;

        private IoAdapter sink;
        private String codec;
        private long bitRate;
        private int gopSize;
        private String frameRate;
        private Integer maxBFrames;
        private String audioCodec;
        private long audioBitRate;
        private Timestamps timestamps = Timestamps.SOURCE;
        private boolean copyTimestamps;
        private int streamWaitItems = DEFAULT_STREAM_WAIT_ITEMS;
        private HwAccel hwaccel;
        private String fallbackCodec;
        private String subtitleCodec;
        private StreamTags tags = StreamTags.NONE;
        private String chromaLocation;
        private int audioFrameSize;
        private int passes;
        private EncoderPass pass;

        private Builder() {
        }

        private Builder(WriterOptions o) {
            url = o.url;
            sink = o.sink;
            format = o.format;
            formatOptions = o.formatOptions;
            codecOptions = o.codecOptions;
            codec = o.codec;
            pixelFormat = o.pixelFormat;
            width = o.width;
            height = o.height;
            interpolation = o.interpolation;
            bitRate = o.bitRate;
            gopSize = o.gopSize;
            frameRate = o.frameRate;
            maxBFrames = o.maxBFrames;
            audioCodec = o.audioCodec;
            audioBitRate = o.audioBitRate;
            sampleRate = o.sampleRate;
            channelLayout = o.channelLayout;
            timeoutMillis = o.timeoutMillis;
            timestamps = o.timestamps;
            copyTimestamps = o.copyTimestamps;
            streamWaitItems = o.streamWaitItems;
            hwaccel = o.hwaccel;
            fallbackCodec = o.fallbackCodec;
            subtitleCodec = o.subtitleCodec;
            bsf = o.bsf;
            tags = o.tags;
            chromaLocation = o.chromaLocation;
            audioFrameSize = o.audioFrameSize;
            passes = o.passes;
            pass = o.pass;
        }

        public WriterOptions build() {
            return new WriterOptions(url, sink, format, OptionMaps.sorted(formatOptions),
                    OptionMaps.sorted(codecOptions), codec, pixelFormat, width, height, interpolation, bitRate, gopSize,
                    frameRate, maxBFrames, audioCodec, audioBitRate, sampleRate, channelLayout, timeoutMillis,
                    timestamps, copyTimestamps, streamWaitItems, hwaccel, fallbackCodec, subtitleCodec, bsf, tags,
                    chromaLocation, audioFrameSize, passes, pass);
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
