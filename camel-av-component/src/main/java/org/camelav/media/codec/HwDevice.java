package org.camelav.media.codec;

import static org.bytedeco.ffmpeg.global.avutil.av_buffer_ref;
import static org.bytedeco.ffmpeg.global.avutil.av_buffer_unref;
import static org.bytedeco.ffmpeg.global.avutil.av_hwdevice_ctx_create;

import java.util.ArrayList;
import java.util.List;

import org.bytedeco.ffmpeg.avutil.AVBufferRef;
import org.camelav.media.AvErrors;
import org.camelav.media.AvException;

/**
 * One opened hardware device context (av_hwdevice_ctx_create, as FFmpeg's hw_decode.c example), owned here and
 * unreferenced once in {@link #close()}; codec contexts that use it take references of their own.
 */
public final class HwDevice implements AutoCloseable {

    private final String type;
    private AVBufferRef ref;

    private HwDevice(String type, AVBufferRef ref) {
        this.type = type;
        this.ref = ref;
    }

    /**
     * Opens a device of {@code type} ({@code cuda}, {@code vaapi}...), {@code device} null for the type's default.
     *
     * @param encode whether an encoder will use it: only for naming the library that is missing
     * @throws AvException saying why, with what this host lacks when that is known
     */
    public static HwDevice open(String type, String device, boolean encode) {
        int typeId = HwAccel.typeId(type);
        AVBufferRef ref = new AVBufferRef();
        int ret = av_hwdevice_ctx_create(ref, typeId, device, null, 0);
        if (ret < 0 || ref.isNull()) {
            String missing = HwHost.missing(type, device, encode);
            throw AvErrors.exception("Cannot open " + type + " device" + (device == null ? "" : " " + device)
                                     + (missing == null ? "" : ": " + missing), ret, null);
        }
        return new HwDevice(type, ref);
    }

    /**
     * Checks that {@code hw}'s device opens, before any input names a codec: a consumer that may not fall back fails at
     * start rather than at its first frame. {@code auto} needs any device type of this build to open.
     *
     * @throws AvException naming what this host lacks
     */
    public static void check(HwAccel hw) {
        List<String> reasons = new ArrayList<>();
        for (String type : hw.isAuto() ? HwAccel.types() : List.of(hw.deviceType())) {
            try (HwDevice device = open(type, hw.device(), false)) {
                return;
            } catch (AvException e) {
                reasons.add(e.getMessage());
            }
        }
        throw new AvException("hwaccel=" + hw.deviceType() + " with hwaccelFallback=false: " + String.join("; ",
                reasons));
    }

    public String type() {
        return type;
    }

    /** A new reference for a codec context's hw_device_ctx, which the context frees with itself. */
    AVBufferRef newReference() {
        if (ref == null) {
            throw new IllegalStateException(type + " device is closed");
        }
        return av_buffer_ref(ref);
    }

    @Override
    public void close() {
        if (ref != null) {
            av_buffer_unref(ref);
            ref = null;
        }
    }
}
