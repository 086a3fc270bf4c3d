package org.camelav.media.container;

import java.util.Map;
import java.util.regex.Pattern;

import org.camelav.media.BitStreamFilters;
import org.camelav.media.MediaItem;
import org.camelav.media.codec.DecoderOptions;
import org.camelav.media.codec.HwAccel;
import org.camelav.media.codec.SkipFrame;
import org.camelav.media.codec.ThreadType;
import org.camelav.media.io.IoAdapter;
import org.camelav.media.video.Interpolation;
import org.camelav.media.video.VideoFrame;

/**
 * Everything {@link MediaReader} needs to open and read an input, one component per consumer URI option. Immutable:
 * the Camel endpoint builds it once when it starts; variants come from the {@code with...} methods or
 * {@link #toBuilder()}. Option maps are unmodifiable and in key order.
 *
 * @param url           the input; with a {@link #source} it only names the input in messages and hints the format
 * @param source        read the media from this adapter (a message body) instead of the url; used once: the reader
 *                      closes it
 * @param format        input format ({@code -f}), null to probe
 * @param packets       deliver demuxed packets instead of decoded frames
 * @param streams       which streams: comma-separated {@code video}, {@code audio}, {@code subtitle}, {@code data},
 *                      {@code all}, {@code best} (the best video and the best audio stream), {@code video:1} (second
 *                      video stream, PyAV's {@code decode(video=1)}) or a plain stream index. Null: the best video
 *                      stream, else the best audio stream
 * @param zeroCopy      video frames lease FFmpeg's picture (or a pooled buffer) instead of copying it into a Java
 *                      array; the caller must {@link MediaItem#release()} each one (see {@link VideoFrame})
 * @param filter        an FFmpeg video filter graph ({@code fps=5,scale=640:-1}) applied before pixel format and size
 *                      conversion
 * @param startTime     seconds to seek to before reading; frames before it are decoded but not delivered
 * @param maxFrames     stop after this many items (frames or packets, all streams); 0 for no limit
 * @param duration      stop after this many seconds of media time; null for no limit
 * @param loop          start over at end of input (files)
 * @param realtime      pace delivery to the media timestamps, like {@code ffmpeg -re}
 * @param timeoutMillis bound on opening and on each read, in milliseconds; 0 for none
 * @param policy        what the input may open and which demuxers/decoders may read it; null: what its URL's scheme
 *                      needs (see {@link InputPolicy})
 * @param hwaccel       decode video on this hardware device (frames are downloaded before conversion); null: CPU
 * @param autorotate    deliver upright video pixels: apply the stream's display matrix with the filters
 *                      {@code ffmpeg -autorotate} inserts (before {@link #filter}), and drop the matrix from the
 *                      delivered stream facts
 * @param audioFilter   an FFmpeg audio filter graph ({@code volume=0.5,aresample=16000}) applied before sample format,
 *                      rate and layout conversion; its filters' frame metadata reaches {@link
 *                      org.camelav.media.audio.AudioFrame#metadata()}
 * @param bsf           bitstream filters run on the delivered packets (packets mode)
 */
public record ReaderOptions(String url, IoAdapter source, String format, Map<String, Object> formatOptions,
        Map<String, Object> codecOptions, boolean packets, String streams, String decoder, SkipFrame skipFrame,
        ThreadType threadType, Integer threadCount, boolean lowDelay, String pixelFormat, boolean zeroCopy, int width,
        int height, Interpolation interpolation, String filter, String sampleFormat, int sampleRate,
        String channelLayout, Double startTime, long maxFrames, Double duration, boolean loop, boolean realtime,
        long timeoutMillis, HwAccel hwaccel, boolean autorotate, InputPolicy policy,
        String audioFilter, BitStreamFilters bsf) {

    private static final Pattern NETWORK
            = Pattern.compile("(?i)^(rtsps?|rtmp[st]?|https?|udp|rtp|srt|tcp|tls|mmsh?|rist)://.*");

    public ReaderOptions {
        formatOptions = OptionMaps.sorted(formatOptions);
        codecOptions = OptionMaps.sorted(codecOptions);
        bsf = bsf == null ? BitStreamFilters.NONE : bsf;
    }

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

    /** Network inputs and capture devices (not lavfi) can drop and come back: only they are reconnected. */
    public boolean isReconnectable() {
        if (source != null) {
            return false;
        }
        if (url != null && NETWORK.matcher(url).matches()) {
            return true;
        }
        return format != null && !format.isBlank() && !"lavfi".equals(format);
    }

    /** The same options reading {@code source} (null: the url itself), named {@code url}: a message body. */
    public ReaderOptions withInput(String url, IoAdapter source) {
        return toBuilder().url(url).source(source).build();
    }

    /** The same options with another item bound: what is left of it on a new connection. */
    public ReaderOptions withMaxFrames(long maxFrames) {
        return toBuilder().maxFrames(maxFrames).build();
    }

    public DecoderOptions decoderOptions() {
        return new DecoderOptions(decoder, skipFrame, threadType, threadCount, lowDelay, codecOptions, hwaccel);
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
            url = o.url;
            source = o.source;
            format = o.format;
            formatOptions = o.formatOptions;
            codecOptions = o.codecOptions;
            packets = o.packets;
            streams = o.streams;
            decoder = o.decoder;
            skipFrame = o.skipFrame;
            threadType = o.threadType;
            threadCount = o.threadCount;
            lowDelay = o.lowDelay;
            pixelFormat = o.pixelFormat;
            zeroCopy = o.zeroCopy;
            width = o.width;
            height = o.height;
            interpolation = o.interpolation;
            filter = o.filter;
            sampleFormat = o.sampleFormat;
            sampleRate = o.sampleRate;
            channelLayout = o.channelLayout;
            startTime = o.startTime;
            maxFrames = o.maxFrames;
            duration = o.duration;
            loop = o.loop;
            realtime = o.realtime;
            timeoutMillis = o.timeoutMillis;
            hwaccel = o.hwaccel;
            policy = o.policy;
            autorotate = o.autorotate;
            audioFilter = o.audioFilter;
            bsf = o.bsf;
        }

        public ReaderOptions build() {
            return new ReaderOptions(url, source, format, OptionMaps.sorted(formatOptions),
                    OptionMaps.sorted(codecOptions), packets, streams, decoder, skipFrame, threadType, threadCount,
                    lowDelay, pixelFormat, zeroCopy, width, height, interpolation, filter, sampleFormat, sampleRate,
                    channelLayout, startTime, maxFrames, duration, loop, realtime, timeoutMillis, hwaccel,
                    autorotate, policy, audioFilter, bsf);
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
