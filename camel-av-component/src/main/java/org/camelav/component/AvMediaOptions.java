package org.camelav.component;

import java.util.function.Supplier;

import org.camelav.media.BitStreamFilters;
import org.camelav.media.Rational;
import org.camelav.media.audio.AudioConverter;
import org.camelav.media.codec.HwAccel;
import org.camelav.media.codec.SubtitleEncoder;
import org.camelav.media.container.InputLimits;
import org.camelav.media.container.InputPolicy;
import org.camelav.media.container.ReaderOptions;
import org.camelav.media.container.StreamTags;
import org.camelav.media.container.WriterOptions;
import org.camelav.media.video.ImageFormat;
import org.camelav.media.video.VideoFrame;

/**
 * An endpoint's {@link AvConfiguration} turned, once, into the media layer's immutable option records, after checking
 * every value FFmpeg would otherwise only reject at the first exchange.
 *
 * @param reader         the consumer's input, and the input of probe and thumbnail
 * @param writer         the producer's output
 * @param transcodeInput the input of {@code operation=transcode}: format, pixelFormat, size and sampling describe the
 *                       encoded output there, so the message body's container is probed and decoded as it is
 * @param imageFormat    the thumbnail's image format
 */
record AvMediaOptions(ReaderOptions reader, WriterOptions writer, ReaderOptions transcodeInput,
        ImageFormat imageFormat) {

    /** @throws IllegalArgumentException naming the first invalid option */
    static AvMediaOptions of(String url, AvConfiguration c) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("av: needs an input or output URL, e.g. av:/data/in.mp4");
        }
        check(c.getWidth() >= 0, "width", c.getWidth(), "must be 0 (the source's) or more");
        check(c.getHeight() >= 0, "height", c.getHeight(), "must be 0 (the source's) or more");
        check(c.getStopTimeout() >= 0, "stopTimeout", c.getStopTimeout(), "must be 0 or more milliseconds");
        check(c.getCloseTimeout() >= 0, "closeTimeout", c.getCloseTimeout(), "must be 0 or more milliseconds");
        check(c.getMaxInflightExchanges() >= 1, "maxInflightExchanges", c.getMaxInflightExchanges(), "must be 1 or more");
        check(c.getQuality() >= 1 && c.getQuality() <= 100, "quality", c.getQuality(), "must be 1 to 100");
        if (isSet(c.getPixelFormat())) {
            parse("pixelFormat", c.getPixelFormat(), () -> VideoFrame.pixelFormatId(c.getPixelFormat()),
                    "not an FFmpeg pixel format name (bgr24, rgb24, gray, yuv420p...)");
        }
        if (isSet(c.getSampleFormat())) {
            parse("sampleFormat", c.getSampleFormat(), () -> AudioConverter.sampleFormatId(c.getSampleFormat()),
                    "not an FFmpeg sample format name (s16, flt, fltp...)");
        }
        if (isSet(c.getFrameRate())) {
            String rule = "must be a positive rate such as 25, 29.97 or 30000/1001";
            Rational rate = parse("frameRate", c.getFrameRate(), () -> Rational.parse(c.getFrameRate()), rule);
            check(rate.num() > 0 && rate.den() > 0, "frameRate", c.getFrameRate(), rule);
        }
        check(!isSet(c.getSubtitleCodec()) || SubtitleEncoder.exists(c.getSubtitleCodec()), "subtitleCodec",
                c.getSubtitleCodec(), "not a subtitle encoder of this FFmpeg (srt, ass, mov_text, webvtt...)");
        check(c.getAudioFrameSize() >= 0, "audioFrameSize", c.getAudioFrameSize(), "must be 0 (1024) or more samples");
        check(c.getPasses() == 1 || c.getPasses() == 2 && c.getOperation() == AvOperation.TRANSCODE, "passes",
                c.getPasses(), "must be 1, or 2 with operation=transcode");
        if (isSet(c.getChromaLocation())) {
            parse("chromaLocation", c.getChromaLocation(), () -> chromaLocation(c.getChromaLocation()),
                    "must be left, center, topleft, top, bottomleft or bottom");
        }
        HwAccel hw = hwaccel(c);
        ImageFormat image = parse("imageFormat", c.getImageFormat(), () -> ImageFormat.of(c.getImageFormat()),
                "must be jpeg, png or webp");
        boolean body = "body".equals(url);
        if (body && c.getOperation() == AvOperation.TRANSCODE && !isSet(c.getFormat())) {
            throw new IllegalArgumentException("av: option format missing: av:body?operation=transcode needs format="
                                               + " (mp4, webm, mpegts...)");
        }
        check(c.getMaxPixels() >= 0, "maxPixels", c.getMaxPixels(), "must be 0 (FFmpeg's bound) or more pixels");
        check(c.getMaxBodySize() >= 0, "maxBodySize", c.getMaxBodySize(), "must be 0 (no bound) or more bytes");
        check(c.getMaxBodyDuration() >= 0, "maxBodyDuration", c.getMaxBodyDuration(),
                "must be 0 (no bound) or more seconds");
        check(c.getMaxBodyFrames() >= 0, "maxBodyFrames", c.getMaxBodyFrames(), "must be 0 (no bound) or more");
        // a message body is untrusted: nothing nested, no demuxer that follows references (see InputPolicy)
        InputPolicy bodyPolicy = new InputPolicy(isSet(c.getProtocolWhitelist()) ? c.getProtocolWhitelist()
                : InputPolicy.body().protocolWhitelist(), c.isAllowReferences(), blankToNull(c.getFormatWhitelist()),
                blankToNull(c.getCodecWhitelist()), new InputLimits(c.getMaxBodySize(), c.getMaxBodyDuration(),
                        c.getMaxBodyFrames(), c.getMaxPixels()));
        InputPolicy urlPolicy = new InputPolicy(blankToNull(c.getProtocolWhitelist()), true,
                blankToNull(c.getFormatWhitelist()), blankToNull(c.getCodecWhitelist()),
                new InputLimits(0, 0, 0, c.getMaxPixels()));
        ReaderOptions reader = reader(url, c).toBuilder().hwaccel(isSet(c.getHwaccel()) ? hw : null)
                .policy(body ? bodyPolicy : urlPolicy).codecOptions(bounded(c)).build();
        ReaderOptions transcodeInput = reader.toBuilder().policy(bodyPolicy).format(null).pixelFormat(null).width(0).height(0)
                .sampleRate(0).channelLayout(null).build();
        WriterOptions writer = writer(url, c).toBuilder().hwaccel(hw).fallbackCodec(
                isSet(c.getFallbackCodec()) ? c.getFallbackCodec() : null)
                .subtitleCodec(blankToNull(c.getSubtitleCodec())).build();
        return new AvMediaOptions(reader, writer, transcodeInput, image);
    }

    /** The URL with username/password joined in as user info (percent-encoded), when they are set. */
    static String withCredentials(String url, AvConfiguration c) {
        int scheme = url.indexOf("://");
        if (!isSet(c.getUsername()) || scheme < 0 || url.indexOf('@', scheme) > 0 && url.indexOf('@', scheme)
                < (url.indexOf('/', scheme + 3) < 0 ? url.length() : url.indexOf('/', scheme + 3))) {
            return url;
        }
        String info = encode(c.getUsername()) + (c.getPassword() == null ? "" : ":" + encode(c.getPassword()));
        return url.substring(0, scheme + 3) + info + "@" + url.substring(scheme + 3);
    }

    private static String encode(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static ReaderOptions reader(String url, AvConfiguration c) {
        return ReaderOptions.builder(withCredentials(url, c)).format(c.getFormat()).formatOptions(c.getFormatOptions())
                .codecOptions(c.getCodecOptions()).packets(c.getMode() == AvMode.PACKETS).streams(c.getStreams())
                .decoder(c.getDecoder()).skipFrame(c.getSkipFrame()).threadType(c.getThreadType())
                .threadCount(c.getThreadCount()).lowDelay(c.isLowDelay()).pixelFormat(c.getPixelFormat())
                .zeroCopy(c.isZeroCopy()).width(c.getWidth()).height(c.getHeight()).interpolation(c.getInterpolation())
                .filter(c.getFilter()).sampleFormat(c.getSampleFormat()).sampleRate(c.getSampleRate())
                .channelLayout(c.getChannelLayout()).startTime(c.getStartTime()).maxFrames(c.getMaxFrames())
                .duration(c.getDuration()).loop(c.isLoop()).realtime(c.isRealtime()).timeoutMillis(c.getTimeout())
                .autorotate(c.isAutorotate()).audioFilter(c.getAudioFilter()).bsf(bsf(c)).build();
    }

    private static WriterOptions writer(String url, AvConfiguration c) {
        return WriterOptions.builder(withCredentials(url, c)).format(c.getFormat()).formatOptions(c.getFormatOptions())
                .codecOptions(c.getCodecOptions()).codec(c.getCodec()).pixelFormat(c.getPixelFormat())
                .width(c.getWidth()).height(c.getHeight()).interpolation(c.getInterpolation()).bitRate(c.getBitRate())
                .gopSize(c.getGopSize()).frameRate(c.getFrameRate()).maxBFrames(c.getMaxBFrames())
                .audioCodec(c.getAudioCodec()).audioBitRate(c.getAudioBitRate()).sampleRate(c.getSampleRate())
                .channelLayout(c.getChannelLayout()).timeoutMillis(c.getTimeout()).timestamps(c.getTimestamps())
                .copyTimestamps(c.isCopyTimestamps()).streamWaitItems(c.getStreamWaitItems()).bsf(bsf(c))
                .tags(new StreamTags(c.getVideoLanguage(), c.getVideoTitle(), c.getAudioLanguage(), c.getAudioTitle()))
                .chromaLocation(c.getChromaLocation()).audioFrameSize(c.getAudioFrameSize())
                .passes(c.getPasses()).build();
    }

    private static int chromaLocation(String name) {
        org.camelav.media.Ffmpeg.init();
        int id = org.bytedeco.ffmpeg.global.avutil.av_chroma_location_from_name(name);
        if (id <= 0) { // 0 is AVCHROMA_LOC_UNSPECIFIED
            throw new IllegalArgumentException(name);
        }
        return id;
    }

    private static BitStreamFilters bsf(AvConfiguration c) {
        return new BitStreamFilters(c.getBsf(), c.getAudioBsf());
    }

    /** The hardware request both sides share; the producer's type is the encoder's own unless hwaccel names one. */
    private static HwAccel hwaccel(AvConfiguration c) {
        String type = isSet(c.getHwaccel()) ? c.getHwaccel() : HwAccel.AUTO;
        return parse("hwaccel", c.getHwaccel(), () -> new HwAccel(type, c.getHwaccelDevice(), c.isHwaccelFallback()),
                "must be auto or a device type of this FFmpeg build: " + String.join(", ", HwAccel.types()));
    }

    /**
     * The decoder options with FFmpeg's max_pixels bound, unless codecOptions.max_pixels says otherwise, and with
     * export_mvs in flags2 for exportMotionVectors.
     */
    private static java.util.Map<String, Object> bounded(AvConfiguration c) {
        java.util.Map<String, Object> o = new java.util.LinkedHashMap<>(c.getCodecOptions());
        if (c.getMaxPixels() > 0) {
            o.putIfAbsent("max_pixels", String.valueOf(c.getMaxPixels()));
        }
        if (c.isExportMotionVectors()) {
            // the decoder flag extract_mvs.c sets, added to any flags2 the user gave
            o.merge("flags2", "+export_mvs", (given, mvs) -> String.valueOf(given) + mvs);
        }
        return o;
    }

    private static String blankToNull(String s) {
        return isSet(s) ? s : null;
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }

    private static void check(boolean valid, String option, Object value, String rule) {
        if (!valid) {
            throw invalid(option, value, rule);
        }
    }

    private static <T> T parse(String option, String value, Supplier<T> parser, String rule) {
        try {
            return parser.get();
        } catch (RuntimeException e) {
            throw invalid(option, value, rule);
        }
    }

    private static IllegalArgumentException invalid(String option, Object value, String rule) {
        return new IllegalArgumentException("av: invalid option " + option + "=" + value + ": " + rule);
    }
}
