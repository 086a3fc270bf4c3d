package org.camelav.media.container;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_AAC;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_HEVC;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_OPUS;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avformat.avio_flush;
import static org.bytedeco.ffmpeg.global.avutil.av_rescale_q;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.camelav.media.AvException;
import org.camelav.media.MediaPacket;
import org.camelav.media.StreamInfo;
import org.camelav.media.io.IoAdapters;
import org.camelav.media.io.JavaIo;

/**
 * A fragmented MP4 for Media Source Extensions, muxed from packets without re-encoding: {@link #init()} is the init
 * segment (ftyp + an empty moov), and every {@link #write} of a video packet returns one media fragment (prft + moof +
 * mdat) holding that picture and the audio written since. One picture per fragment is the lowest latency a browser
 * accepts (audio rides along with the next picture; fragments of audio alone would have no prft, which FFmpeg writes
 * for the first track only). {@code frag_custom} with an explicit flush cuts each fragment exactly after its picture
 * ({@code frag_every_frame} would cut at the next packet of any stream). {@code empty_moov+default_base_moof} gives the
 * shape go2rtc's own muxer writes for MSE (pkg/iso/atoms.go: a moov without samples, then one sample per moof with
 * tfhd default-base-is-moof). Each fragment carries a Producer Reference Time box ({@code write_prft=wallclock}): the wall-clock time the
 * server muxed it next to the media time of its sample, so a page can measure its own latency from the stream alone.
 * <p>
 * H.264 and H.265 video (tagged {@code hvc1}, the form browsers accept) and AAC or Opus audio (the live transcoder's
 * output for G.711 cameras); other streams are left out.
 * Timestamps are given by the caller on a timeline that starts at 0. Not thread-safe: one caller at a time.
 */
public final class Fmp4Muxer implements AutoCloseable {

    private static final int HVC1 = 'h' | 'v' << 8 | 'c' << 16 | '1' << 24;

    /** What the muxer writes, taken as one fragment after each flush. */
    private final ByteArrayOutputStream written = new ByteArrayOutputStream();
    private final JavaIo io;
    private final MediaOutput output;
    /** Source stream index to output stream index. */
    private final Map<Integer, Integer> tracks = new LinkedHashMap<>();
    private final List<StreamInfo> muxed = new ArrayList<>();
    private final byte[] init;
    private final String codecs;

    /**
     * Opens the muxer for {@code streams} (the first video stream and the first AAC stream among them are taken) and
     * writes the init segment.
     *
     * @throws AvException when there is no video stream a browser plays (H.264/H.265)
     */
    public Fmp4Muxer(List<StreamInfo> streams) {
        List<StreamInfo> picked = pick(streams);
        if (picked.isEmpty() || picked.get(0).mediaType() != org.camelav.media.MediaType.VIDEO) {
            throw new AvException("No H.264 or H.265 video stream among " + streams);
        }
        io = new JavaIo(IoAdapters.of(written));
        output = MediaOutput.create("live.mp4", "mp4", 10_000, io);
        try {
            for (StreamInfo s : picked) {
                AVStream st = output.addStream();
                s.codecParameters().copyTo(st.codecpar());
                if (s.codecParameters().codecId() == AV_CODEC_ID_HEVC) {
                    st.codecpar().codec_tag(HVC1);
                }
                st.time_base().num(s.timeBase().num()).den(s.timeBase().den());
                tracks.put(s.index(), st.index());
                muxed.add(s);
            }
            // avoid_negative_ts off: the caller's timeline starts at 0 for video, and FFmpeg's default for mp4 would
            // shift every stream by the first packet written (audio a few ms later), push the first picture below 0
            // and abort on movenc's "next_dts >= 0" assertion
            output.writeHeader(Map.of("movflags", "empty_moov+default_base_moof+frag_custom",
                    "write_prft", "wallclock", "video_track_timescale", "90000", "flush_packets", "1",
                    "avoid_negative_ts", "disabled"));
            avio_flush(io.context());
            init = take();
            codecs = MseCodecs.of(muxed, init);
        } catch (RuntimeException e) {
            output.close();
            throw e;
        }
    }

    private static List<StreamInfo> pick(List<StreamInfo> streams) {
        List<StreamInfo> picked = new ArrayList<>();
        streams.stream().filter(s -> s.mediaType() == org.camelav.media.MediaType.VIDEO && !playable(s)).findFirst()
                .ifPresent(s -> {
                    throw new org.camelav.media.AvUnsupportedException("Video codec " + s.codecName() + " is not one"
                            + " browsers play (H.264, H.265): it would need transcoding (liveTranscode=auto)", 0,
                            null);
                });
        streams.stream().filter(s -> s.codecParameters() != null)
                .filter(Fmp4Muxer::playable).findFirst().ifPresent(picked::add);
        streams.stream().filter(s -> s.codecParameters() != null)
                .filter(s -> s.codecParameters().codecId() == AV_CODEC_ID_AAC
                             || s.codecParameters().codecId() == AV_CODEC_ID_OPUS).findFirst().ifPresent(picked::add);
        return picked;
    }

    private static boolean playable(StreamInfo s) {
        int id = s.codecParameters() == null ? 0 : s.codecParameters().codecId();
        return id == AV_CODEC_ID_H264 || id == AV_CODEC_ID_HEVC;
    }

    /** The init segment: ftyp and a moov without samples. */
    public byte[] init() {
        return init.clone();
    }

    /** The RFC 6381 codecs of the tracks, for {@code MediaSource.isTypeSupported}: {@code avc1.42C01E,mp4a.40.2}. */
    public String codecs() {
        return codecs;
    }

    /** The source streams muxed, video first. */
    public List<StreamInfo> streams() {
        return List.copyOf(muxed);
    }

    public boolean carries(int sourceStreamIndex) {
        return tracks.containsKey(sourceStreamIndex);
    }

    /**
     * Muxes {@code p} (a packet of a stream {@link #carries carried}) at the given position of the live timeline, in
     * the packet's own time base (the output track keeps it, so nothing is rounded); returns the fragment it completes
     * (a video packet), or null (audio, kept for the next fragment). The duration must be exact for video: FFmpeg
     * places the next fragment where this one's last sample ends.
     */
    public byte[] write(MediaPacket p, long pts, long dts, long duration) {
        Integer track = tracks.get(p.streamIndex());
        if (track == null) {
            throw new AvException("Stream #" + p.streamIndex() + " is not muxed here");
        }
        AVRational tb = output.stream(track).time_base(); // the muxer's own, set by the header
        boolean video = track == 0;
        AVPacket pkt = av_packet_alloc();
        try (AVRational in = new AVRational().num(p.timeBase().num()).den(p.timeBase().den())) {
            p.fill(pkt, av_rescale_q(pts, in, tb), av_rescale_q(dts, in, tb));
            pkt.duration(Math.max(1, av_rescale_q(duration, in, tb)));
            pkt.stream_index(track);
            output.writeUninterleaved(pkt, video);
        } finally {
            av_packet_unref(pkt);
            av_packet_free(pkt);
        }
        if (!video) {
            return null;
        }
        avio_flush(io.context());
        return take();
    }

    private byte[] take() {
        byte[] b = written.toByteArray();
        written.reset();
        return b;
    }

    @Override
    public void close() {
        output.interrupt(); // no trailer: nobody reads it, and it would flush the audio still held, without a prft
        output.close(); // frees the context and our AVIOContext
    }
}
