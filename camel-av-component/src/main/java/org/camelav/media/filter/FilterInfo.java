package org.camelav.media.filter;

import static org.bytedeco.ffmpeg.global.avfilter.AVFILTER_FLAG_DYNAMIC_INPUTS;
import static org.bytedeco.ffmpeg.global.avfilter.AVFILTER_FLAG_DYNAMIC_OUTPUTS;
import static org.bytedeco.ffmpeg.global.avfilter.av_filter_iterate;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_filter_pad_count;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_pad_get_type;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.bytedeco.ffmpeg.avfilter.AVFilter;
import org.bytedeco.ffmpeg.avfilter.AVFilterPad;
import org.camelav.media.Ffmpeg;
import org.camelav.media.MediaType;
import org.camelav.media.StreamInfo;

/**
 * One filter of this FFmpeg build, as {@code ffmpeg -filters} lists it (PyAV's {@code Filter}, listed by
 * {@code av.filters_available}): what {@code filter=} (video) and {@code audioFilter=} chains can use.
 *
 * @param name           {@code scale}, {@code volume}, {@code silencedetect}...
 * @param description    FFmpeg's description
 * @param inputs         the media type of each fixed input pad ({@code video}, {@code audio}); empty for a source
 * @param outputs        the media type of each fixed output pad; empty for a sink
 * @param dynamicInputs  the number of inputs depends on the filter's options (amix, concat...)
 * @param dynamicOutputs the number of outputs depends on the filter's options (split, asplit...)
 */
public record FilterInfo(String name, String description, List<String> inputs, List<String> outputs,
        boolean dynamicInputs, boolean dynamicOutputs) {

    /** Every filter of this build, by name. */
    public static List<FilterInfo> all() {
        return Ffmpeg.iterate(o -> av_filter_iterate(o)).stream().map(FilterInfo::of)
                .sorted(Comparator.comparing(FilterInfo::name)).toList();
    }

    private static FilterInfo of(AVFilter f) {
        return new FilterInfo(StreamInfo.string(f.name()), StreamInfo.string(f.description()),
                pads(f.inputs(), avfilter_filter_pad_count(f, 0)), pads(f.outputs(), avfilter_filter_pad_count(f, 1)),
                (f.flags() & AVFILTER_FLAG_DYNAMIC_INPUTS) != 0, (f.flags() & AVFILTER_FLAG_DYNAMIC_OUTPUTS) != 0);
    }

    private static List<String> pads(AVFilterPad pads, int count) {
        List<String> types = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            types.add(MediaType.of(avfilter_pad_get_type(pads, i)).label());
        }
        return types;
    }
}
