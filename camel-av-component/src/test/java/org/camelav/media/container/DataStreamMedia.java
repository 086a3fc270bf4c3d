package org.camelav.media.container;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_SMPTE_KLV;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_TIMED_ID3;
import static org.bytedeco.ffmpeg.global.avcodec.av_new_packet;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_copy;
import static org.bytedeco.ffmpeg.global.avformat.AVIO_FLAG_WRITE;
import static org.bytedeco.ffmpeg.global.avformat.av_interleaved_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_write_trailer;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_write_header;
import static org.bytedeco.ffmpeg.global.avformat.avio_closep;
import static org.bytedeco.ffmpeg.global.avformat.avio_open;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_DATA;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.camelav.media.AvErrors;
import org.camelav.media.sidedata.SideDataMedia;

/**
 * MPEG-TS files with a timed data stream. {@link #klvTs()} is as a drone sends it: H.264 video and a SMPTE 336M KLV data stream (MISB ST 0601 local sets, one per
 * video frame, as FFmpeg's mpegts muxer writes KLV), made at run time. The bundled ffmpeg CLI cannot make one:
 * its data demuxer gives bin_data packets without timestamps and no -c:d can turn them into klv (there is no KLV
 * codec to choose, only copy), so this fixture muxes with FFmpeg's own mpegts muxer through the C API, copying the
 * video packets of a clip the CLI made and writing a KLV packet next to each. ffprobe then reads it back as
 * {@code klv} packets with their pts, the oracle the tests compare with.
 */
public final class DataStreamMedia {

    private DataStreamMedia() {
    }

    public static Path klvTs() {
        Path ts = Path.of("target", "datastream-klv.ts");
        if (!Files.exists(ts)) {
            mux(SideDataMedia.motion(), ts, AV_CODEC_ID_SMPTE_KLV,
                    (ms, n) -> st0601(1_700_000_000_000_000L + ms * 1000, n));
        }
        return ts;
    }

    /** The same with timed ID3 (metadata stream type 0x15), as HLS sources carry it: one ID3v2.4 tag a frame. */
    public static Path id3Ts() {
        Path ts = Path.of("target", "datastream-id3.ts");
        if (!Files.exists(ts)) {
            mux(SideDataMedia.motion(), ts, AV_CODEC_ID_TIMED_ID3, (ms, n) -> id3("frame " + n));
        }
        return ts;
    }

    /** The payload of the data packet that goes with the n-th video packet, at {@code ms} milliseconds. */
    private interface Payload {
        byte[] at(long ms, int n);
    }

    private static void mux(Path video, Path out, int codecId, Payload payload) {
        AVFormatContext in = new AVFormatContext(null);
        AVFormatContext o = new AVFormatContext(null);
        AVPacket pkt = av_packet_alloc();
        try {
            AvErrors.check(avformat_open_input(in, video.toString(), null, null), "open");
            AvErrors.check(avformat_find_stream_info(in, (org.bytedeco.ffmpeg.avutil.AVDictionary) null), "info");
            AvErrors.check(avformat_alloc_output_context2(o, null, "mpegts", out.toString()), "output");
            AVStream vin = in.streams(0);
            AVStream v = avformat_new_stream(o, null);
            AvErrors.check(avcodec_parameters_copy(v.codecpar(), vin.codecpar()), "copy");
            v.codecpar().codec_tag(0);
            AVStream klv = avformat_new_stream(o, null);
            klv.codecpar().codec_type(AVMEDIA_TYPE_DATA).codec_id(codecId);
            klv.time_base().num(1).den(90000);
            AVIOContext pb = new AVIOContext(null);
            AvErrors.check(avio_open(pb, out.toString(), AVIO_FLAG_WRITE), "avio");
            o.pb(pb);
            AvErrors.check(avformat_write_header(o, (org.bytedeco.ffmpeg.avutil.AVDictionary) null), "header");
            AVRational ms = new AVRational().num(1).den(1000);
            int n = 0;
            while (av_read_frame(in, pkt) >= 0) {
                long ptsMs = org.bytedeco.ffmpeg.global.avutil.av_rescale_q(pkt.pts(), vin.time_base(), ms);
                pkt.stream_index(0);
                av_packet_rescale_ts(pkt, vin.time_base(), v.time_base());
                AvErrors.check(av_interleaved_write_frame(o, pkt), "write video");
                byte[] local = payload.at(ptsMs, n++);
                AvErrors.check(av_new_packet(pkt, local.length), "packet");
                pkt.data().put(local, 0, local.length);
                pkt.stream_index(1);
                pkt.pts(ptsMs * 90).dts(ptsMs * 90);
                pkt.time_base().num(1).den(90000);
                av_packet_rescale_ts(pkt, new AVRational().num(1).den(90000), klv.time_base());
                AvErrors.check(av_interleaved_write_frame(o, pkt), "write klv");
            }
            AvErrors.check(av_write_trailer(o), "trailer");
        } finally {
            av_packet_unref(pkt);
            av_packet_free(pkt);
            if (o.pb() != null && !o.pb().isNull()) {
                avio_closep(o.pb());
            }
            avformat_free_context(o);
            avformat_close_input(in);
        }
    }

    /** An ID3v2.4 tag holding one TXXX (user text) frame; sizes are syncsafe (7 bits a byte). */
    static byte[] id3(String text) {
        byte[] value = ("\0camel-av\0" + text).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        value[0] = 3; // UTF-8 encoding byte
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.writeBytes(new byte[] {'T', 'X', 'X', 'X'});
        frame.writeBytes(syncsafe(value.length));
        frame.writeBytes(new byte[] {0, 0});
        frame.writeBytes(value);
        ByteArrayOutputStream tag = new ByteArrayOutputStream();
        tag.writeBytes(new byte[] {'I', 'D', '3', 4, 0, 0});
        tag.writeBytes(syncsafe(frame.size()));
        tag.writeBytes(frame.toByteArray());
        return tag.toByteArray();
    }

    private static byte[] syncsafe(int n) {
        return new byte[] {(byte) (n >> 21 & 0x7f), (byte) (n >> 14 & 0x7f), (byte) (n >> 7 & 0x7f), (byte) (n & 0x7f)};
    }

    /**
     * A MISB ST 0601 UAS Datalink local set: the 16-byte universal key, BER length, then tag 2 (precision time stamp,
     * microseconds), tag 65 (LS version 13), tag 5 (platform heading, a value that changes per packet) and tag 1
     * (the checksum over everything before its two bytes).
     */
    static byte[] st0601(long micros, int n) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(2);
        body.write(8);
        body.writeBytes(ByteBuffer.allocate(8).putLong(micros).array());
        body.writeBytes(new byte[] {65, 1, 13, 5, 2, (byte) (n >> 8), (byte) n, 1, 2});
        byte[] key = {6, 14, 43, 52, 2, 11, 1, 1, 14, 1, 3, 1, 1, 0, 0, 0};
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.writeBytes(key);
        all.write(body.size() + 2);
        all.writeBytes(body.toByteArray());
        byte[] b = all.toByteArray();
        int sum = 0;
        for (int i = 0; i < b.length; i++) {
            sum += (b[i] & 0xff) << (8 * ((i + 1) % 2));
        }
        all.write(sum >> 8 & 0xff);
        all.write(sum & 0xff);
        return all.toByteArray();
    }
}
