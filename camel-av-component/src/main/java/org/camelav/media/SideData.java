package org.camelav.media;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_side_data_new;

import java.util.ArrayList;
import java.util.List;

import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacketSideData;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * One entry of a stream's coded side data ({@code AVCodecParameters.coded_side_data}, where FFmpeg 8 keeps the display
 * matrix, mastering display, content light level, stereo 3D and spherical mapping), copied into Java so that a stream
 * copy can carry it over as {@code avcodec_parameters_copy} does.
 *
 * @param type an {@code AV_PKT_DATA_*} type
 * @param data the entry's bytes, in FFmpeg's layout for that type
 */
public record SideData(int type, byte[] data) {

    /** The coded side data of {@code p}, in FFmpeg's order; empty when there is none. */
    public static List<SideData> of(AVCodecParameters p) {
        int n = p.nb_coded_side_data();
        AVPacketSideData array = p.coded_side_data();
        if (n <= 0 || array == null || array.isNull()) {
            return List.of();
        }
        List<SideData> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            AVPacketSideData sd = array.getPointer(i);
            byte[] bytes = new byte[(int) sd.size()];
            if (bytes.length > 0) {
                sd.data().capacity(bytes.length).get(bytes);
            }
            out.add(new SideData(sd.type(), bytes));
        }
        return List.copyOf(out);
    }

    /** The entry of {@code type} in {@code list}, or null. */
    public static SideData find(List<SideData> list, int type) {
        return list.stream().filter(s -> s.type == type).findFirst().orElse(null);
    }

    /** Appends a copy of this entry to {@code p}'s coded side data; {@code p} owns it and frees it with itself. */
    public void addTo(AVCodecParameters p) {
        try (PointerPointer<AVPacketSideData> array = new PointerPointer<>(1); IntPointer count = new IntPointer(1)) {
            array.put(0, p.coded_side_data());
            count.put(p.nb_coded_side_data());
            AVPacketSideData sd = av_packet_side_data_new(array, count, type, data.length, 0);
            if (sd == null || sd.isNull()) {
                throw new AvException("Cannot add stream side data (out of memory)");
            }
            if (data.length > 0) {
                sd.data().capacity(data.length).put(data, 0, data.length);
            }
            // the array may have moved (realloc): store it and the new count back into the parameters
            p.coded_side_data(new AVPacketSideData(array.get(0)));
            p.nb_coded_side_data(count.get());
        }
    }
}
