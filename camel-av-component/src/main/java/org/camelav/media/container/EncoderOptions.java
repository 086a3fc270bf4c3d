package org.camelav.media.container;

import java.util.Map;

import org.camelav.media.codec.EncoderPass;
import org.camelav.media.codec.HwAccel;
import org.camelav.media.video.Interpolation;

/**
 * How to encode the streams of an output: PyAV's {@code add_stream(codec, rate, options)} and the codec context's
 * settings, for video, audio and subtitles. What the stream encoders ({@link VideoStreamEncoder},
 * {@link AudioStreamEncoder}, {@link SubtitleStreamEncoder}) and the two-pass transcode need. Built by
 * {@link WriterOptions.Builder}; the option map is unmodifiable and in key order.
 *
 * @param codec          video encoder; {@code h264} picks libx264 when present, else libopenh264
 * @param fallbackCodec  the software encoder to use when a hardware {@link #codec} cannot open; null: FFmpeg's
 *                       default software encoder for that format
 * @param hwaccel        the device a hardware encoder ({@code h264_nvenc}...) opens, and whether it may fall back to
 *                       a software encoder; null: the encoder's default device, falling back
 * @param codecOptions   encoder options (AVDictionary) of the video and audio encoders
 * @param frameRate      e.g. {@code 25} or {@code 30000/1001}; null: the source's average rate, else 25
 * @param timestamps     where the encoded video frames' timestamps come from; null: {@link Timestamps#SOURCE}
 * @param chromaLocation where the encoded video's chroma samples sit ({@code left}, {@code center}, {@code topleft}...,
 *                       FFmpeg's names; the encoder's {@code chroma_sample_location}); null: the encoder's default
 * @param passes         2: {@link MediaOperations#transcode} encodes the video twice, as {@code ffmpeg -pass 1} then
 *                       {@code -pass 2}, so the encoder's rate control meets {@link #bitRate} over the whole input;
 *                       1 (or 0): one pass
 * @param pass           the pass this writer's video encoder runs (set by the two-pass transcode); null: one pass
 * @param audioFrameSize samples per channel in each frame given to an audio encoder that takes any size (PCM, FLAC);
 *                       0: 1024. Encoders with a fixed size (AAC 1024, MP2 1152) keep theirs
 * @param subtitleCodec  the encoder of text subtitles (srt, ass, mov_text, webvtt); null: the muxer's default
 */
public record EncoderOptions(String codec, String fallbackCodec, HwAccel hwaccel, Map<String, Object> codecOptions,
        String pixelFormat, int width, int height, Interpolation interpolation, String frameRate, long bitRate,
        int gopSize, Integer maxBFrames, Timestamps timestamps, String chromaLocation, int passes, EncoderPass pass,
        String audioCodec, long audioBitRate, int sampleRate, String channelLayout, int audioFrameSize,
        String subtitleCodec) {

    public EncoderOptions {
        codecOptions = OptionMaps.sorted(codecOptions);
        timestamps = timestamps == null ? OptionsBuilder.DEFAULT_TIMESTAMPS : timestamps;
        if (passes < 0 || passes > 2) {
            throw new IllegalArgumentException("passes is 1 or 2, not " + passes);
        }
    }
}
