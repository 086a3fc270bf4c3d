package org.camelav.media.container;

import java.util.Map;

import org.camelav.media.AvException;
import org.camelav.media.AvRefusedException;
import org.camelav.media.AvUnsupportedException;
import org.camelav.media.FfmpegLog;
import org.camelav.media.io.Interrupter;
import org.camelav.media.io.IoAdapters;
import org.camelav.media.io.JavaIo;

/**
 * Opening an input under its {@link InputPolicy}: the size bound and demuxer probe before FFmpeg reads the body, the
 * protocol, format and codec whitelists on the open, the referencing demuxers refused after it, and the picture-size
 * bound on the streams found. What {@link MediaInput} opens for a reader; the input itself knows nothing of policies
 * but the bounds it applies to each read.
 */
final class InputOpener {

    private InputOpener() {
    }

    /** See {@link MediaInput#open(InputOptions, Interrupter)}. */
    static MediaInput open(InputOptions opts, Interrupter interrupter) {
        InputPolicy policy = opts.policy() != null ? opts.policy()
                : opts.source() != null ? InputPolicy.body() : new InputPolicy(null, true, null, null);
        long maxBytes = policy.bounds().maxBytes();
        JavaIo io = opts.source() == null ? null
                : new JavaIo(maxBytes > 0 ? IoAdapters.bounded(opts.source(), maxBytes) : opts.source(), interrupter);
        String url = opts.url() == null ? "body" : opts.url();
        String format = opts.format();
        MediaInput in;
        FfmpegLog.takeRefusal(); // a refusal logged by an earlier open on this thread is not this one's
        try {
            InputPolicyChecks.checkSize(policy.bounds(), io != null, url);
            if (InputPolicyChecks.probes(policy, io != null, url)) {
                if (format == null || format.isBlank()) {
                    String demuxer = InputPolicyChecks.probe(io, url).name().getString();
                    InputPolicyChecks.checkDemuxer(policy, demuxer, url);
                    format = demuxer.split(",")[0]; // what the probe found: the open need not read the body twice
                } else {
                    InputPolicyChecks.checkDemuxer(policy, format, url);
                }
            }
        } catch (RuntimeException e) {
            if (io != null) {
                io.close();
            }
            interrupter.close();
            AvRefusedException refused = InputPolicyChecks.refusal(io, url);
            throw refused != null ? refused : e;
        }
        try {
            in = MediaInput.open(url, io, format, withPolicy(opts.formatOptions(), policy, url, io != null),
                    policy.bounds().maxPixels(), interrupter);
        } catch (AvException e) {
            AvRefusedException refused = e instanceof AvRefusedException r ? r : InputPolicyChecks.refusal(io, url);
            if (refused != null) {
                throw refused;
            }
            if (!(e instanceof AvUnsupportedException) || policy.allowReferences()) {
                throw e;
            }
            // FFmpeg's "Format not on whitelist" is a bare EINVAL that names no demuxer
            throw new AvUnsupportedException(e.getMessage() + ": the input's format or a resource it names is not"
                                             + " allowed for a message body (demuxers that open other resources,"
                                             + " such as hls, dash, concat, sdp or image2, and every nested open"
                                             + " are refused; allowReferences=true or protocolWhitelist allow them)",
                    0, null);
        }
        String refused = policy.refused(in.formatName());
        if (refused != null) {
            in.close(); // a backstop: the format whitelist keeps these demuxers from running at all
            throw new AvRefusedException("Refused input: demuxer '" + refused + "' opens other files or connections,"
                                         + " which this input may not (allowReferences=true allows it)", url);
        }
        try {
            InputPolicyChecks.checkPictures(policy.bounds().maxPixels(), in.streams(), url);
        } catch (AvRefusedException e) {
            in.close();
            throw e;
        }
        in.bounded(policy.bounds());
        return in;
    }

    /**
     * The demuxer options with the policy's whitelists; what the caller set explicitly in formatOptions wins. A URL
     * gets its scheme's protocols (https: https,tls,tcp,http...), so a playlist it serves cannot open file: URLs.
     */
    private static Map<String, Object> withPolicy(Map<String, Object> options, InputPolicy policy, String url,
            boolean customIo) {
        Map<String, Object> o = new java.util.LinkedHashMap<>(options);
        String protocols = policy.protocolWhitelist() != null ? policy.protocolWhitelist()
                : customIo ? InputPolicy.NO_PROTOCOL : InputPolicy.forScheme(url);
        if (protocols != null) {
            o.putIfAbsent("protocol_whitelist", protocols);
        }
        String formats = policy.effectiveFormatWhitelist();
        if (formats != null && !formats.isBlank()) {
            o.putIfAbsent("format_whitelist", formats);
        }
        if (policy.codecWhitelist() != null && !policy.codecWhitelist().isBlank()) {
            o.putIfAbsent("codec_whitelist", policy.codecWhitelist());
        }
        return o;
    }
}
