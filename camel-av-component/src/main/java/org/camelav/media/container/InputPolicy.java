package org.camelav.media.container;

import static org.bytedeco.ffmpeg.global.avformat.av_demuxer_iterate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.bytedeco.ffmpeg.avformat.AVInputFormat;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;
import org.camelav.media.Ffmpeg;

/**
 * What an input may open besides itself (FFmpeg's {@code protocol_whitelist}) and which demuxers and decoders may
 * read it ({@code format_whitelist}, {@code codec_whitelist}). A message body is untrusted: it opens nothing nested
 * and may not use the demuxers that follow references to other resources (FFmpeg's HLS/DASH/concat class of local
 * file reads and server-side requests). A URL the route author wrote gets the protocols its own scheme needs.
 * One idea, four classes: this record is the rules, {@link InputLimits} how much may be read, {@link InputPolicyChecks}
 * applies both with names in the errors, and {@link InputOpener} opens an input under them.
 *
 * @param protocolWhitelist protocols the input and its nested opens may use; null: derived from the URL's scheme
 * @param allowReferences   allow the demuxers in {@link #REFERENCING}
 * @param formatWhitelist   demuxers allowed (comma list); null: any
 * @param codecWhitelist    decoders allowed (comma list); null: any
 * @param bounds            how much of the input may be read; never null
 */
public record InputPolicy(String protocolWhitelist, boolean allowReferences, String formatWhitelist,
        String codecWhitelist, InputLimits bounds) {

    /**
     * Demuxers that open other files or sockets than their input: playlists and manifests, scripts, session
     * descriptions that bind ports, file patterns, graphs that read files.
     */
    public static final Set<String> REFERENCING = Set.of("hls", "dash", "concat", "imf", "sdp", "rtp", "rtsp", "sap",
            "image2", "lavfi", "avisynth", "vapoursynth", "dvdvideo", "tee");
    /** No protocol at all: the name of none, so FFmpeg's whitelist check refuses every nested open. */
    static final String NO_PROTOCOL = "none";

    private static volatile String plainDemuxers;

    public InputPolicy {
        bounds = bounds == null ? InputLimits.NONE : bounds;
    }

    public InputPolicy(String protocolWhitelist, boolean allowReferences, String formatWhitelist,
                       String codecWhitelist) {
        this(protocolWhitelist, allowReferences, formatWhitelist, codecWhitelist, InputLimits.NONE);
    }

    /** A message body read through custom I/O: nothing nested, no referencing demuxer. */
    public static InputPolicy body() {
        return new InputPolicy(NO_PROTOCOL, false, null, null);
    }

    /** A {@code File} given as a message body: only that file itself. */
    public static InputPolicy fileBody() {
        return new InputPolicy("file", false, null, null);
    }

    /** The protocols an input of {@code url} needs, as the route author wrote it: its scheme's, nothing wider. */
    static String forScheme(String url) {
        if (url == null) {
            return null;
        }
        int colon = url.indexOf("://");
        if (colon < 0 && url.matches("(?i)^[a-z][a-z0-9+.-]+:.*")) {
            return null; // concat:, pipe:, subfile:... as the author wrote them: FFmpeg's own defaults
        }
        String scheme = colon > 0 ? url.substring(0, colon).toLowerCase(Locale.ROOT) : "file";
        return switch (scheme) {
            case "http", "https" -> "http,https,tls,tcp,crypto,data,httpproxy";
            case "rtsp", "rtsps" -> "rtsp,rtsps,rtp,srtp,udp,tcp,tls,http,https,httpproxy";
            case "rtmp", "rtmps", "rtmpt", "rtmpts", "rtmpe", "rtmpte" -> "rtmp,rtmps,rtmpt,rtmpts,rtmpe,rtmpte,"
                    + "ffrtmphttp,ffrtmpcrypt,tcp,tls,http,https,crypto";
            case "srt" -> "srt,udp";
            case "udp", "rtp" -> "udp,rtp";
            case "tcp" -> "tcp";
            case "tls" -> "tls,tcp";
            case "file" -> "file,crypto,data";
            default -> null; // devices, lavfi graphs, other protocols: FFmpeg's own defaults
        };
    }

    /** Whether {@code formatName} (FFmpeg's comma list, e.g. {@code hls}) is a demuxer this policy refuses. */
    public String refused(String formatName) {
        if (formatName == null) {
            return null;
        }
        for (String n : formatName.split(",")) {
            if (!allowReferences && REFERENCING.contains(n.trim().toLowerCase(Locale.ROOT))) {
                return n.trim();
            }
        }
        return null;
    }

    /** Why demuxer {@code formatName} may not read this input, naming the option that allows it; null if it may. */
    String refusal(String formatName) {
        String referencing = refused(formatName);
        if (referencing != null) {
            return "demuxer '" + referencing + "' opens other files or connections, which this input may not"
                   + " (allowReferences=true allows it)";
        }
        if (formatWhitelist != null && !formatWhitelist.isBlank()) {
            List<String> allowed = List.of(formatWhitelist.toLowerCase(Locale.ROOT).split("\\s*,\\s*"));
            boolean listed = false;
            for (String n : formatName.split(",")) {
                listed |= allowed.contains(n.trim().toLowerCase(Locale.ROOT));
            }
            if (!listed) {
                return "demuxer '" + formatName.split(",")[0] + "' is not on formatWhitelist=" + formatWhitelist;
            }
        }
        return null;
    }

    /** The format_whitelist to set, or null: the given one, without the referencing demuxers unless allowed. */
    String effectiveFormatWhitelist() {
        if (allowReferences) {
            return formatWhitelist;
        }
        if (formatWhitelist != null && !formatWhitelist.isBlank()) {
            List<String> kept = new ArrayList<>();
            for (String n : formatWhitelist.split(",")) {
                if (!REFERENCING.contains(n.trim().toLowerCase(Locale.ROOT))) {
                    kept.add(n.trim());
                }
            }
            return String.join(",", kept);
        }
        return plainDemuxers();
    }

    /** Every demuxer of this build but the referencing ones, computed once. */
    private static String plainDemuxers() {
        String s = plainDemuxers;
        if (s == null) {
            Ffmpeg.init();
            List<String> names = new ArrayList<>();
            try (PointerPointer<Pointer> opaque = new PointerPointer<>(1)) {
                opaque.put(0, null);
                for (AVInputFormat f; (f = av_demuxer_iterate(opaque)) != null && !f.isNull();) {
                    for (String n : f.name().getString().split(",")) {
                        if (!REFERENCING.contains(n)) {
                            names.add(n);
                        }
                    }
                }
            }
            plainDemuxers = s = String.join(",", names);
        }
        return s;
    }
}
