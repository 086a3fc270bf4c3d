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
 * which reads the whole input but decodes nothing.
 */
public record MediaInfo(String name, String formatName, String formatLongName, Double durationSeconds,
        Double startSeconds, long bitRate, Map<String, String> metadata, List<StreamInfo> streams) {

    /** The name is a message body, printed and stored downstream: never with the credentials the URL was opened with. */
    public MediaInfo {
        name = UrlMasker.withoutCredentials(name);
    }

    /** Probes an opened input; demuxes it to the end when a count is missing, so use a fresh input. */
    public static MediaInfo of(MediaInput in) {
        List<StreamInfo> streams = in.streams();
        if (streams.stream().anyMatch(s -> s.frames() <= 0 || s.duration() == null)) {
            streams = measure(in, streams);
        }
        return new MediaInfo(in.url(), in.formatName(), in.formatLongName(), in.durationSeconds(), in.startSeconds(),
                in.bitRate(), Map.copyOf(in.metadata()), List.copyOf(streams));
    }

    private static List<StreamInfo> measure(MediaInput in, List<StreamInfo> streams) {
        int n = streams.size();
        long[] counts = new long[n];
        long[] first = new long[n];
        long[] end = new long[n];
        java.util.Arrays.fill(first, Long.MAX_VALUE);
        java.util.Arrays.fill(end, Long.MIN_VALUE);
        AVPacket pkt = av_packet_alloc();
        try {
            while (in.read(pkt)) {
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
