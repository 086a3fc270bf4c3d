package org.camelav.media.container;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.camelav.media.MediaType;
import org.camelav.media.StreamInfo;
import org.camelav.media.UrlMasker;

/**
 * What {@code ffprobe -show_format -show_streams} reports about an input, as one immutable object. Streams whose
 * container does not store a frame count or duration (MKV, MPEG-TS, raw streams) get them by demuxing every packet,
 * which reads the whole input but decodes nothing. A live input (RTSP, a live HTTP stream, a device) has no end to
 * demux to: it is reported as ffprobe reports it, from the header and stream-info probe, with a frame count of 0
 * (unknown, as PyAV says) and no duration.
 */
public record MediaInfo(String name, String formatName, String formatLongName, Double durationSeconds,
        Double startSeconds, long bitRate, Map<String, String> metadata, List<StreamInfo> streams) {

    /** The name is a message body, printed and stored downstream: never with the credentials the URL was opened with. */
    public MediaInfo {
        name = UrlMasker.withoutCredentials(name);
    }

    /** As {@link #of(MediaInput, long)} with no time limit on the counting. */
    public static MediaInfo of(MediaInput in) {
        return of(in, 0);
    }

    /**
     * Probes an opened input; demuxes a bounded input to its end when a count is missing, so use a fresh input.
     *
     * @param measureMillis the longest the counting may demux, in milliseconds (0: no limit); past it the counts stay
     *                      unknown (0 frames, no duration) rather than the probe failing or running on
     */
    public static MediaInfo of(MediaInput in, long measureMillis) {
        List<StreamInfo> streams = in.streams();
        boolean hasEnd = in.isFinite() || in.durationSeconds() != null;
        if (hasEnd && streams.stream().anyMatch(s -> s.frames() <= 0 || s.duration() == null)) {
            List<StreamInfo> measured = measure(in, streams, measureMillis);
            streams = measured != null ? measured : streams;
        }
        return new MediaInfo(in.url(), in.formatName(), in.formatLongName(), in.durationSeconds(), in.startSeconds(),
                in.bitRate(), Map.copyOf(in.metadata()), List.copyOf(streams));
    }

    /** The streams with what demuxing to the end counted, or null when that took longer than {@code limitMillis}. */
    private static List<StreamInfo> measure(MediaInput in, List<StreamInfo> streams, long limitMillis) {
        long deadline = System.nanoTime() + limitMillis * 1_000_000L;
        int n = streams.size();
        long[] counts = new long[n];
        long[] first = new long[n];
        long[] end = new long[n];
        java.util.Arrays.fill(first, Long.MAX_VALUE);
        java.util.Arrays.fill(end, Long.MIN_VALUE);
        AVPacket pkt = av_packet_alloc();
        try {
            while (in.read(pkt)) {
                if (limitMillis > 0 && System.nanoTime() - deadline > 0 && !in.stalled()) {
                    // still counting, not stalled: a stalled read fails as the timeout with the next read
                    return null;
                }
                int i = pkt.stream_index();
                if (i >= 0 && i < n) {
                    counts[i]++;
                    if (pkt.pts() != AV_NOPTS_VALUE) {
                        first[i] = Math.min(first[i], pkt.pts());
                        end[i] = Math.max(end[i], pkt.pts() + Math.max(0, pkt.duration()));
                    }
                }
                av_packet_unref(pkt);
            }
        } finally {
            av_packet_free(pkt);
        }
        List<StreamInfo> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Long duration = end[i] > first[i] ? end[i] - first[i] : null;
            out.add(streams.get(i).withMeasured(counts[i], duration));
        }
        return out;
    }

    /** The first stream of a type, or null. */
    public StreamInfo first(MediaType type) {
        return streams.stream().filter(s -> s.mediaType() == type).findFirst().orElse(null);
    }
}
