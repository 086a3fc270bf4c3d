package org.camelav.media;

import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_default;
import static org.bytedeco.ffmpeg.global.avutil.av_malloc;

import java.util.List;

import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.javacpp.BytePointer;

/**
 * A Java copy of a stream's AVCodecParameters: enough for the producer to create an output stream that carries the
 * same encoded data (PyAV's {@code add_stream_from_template}) without keeping the input's native struct alive.
 */
public record CodecParameters(int mediaType, int codecId, int format, long bitRate, int profile, int level, int width,
        int height, Rational sampleAspectRatio, int fieldOrder, int colorRange, int colorPrimaries, int colorTrc,
        int colorSpace, int chromaLocation, int videoDelay, int sampleRate, int channels, int frameSize,
        int blockAlign, int initialPadding, int bitsPerCodedSample, int bitsPerRawSample, byte[] extradata,
        List<SideData> sideData) {

    public CodecParameters {
        sideData = sideData == null ? List.of() : List.copyOf(sideData);
    }

    public static CodecParameters of(AVCodecParameters p) {
        byte[] extra = new byte[Math.max(0, p.extradata_size())];
        if (extra.length > 0) {
            p.extradata().get(extra);
        }
        return new CodecParameters(p.codec_type(), p.codec_id(), p.format(), p.bit_rate(), p.profile(), p.level(),
                p.width(), p.height(), Rational.of(p.sample_aspect_ratio()), p.field_order(), p.color_range(),
                p.color_primaries(), p.color_trc(), p.color_space(), p.chroma_location(), p.video_delay(),
                p.sample_rate(), p.ch_layout().nb_channels(), p.frame_size(), p.block_align(), p.initial_padding(),
                p.bits_per_coded_sample(), p.bits_per_raw_sample(), extra, SideData.of(p));
    }

    /** These parameters without the coded side data of {@code type} (e.g. the display matrix, once applied). */
    public CodecParameters without(int type) {
        return new CodecParameters(mediaType, codecId, format, bitRate, profile, level, width, height,
                sampleAspectRatio, fieldOrder, colorRange, colorPrimaries, colorTrc, colorSpace, chromaLocation,
                videoDelay, sampleRate, channels, frameSize, blockAlign, initialPadding, bitsPerCodedSample,
                bitsPerRawSample, extradata, sideData.stream().filter(s -> s.type() != type).toList());
    }

    /** These parameters with other codec extradata (a bitstream filter's new AudioSpecificConfig, parameter sets). */
    public CodecParameters withExtradata(byte[] data) {
        return new CodecParameters(mediaType, codecId, format, bitRate, profile, level, width, height,
                sampleAspectRatio, fieldOrder, colorRange, colorPrimaries, colorTrc, colorSpace, chromaLocation,
                videoDelay, sampleRate, channels, frameSize, blockAlign, initialPadding, bitsPerCodedSample,
                bitsPerRawSample, data.clone(), sideData);
    }

    /**
     * Fills a freshly allocated (zeroed) output stream's parameters, coded side data included (rotation, HDR metadata:
     * what {@code ffmpeg -c copy} keeps); codec_tag stays 0 so the muxer picks its own.
     */
    public void copyTo(AVCodecParameters p) {
        p.codec_type(mediaType).codec_id(codecId).format(format).bit_rate(bitRate).profile(profile).level(level)
                .width(width).height(height).field_order(fieldOrder).color_range(colorRange)
                .color_primaries(colorPrimaries).color_trc(colorTrc).color_space(colorSpace)
                .chroma_location(chromaLocation).video_delay(videoDelay).sample_rate(sampleRate)
                .frame_size(frameSize).block_align(blockAlign).initial_padding(initialPadding)
                .bits_per_coded_sample(bitsPerCodedSample).bits_per_raw_sample(bitsPerRawSample);
        sampleAspectRatio.copyTo(p.sample_aspect_ratio());
        if (channels > 0) {
            av_channel_layout_default(p.ch_layout(), channels);
        }
        if (extradata.length > 0) {
            // owned by the AVCodecParameters from here on: FFmpeg frees it with av_free; padding must be zeroed
            BytePointer buf = new BytePointer(av_malloc(extradata.length + 64)).capacity(extradata.length + 64);
            buf.zero();
            buf.put(extradata, 0, extradata.length);
            p.extradata(buf).extradata_size(extradata.length);
        }
        sideData.forEach(s -> s.addTo(p));
    }
}
