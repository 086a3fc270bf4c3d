package org.camelav.bench;

import static org.bytedeco.ffmpeg.global.avcodec.*;
import static org.bytedeco.ffmpeg.global.avformat.*;
import static org.bytedeco.ffmpeg.global.avutil.*;

import java.util.Map;

import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;

/**
 * The floor for anything in Java over these natives: FFmpeg's demux_decode.c loop written straight against the
 * JavaCPP presets (threads=auto as the CLI sets it), nothing delivered. Not a product; a reference row.
 */
final class JavaCppTool implements Worker.Tool {

    JavaCppTool() {
        av_log_set_level(AV_LOG_ERROR);
    }

    @Override
    public String describe(String workload, Map<String, String> a) {
        return "av_read_frame/avcodec_send_packet/avcodec_receive_frame, thread_count=0"
               + (workload.equals("keyframes") ? ", skip_frame=NONKEY" : "");
    }

    @Override
    public Worker.Pass pass(String workload, Map<String, String> a) {
        if (!workload.equals("decode") && !workload.equals("keyframes")) {
            throw new IllegalArgumentException("javacpp has no workload " + workload);
        }
        boolean nonKey = workload.equals("keyframes");
        String clip = a.get("clip");
        return () -> decode(clip, nonKey);
    }

    static long decode(String clip, boolean nonKey) {
        AVFormatContext fmt = new AVFormatContext(null);
        if (avformat_open_input(fmt, clip, null, null) < 0) {
            throw new IllegalStateException("cannot open " + clip);
        }
        avformat_find_stream_info(fmt, (AVDictionary) null);
        int vs = av_find_best_stream(fmt, AVMEDIA_TYPE_VIDEO, -1, -1, (AVCodec) null, 0);
        AVCodec codec = avcodec_find_decoder(fmt.streams(vs).codecpar().codec_id());
        AVCodecContext c = avcodec_alloc_context3(codec);
        avcodec_parameters_to_context(c, fmt.streams(vs).codecpar());
        c.thread_count(0);
        if (nonKey) {
            c.skip_frame(AVDISCARD_NONKEY);
        }
        avcodec_open2(c, codec, (AVDictionary) null);
        AVPacket pkt = av_packet_alloc();
        AVFrame frame = av_frame_alloc();
        long n = 0;
        while (av_read_frame(fmt, pkt) >= 0) {
            if (pkt.stream_index() == vs) {
                avcodec_send_packet(c, pkt);
                while (avcodec_receive_frame(c, frame) >= 0) {
                    n++;
                    av_frame_unref(frame);
                }
            }
            av_packet_unref(pkt);
        }
        avcodec_send_packet(c, null);
        while (avcodec_receive_frame(c, frame) >= 0) {
            n++;
            av_frame_unref(frame);
        }
        av_frame_free(frame);
        av_packet_free(pkt);
        avcodec_free_context(c);
        avformat_close_input(fmt);
        return n;
    }
}
