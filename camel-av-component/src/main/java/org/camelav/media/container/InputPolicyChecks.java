package org.camelav.media.container;

import static org.bytedeco.ffmpeg.global.avformat.av_probe_input_buffer2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_INVALIDDATA;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set_int;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVInputFormat;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;
import org.camelav.media.AvErrors;
import org.camelav.media.AvRefusedException;
import org.camelav.media.FfmpegLog;
import org.camelav.media.MediaType;
import org.camelav.media.StreamInfo;
import org.camelav.media.io.IoAdapters;
import org.camelav.media.io.JavaIo;
import org.camelav.media.io.TooLongException;

/**
 * Applies an {@link InputPolicy} to one open with names in its errors: the demuxer an untrusted input needs is found
 * first, by FFmpeg's own probe, so a refused one is named before it reads anything (FFmpeg's "Format not on
 * whitelist" names none); a refused nested protocol is named from FFmpeg's log line; the bounds are checked on the
 * stream headers and on every packet.
 */
final class InputPolicyChecks {

    private InputPolicyChecks() {
    }

    /** Whether the demuxer must be known before the open: an untrusted input, or a formatWhitelist to name. */
    static boolean probes(InputPolicy policy, boolean customIo, String url) {
        boolean local = customIo || !url.matches("(?i)^[a-z][a-z0-9+.-]+:.*");
        return local && (!policy.allowReferences() || policy.formatWhitelist() != null);
    }

    /**
     * The demuxer FFmpeg would pick for the input, by the probe avformat_open_input runs (which rewinds a body, so
     * the open reads it again from its start), or for a local file by that probe on the file's head.
     */
    static AVInputFormat probe(JavaIo io, String url) {
        if (io != null) {
            // no name, as the open: the bytes decide, not a .txt or .m3u8 name
            return probe(io.context(), "", url, io::timedOut);
        }
        try (JavaIo file = new JavaIo(IoAdapters.read(Path.of(url)))) {
            return probe(file.context(), url, url, () -> false);
        } catch (IOException e) {
            throw new org.camelav.media.AvException("Cannot open input: " + e.getMessage(), 0, url);
        }
    }

    private static AVInputFormat probe(org.bytedeco.ffmpeg.avformat.AVIOContext pb, String filename, String url,
            java.util.function.BooleanSupplier timedOut) {
        try (PointerPointer<AVInputFormat> fmt = new PointerPointer<>(1);
             BytePointer name = new BytePointer(filename)) {
            fmt.put(0, (Pointer) null);
            int ret = av_probe_input_buffer2(pb, fmt, name, (Pointer) null, 0, 0);
            Pointer found = fmt.get(0);
            if (ret < 0 || found == null || found.isNull()) {
                boolean late = ret < 0 && timedOut.getAsBoolean(); // a body that stalled before its format showed
                throw AvErrors.exception(late ? "Open timed out" : "Cannot open input",
                        ret < 0 ? ret : AVERROR_INVALIDDATA, url, late);
            }
            return new AVInputFormat(found); // FFmpeg's static demuxer: nothing to free
        }
    }

    /** @throws AvRefusedException when the policy refuses demuxer {@code names} (FFmpeg's comma list) */
    static void checkDemuxer(InputPolicy policy, String names, String url) {
        String why = policy.refusal(names);
        if (why != null) {
            throw new AvRefusedException("Refused input: " + why, url);
        }
    }

    /** @throws AvRefusedException when a local file is larger than maxBytes (a body is bounded as it is read) */
    static void checkSize(InputLimits bounds, boolean customIo, String url) {
        if (bounds.maxBytes() > 0 && !customIo) {
            try {
                long size = Files.size(Path.of(url));
                if (size > bounds.maxBytes()) {
                    throw new AvRefusedException("Refused input: the body has " + size + " bytes, more than"
                                                 + " maxBodySize=" + bounds.maxBytes(), url);
                }
            } catch (IOException | RuntimeException e) {
                if (e instanceof AvRefusedException r) {
                    throw r;
                }
                // not a readable local path: the open reports it
            }
        }
    }

