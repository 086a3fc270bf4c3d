package org.camelav.media.container;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_DVB_SUBTITLE;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.SUBTITLE_BITMAP;
import static org.bytedeco.ffmpeg.global.avcodec.av_new_packet;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_encode_subtitle;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_from_context;
import static org.bytedeco.ffmpeg.global.avcodec.avsubtitle_free;
import static org.bytedeco.ffmpeg.global.avformat.AVIO_FLAG_WRITE;
import static org.bytedeco.ffmpeg.global.avformat.av_interleaved_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_write_trailer;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_write_header;
import static org.bytedeco.ffmpeg.global.avformat.avio_closep;
import static org.bytedeco.ffmpeg.global.avformat.avio_open;
import static org.bytedeco.ffmpeg.global.avutil.av_mallocz;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avcodec.AVSubtitle;
import org.bytedeco.ffmpeg.avcodec.AVSubtitleRect;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;
import org.camelav.media.AvErrors;

/**
 * DVB bitmap subtitles in MPEG-TS, made at run time. The ffmpeg CLI encodes bitmap subtitles only from bitmap
 * subtitles ("Subtitle encoding currently only possible from text to text or bitmap to bitmap"), so this fixture hands
 * FFmpeg's own dvbsub encoder a palette picture through the C API: one 64x16 rect at (40, 180) on a 320x240 display,
 * left half white, right half red, shown from 0.5 s for 1 s, then a second at 2 s.
 */
public final class BitmapSubtitleMedia {

    public static final int X = 40, Y = 180, W = 64, H = 16;
    /** Palette entries as AV_PIX_FMT_PAL8 keeps them: 0xAARRGGBB. */
    public static final int[] PALETTE = { 0x00000000, 0xFFFFFFFF, 0xFFFF0000, 0xFF0000FF };

    private BitmapSubtitleMedia() {
    }

    public static Path dvbTs() {
        Path ts = Path.of("target", "subtitles-dvb.ts");
        if (!Files.exists(ts)) {
            write(ts);
        }
        return ts;
    }

    private static void write(Path out) {
        AVCodec codec = avcodec_find_encoder(AV_CODEC_ID_DVB_SUBTITLE);
        AVCodecContext enc = avcodec_alloc_context3(codec);
        AVFormatContext o = new AVFormatContext(null);
        AVPacket pkt = av_packet_alloc();
        BytePointer buf = new BytePointer(1 << 16);
        try {
            enc.width(320).height(240).time_base().num(1).den(1000);
            AvErrors.check(avcodec_open2(enc, codec, (AVDictionary) null), "open dvbsub");
            AvErrors.check(avformat_alloc_output_context2(o, null, "mpegts", out.toString()), "output");
            AVStream st = avformat_new_stream(o, null);
            AvErrors.check(avcodec_parameters_from_context(st.codecpar(), enc), "parameters");
            st.time_base().num(1).den(90000);
            AVIOContext pb = new AVIOContext(null);
            AvErrors.check(avio_open(pb, out.toString(), AVIO_FLAG_WRITE), "avio");
            o.pb(pb);
            AvErrors.check(avformat_write_header(o, (AVDictionary) null), "header");
            for (long startMs : new long[] { 500, 2000 }) {
                int n = encode(enc, buf);
                AvErrors.check(av_new_packet(pkt, n), "packet");
                byte[] data = new byte[n];
                buf.position(0).get(data);
                pkt.data().put(data, 0, n);
                pkt.pts(startMs).dts(startMs).duration(1000).flags(AV_PKT_FLAG_KEY).stream_index(0);
                av_packet_rescale_ts(pkt, new AVRational().num(1).den(1000), st.time_base());
                AvErrors.check(av_interleaved_write_frame(o, pkt), "write");
            }
            AvErrors.check(av_write_trailer(o), "trailer");
        } finally {
            av_packet_free(pkt);
            if (o.pb() != null && !o.pb().isNull()) {
                avio_closep(o.pb());
            }
            avformat_free_context(o);
            avcodec_free_context(enc);
            buf.close();
        }
    }

    /** One subtitle with the rect, shown for 1 s from its own pts, encoded into {@code buf}; returns its size. */
    private static int encode(AVCodecContext enc, BytePointer buf) {
        AVSubtitle sub = new AVSubtitle();
        try {
            sub.start_display_time(0).end_display_time(1000).num_rects(1);
            PointerPointer<Pointer> rects = new PointerPointer<>(av_mallocz(Loader.sizeof(Pointer.class))).capacity(1);
            sub.rects(rects);
            AVSubtitleRect r = new AVSubtitleRect(av_mallocz(Pointer.sizeof(AVSubtitleRect.class)));
            rects.put(0, r);
            r.type(SUBTITLE_BITMAP).x(X).y(Y).w(W).h(H).nb_colors(PALETTE.length);
            BytePointer pixels = new BytePointer(av_mallocz(W * H)).capacity(W * H);
            for (int y = 0; y < H; y++) {
                for (int x = 0; x < W; x++) {
                    pixels.put((long) y * W + x, (byte) (x < W / 2 ? 1 : 2));
                }
            }
            ByteBuffer pal = ByteBuffer.allocate(4 * 256).order(ByteOrder.nativeOrder());
            for (int c : PALETTE) {
                pal.putInt(c);
            }
            BytePointer palette = new BytePointer(av_mallocz(4 * 256)).capacity(4 * 256);
            palette.put(pal.array(), 0, 4 * 256);
            r.data(0, pixels).data(1, palette).linesize(0, W);
            int n = avcodec_encode_subtitle(enc, buf, (int) buf.capacity(), sub);
            return AvErrors.check(n, "encode dvbsub");
        } finally {
            avsubtitle_free(sub);
            sub.close();
        }
    }
}
