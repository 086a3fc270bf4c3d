package org.camelav.media.codec;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_HW_CONFIG_METHOD_HW_DEVICE_CTX;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_hw_config;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecHWConfig;
import org.camelav.media.AvException;
import org.camelav.media.AvUnsupportedException;
import org.camelav.media.UrlMasker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the hardware device a codec works on, as ffmpeg's {@code -hwaccel} does (fftools' hw_device_setup_for_decode):
 * the codec must list the device type among its hardware configurations with the device-context method, and the device
 * must open. When neither works the codec runs on the CPU after one warning per input and reason, or the open fails
 * when the request forbids falling back.
 */
final class HwSelection {

    private static final Logger LOG = LoggerFactory.getLogger(HwSelection.class);
    /** Inputs and reasons already warned about: a reconnecting camera warns once, not at every reconnect. */
    private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();

    private HwSelection() {
    }

    /**
     * @return the opened device, or null to work on the CPU
     * @throws AvException when no device works and {@link HwAccel#allowSoftwareFallback()} is false
     */
    static HwDevice open(AVCodec codec, HwAccel hw, String url, boolean encode) {
        String codecName = codec.name().getString();
        List<String> supported = deviceTypes(codec);
        List<String> wanted = hw.isAuto() ? supported : List.of(hw.deviceType());
        List<String> reasons = new ArrayList<>();
        for (String type : wanted) {
            if (!supported.contains(type)) {
                reasons.add("it has no " + type + " path"
                            + (supported.isEmpty() ? "" : " (it has " + String.join(", ", supported) + ")"));
                continue;
            }
            try {
                return HwDevice.open(type, hw.device(), encode);
            } catch (AvException e) {
                reasons.add(e.getMessage());
            }
        }
        if (wanted.isEmpty()) {
            reasons.add("it has no hardware path");
        }
        String why = (encode ? "Encoder " : "Decoder ") + codecName + " cannot run on "
                     + (hw.isAuto() ? "a hardware device" : hw.deviceType()) + ": " + String.join("; ", reasons);
        if (!hw.allowSoftwareFallback()) {
            // the reasons already carry FFmpeg's error text: no code appended twice
            throw new AvUnsupportedException(why, 0, url);
        }
        if (WARNED.add(url + '\n' + why)) {
            LOG.warn("{}; {} on the CPU for {}", why, encode ? "encoding" : "decoding", UrlMasker.mask(url));
        } else {
            LOG.debug("{}; on the CPU for {}", why, UrlMasker.mask(url));
        }
        return null;
    }

    /** The device types {@code codec} can use through a device context, in FFmpeg's order. */
    static List<String> deviceTypes(AVCodec codec) {
        Set<String> types = new LinkedHashSet<>();
        for (int i = 0;; i++) {
            AVCodecHWConfig config = avcodec_get_hw_config(codec, i);
            if (config == null || config.isNull()) {
                break;
            }
            if ((config.methods() & AV_CODEC_HW_CONFIG_METHOD_HW_DEVICE_CTX) != 0) {
                types.add(HwAccel.typeName(config.device_type()));
            }
        }
        return List.copyOf(types);
    }
}