    /** The refusal behind a failed open (a bound the body crossed, a nested protocol FFmpeg refused), or null. */
    static AvRefusedException refusal(JavaIo io, String url) {
        String protocol = FfmpegLog.takeRefusal(); // "Protocol 'file' not on whitelist 'none'!"
        if (io != null && io.failure() instanceof TooLongException e) {
            return new AvRefusedException("Refused input: " + e.getMessage(), url);
        }
        if (protocol != null) {
            return new AvRefusedException("Refused input: FFmpeg: " + protocol.replaceAll("!$", "")
                                          + " (protocolWhitelist sets the protocols this input may open)", url);
        }
        return null;
    }

    /** @throws AvRefusedException when a video stream's pictures are larger than maxPixels (0: no bound) */
    static void checkPictures(long maxPixels, AVFormatContext ctx, String url) {
        for (int i = 0; maxPixels > 0 && i < ctx.nb_streams(); i++) {
            AVCodecParameters par = ctx.streams(i).codecpar();
            checkPicture(maxPixels, i, par.width(), par.height(), url);
        }
    }

    /** The same on the stream facts, for demuxers that learn the size only by decoding a first frame. */
    static void checkPictures(long maxPixels, List<StreamInfo> streams, String url) {
        for (StreamInfo s : streams) {
            if (maxPixels > 0 && s.mediaType() == MediaType.VIDEO) {
                checkPicture(maxPixels, s.index(), s.width(), s.height(), url);
            }
        }
    }

    private static void checkPicture(long maxPixels, int stream, int width, int height, String url) {
        if ((long) width * height > maxPixels) {
            throw new AvRefusedException("Refused input: stream " + stream + " has " + width + "x" + height
                                         + " pictures, more than maxPixels=" + maxPixels, url);
        }
    }

    /** @throws AvRefusedException when packet number {@code count} or its time crosses a bound */
    static void checkPacket(InputLimits bounds, long count, AVPacket pkt, AVStream st, String url) {
        if (bounds.maxPackets() > 0 && count > bounds.maxPackets()) {
            throw new AvRefusedException("Refused input: more than maxBodyFrames=" + bounds.maxPackets()
                                         + " packets", url);
        }
        long ts = pkt.pts() != AV_NOPTS_VALUE ? pkt.pts() : pkt.dts();
        if (bounds.maxSeconds() > 0 && ts != AV_NOPTS_VALUE && st.time_base().den() > 0) {
            long start = st.start_time() == AV_NOPTS_VALUE ? 0 : st.start_time();
            double seconds = (ts - start) * (double) st.time_base().num() / st.time_base().den();
            if (seconds > bounds.maxSeconds()) {
                throw new AvRefusedException(String.format("Refused input: a packet at %.3f s, later than"
                                                           + " maxBodyDuration=%s s", seconds, bounds.maxSeconds()), url);
            }
        }
    }

    /**
     * avformat_find_stream_info with FFmpeg's max_pixels for the decoders it opens to probe: an image pipe (PNG, JPEG
     * body) declares no size in the container, and its probe decodes the first picture, which a 12000x12000 PNG of
     * 420 KB makes 432 MB. FFmpeg consumes or replaces the dictionaries, so the array's entries are freed after.
     */
    static int findStreamInfo(AVFormatContext ctx, long maxPixels, String url) {
        int n = ctx.nb_streams();
        if (maxPixels <= 0 || n == 0) {
            return avformat_find_stream_info(ctx, (AVDictionary) null);
        }
        FfmpegLog.takeOversized(); // an earlier refusal on this thread is not this one's
        try (PointerPointer<AVDictionary> dicts = new PointerPointer<>(n)) {
            for (int i = 0; i < n; i++) {
                AVDictionary d = new AVDictionary(null); // FFmpeg allocates it: the pointer is updated in place
                av_dict_set_int(d, "max_pixels", maxPixels, 0);
                dicts.put(i, d);
            }
            try {
                int ret = avformat_find_stream_info(ctx, dicts);
                String oversized = FfmpegLog.takeOversized();
                if (oversized != null) {
                    throw new AvRefusedException("Refused input: a stream has " + oversized + " pictures, more than"
                                                 + " maxPixels=" + maxPixels, url);
                }
                return ret;
            } finally {
                for (int i = 0; i < n; i++) {
                    AVDictionary left = dicts.get(AVDictionary.class, i); // what FFmpeg left there: often none
                    if (left != null && !left.isNull()) {
                        av_dict_free(left);
                    }
                }
            }
        }
    }
}
