package org.camelav.media.codec;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_CAP_EXPERIMENTAL;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_CAP_HARDWARE;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_CONFIG_PIX_FORMAT;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_CONFIG_SAMPLE_FORMAT;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_CONFIG_SAMPLE_RATE;
import static org.bytedeco.ffmpeg.global.avcodec.av_codec_is_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.av_codec_is_encoder;
import static org.bytedeco.ffmpeg.global.avcodec.av_codec_iterate;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_hw_config;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_supported_config;
import static org.bytedeco.ffmpeg.global.avutil.av_get_pix_fmt_name;
import static org.bytedeco.ffmpeg.global.avutil.av_get_sample_fmt_name;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.IntFunction;

import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVCodecHWConfig;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;
import org.camelav.media.Ffmpeg;
import org.camelav.media.MediaType;
import org.camelav.media.StreamInfo;

/**
 * One encoder or decoder of this FFmpeg build (an {@code AVCodec}; PyAV's {@code Codec}, listed by
 * {@code av.codecs_available}), what {@code ffmpeg -encoders}/{@code -decoders} list, with what it can take.
 *
 * @param name          the implementation's name, as {@code codec=}/{@code decoder=} take it: {@code libopenh264},
 *                      {@code h264_nvenc}, {@code aac}
 * @param codec         the format it codes, as {@code ffmpeg -codecs} names it: {@code h264}, {@code aac}
 * @param longName      FFmpeg's description
 * @param type          video, audio, subtitle, data or attachment
 * @param encoder       it encodes
 * @param decoder       it decodes
 * @param hardware      it runs on a hardware device (AV_CODEC_CAP_HARDWARE: nvenc, vaapi, qsv, cuvid...)
 * @param experimental  FFmpeg marks it experimental (it opens only with strict=experimental)
 * @param hwDeviceTypes device types it can use through a hardware configuration ({@code cuda}, {@code vaapi}...);
 *                      for a software decoder these are its hwaccels
 * @param pixelFormats  pixel formats it takes or gives; empty when FFmpeg does not say (any)
 * @param sampleFormats sample formats it takes or gives; empty when FFmpeg does not say
 * @param sampleRates   sample rates it supports; empty when FFmpeg does not say (any)
 */
public record CodecInfo(String name, String codec, String longName, MediaType type, boolean encoder, boolean decoder,
        boolean hardware, boolean experimental, List<String> hwDeviceTypes, List<String> pixelFormats,
        List<String> sampleFormats, List<Integer> sampleRates) {

    /** Every encoder and decoder of this build, by name, encoders of a name before its decoder. */
    public static List<CodecInfo> all() {
        return Ffmpeg.iterate(o -> av_codec_iterate(o)).stream().map(CodecInfo::of)
                .sorted(Comparator.comparing(CodecInfo::name).thenComparing(CodecInfo::decoder)).toList();
    }

    private static CodecInfo of(AVCodec c) {
        return new CodecInfo(StreamInfo.string(c.name()), StreamInfo.string(avcodec_get_name(c.id())),
                StreamInfo.string(c.long_name()), MediaType.of(c.type()), av_codec_is_encoder(c) != 0,
                av_codec_is_decoder(c) != 0, (c.capabilities() & AV_CODEC_CAP_HARDWARE) != 0,
                (c.capabilities() & AV_CODEC_CAP_EXPERIMENTAL) != 0, hwDeviceTypes(c),
                config(c, AV_CODEC_CONFIG_PIX_FORMAT, i -> StreamInfo.string(av_get_pix_fmt_name(i))),
                config(c, AV_CODEC_CONFIG_SAMPLE_FORMAT, i -> StreamInfo.string(av_get_sample_fmt_name(i))),
                config(c, AV_CODEC_CONFIG_SAMPLE_RATE, i -> i));
    }

    private static List<String> hwDeviceTypes(AVCodec c) {
        List<String> types = new ArrayList<>();
        AVCodecHWConfig h;
        for (int i = 0; (h = avcodec_get_hw_config(c, i)) != null && !h.isNull(); i++) {
            // AV_HWDEVICE_TYPE_NONE (0): a configuration that needs no device
            String type = h.device_type() == 0 ? null : HwAccel.typeName(h.device_type());
            if (type != null && !types.contains(type)) {
                types.add(type);
            }
        }
        return types;
    }

    /** One of the codec's supported-value lists (avcodec_get_supported_config, FFmpeg 7.1+); empty when unknown. */
    private static <T> List<T> config(AVCodec c, int which, IntFunction<T> name) {
        try (PointerPointer<Pointer> values = new PointerPointer<>(1); IntPointer count = new IntPointer(1)) {
            values.put(0, (Pointer) null);
            if (avcodec_get_supported_config((AVCodecContext) null, c, which, 0, values, count) < 0
                || values.get(0) == null) {
                return List.of();
            }
            IntPointer array = new IntPointer(values.get(0)); // const enum/int array owned by the codec
            List<T> out = new ArrayList<>();
            for (int i = 0; i < count.get(); i++) {
                out.add(name.apply(array.get(i)));
            }
            return out;
        }
    }
}
