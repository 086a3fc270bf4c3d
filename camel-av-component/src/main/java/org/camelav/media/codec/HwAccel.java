package org.camelav.media.codec;

import static org.bytedeco.ffmpeg.global.avutil.AV_HWDEVICE_TYPE_NONE;
import static org.bytedeco.ffmpeg.global.avutil.av_hwdevice_find_type_by_name;
import static org.bytedeco.ffmpeg.global.avutil.av_hwdevice_get_type_name;
import static org.bytedeco.ffmpeg.global.avutil.av_hwdevice_iterate_types;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.camelav.media.Ffmpeg;

/**
 * A request for hardware decoding or encoding, PyAV's {@code HWAccel(device_type, device, allow_software_fallback)}.
 *
 * @param deviceType            an FFmpeg device type name ({@code cuda}, {@code vaapi}, {@code qsv}, {@code vulkan}...)
 *                              or {@code auto}: each device type the codec supports, in FFmpeg's order
 * @param device                the device to open ({@code /dev/dri/renderD128}, {@code 0}); null: the type's default
 * @param allowSoftwareFallback when the device cannot be opened or the codec has no path on it, work on the CPU (with
 *                              one warning) instead of failing
 */
public record HwAccel(String deviceType, String device, boolean allowSoftwareFallback) {

    public static final String AUTO = "auto";

    public HwAccel {
        deviceType = deviceType.trim().toLowerCase(Locale.ROOT);
        if (!AUTO.equals(deviceType) && typeId(deviceType) == AV_HWDEVICE_TYPE_NONE) {
            throw new IllegalArgumentException("unknown hardware device type '" + deviceType + "'; this FFmpeg build has "
                                               + String.join(", ", types()) + " (or auto)");
        }
        device = device == null || device.isBlank() ? null : device.trim();
    }

    public boolean isAuto() {
        return AUTO.equals(deviceType);
    }

    /** The AV_HWDEVICE_TYPE_* of a type name, AV_HWDEVICE_TYPE_NONE when this build has no such type. */
    static int typeId(String name) {
        Ffmpeg.init();
        return av_hwdevice_find_type_by_name(name);
    }

    static String typeName(int type) {
        return av_hwdevice_get_type_name(type).getString();
    }

    /** The device types this FFmpeg build was compiled with (ffmpeg -hwaccels). */
    public static List<String> types() {
        Ffmpeg.init();
        List<String> names = new ArrayList<>();
        for (int t = av_hwdevice_iterate_types(AV_HWDEVICE_TYPE_NONE); t != AV_HWDEVICE_TYPE_NONE;
                t = av_hwdevice_iterate_types(t)) {
            names.add(typeName(t));
        }
        return names;
    }
}
