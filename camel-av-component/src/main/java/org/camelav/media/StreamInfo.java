package org.camelav.media;

import static org.bytedeco.ffmpeg.global.avcodec.avcodec_descriptor_get;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_profile_name;
import static org.bytedeco.ffmpeg.global.avformat.av_guess_frame_rate;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_get_pix_fmt_name;
import static org.bytedeco.ffmpeg.global.avutil.av_get_sample_fmt_name;

import java.util.Map;

import org.bytedeco.ffmpeg.avcodec.AVCodecDescriptor;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.BytePointer;

/**
 * Immutable facts about one stream of an input, the ones PyAV's {@code Stream}/{@code VideoStream} expose. Times are in
 * {@link #timeBase()} units; null where FFmpeg does not know them.
 *
 * @param decoder the decoder that runs for this stream ({@code h264}, {@code libdav1d}, {@code h264_cuvid}); null when
 *                the stream is not decoded (packets, probe)
 * @param hwaccel the hardware device type it decodes on ({@code cuda}, {@code vaapi}...); null on the CPU
 */
public record StreamInfo(int index, MediaType mediaType, String codecName, String codecLongName, String profile,
        Rational timeBase, Long startTime, Long duration, long frames, Rational averageRate, Rational baseRate,
        Rational guessedRate, long bitRate, int width, int height, String pixelFormat, int sampleRate, int channels,
        String sampleFormat, Map<String, String> metadata, CodecParameters codecParameters, String decoder,
        String hwaccel) {

    public static StreamInfo of(AVFormatContext fmt, AVStream st) {
        AVCodecParameters p = st.codecpar();
        MediaType type = MediaType.of(p.codec_type());
        AVCodecDescriptor desc = avcodec_descriptor_get(p.codec_id());
        String longName = desc == null || desc.isNull() || desc.long_name() == null ? null : desc.long_name().getString();
        Rational guessed;
        try (AVRational r = av_guess_frame_rate(fmt, st, null)) {
            guessed = Rational.of(r);
        }
        return new StreamInfo(st.index(), type, string(avcodec_get_name(p.codec_id())), longName,
                string(avcodec_profile_name(p.codec_id(), p.profile())), Rational.of(st.time_base()),
                ts(st.start_time()), ts(st.duration()), st.nb_frames(), Rational.of(st.avg_frame_rate()),
                Rational.of(st.r_frame_rate()), type == MediaType.VIDEO ? guessed : Rational.ZERO, p.bit_rate(),
                p.width(), p.height(), type == MediaType.VIDEO ? string(av_get_pix_fmt_name(p.format())) : null,
                p.sample_rate(), p.ch_layout().nb_channels(),
                type == MediaType.AUDIO ? string(av_get_sample_fmt_name(p.format())) : null,
                Map.copyOf(AvDictionary.entries(st.metadata())), CodecParameters.of(p), null, null);
    }

    static Long ts(long v) {
        return v == AV_NOPTS_VALUE ? null : v;
    }

    public static String string(BytePointer p) {
        return p == null || p.isNull() ? null : p.getString();
    }

    /** A copy with a frame count and duration measured by demuxing, for containers that do not store them. */
    public StreamInfo withMeasured(long countedFrames, Long measuredDuration) {
        return copy(duration != null ? duration : measuredDuration, frames > 0 ? frames : countedFrames,
                codecParameters, decoder, hwaccel);
    }

    /** A copy naming the decoder that runs for the stream and the hardware device type it runs on (null: CPU). */
    public StreamInfo withDecoder(String decoderName, String hwaccelType) {
        return copy(duration, frames, codecParameters, decoderName, hwaccelType);
    }

    /** A copy with other codec parameters: the stream as delivered, e.g. without the display matrix autorotate applied. */
    public StreamInfo withCodecParameters(CodecParameters parameters) {
        return copy(duration, frames, parameters, decoder, hwaccel);
    }

    /** The one place the components are retyped: a copy changing only what a reader learns after the header. */
    private StreamInfo copy(Long newDuration, long newFrames, CodecParameters parameters, String decoderName,
            String hwaccelType) {
        return new StreamInfo(index, mediaType, codecName, codecLongName, profile, timeBase, startTime, newDuration,
                newFrames, averageRate, baseRate, guessedRate, bitRate, width, height, pixelFormat, sampleRate,
                channels, sampleFormat, metadata, parameters, decoderName, hwaccelType);
    }

    /** The stream's colour matrix as FFmpeg names it ({@code bt709}...), null when unspecified or not video. */
    public String colorSpace() {
        return codecParameters == null || mediaType != MediaType.VIDEO ? null
                : ColorNames.space(codecParameters.colorSpace());
    }

    /** The stream's colour range, {@code tv} or {@code pc}; null when unspecified or not video. */
    public String colorRange() {
        return codecParameters == null || mediaType != MediaType.VIDEO ? null
                : ColorNames.range(codecParameters.colorRange());
    }

    /** Stream duration in seconds, or null. */
    public Double durationSeconds() {
        return duration == null ? null : duration * timeBase.toDouble();
    }

    /** The {@code language} metadata tag, or null. */
    public String language() {
        return metadata.get("language");
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("#").append(index).append(' ').append(mediaType.label()).append(' ')
                .append(codecName);
        if (mediaType == MediaType.VIDEO) {
            sb.append(' ').append(width).append('x').append(height).append(' ').append(pixelFormat).append(" @ ")
                    .append(averageRate);
        } else if (mediaType == MediaType.AUDIO) {
            sb.append(' ').append(sampleRate).append("Hz ").append(channels).append("ch ").append(sampleFormat);
        }
        return sb.append(" tb=").append(timeBase).toString();
    }
}
