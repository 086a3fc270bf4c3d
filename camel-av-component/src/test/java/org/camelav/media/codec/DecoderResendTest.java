package org.camelav.media.codec;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.camelav.media.AvErrors;
import org.camelav.media.Ffmpeg;
import org.camelav.testsupport.FfmpegCli;
import org.junit.jupiter.api.Test;

/**
 * FFmpeg's codec API: a packet that {@code avcodec_send_packet} refuses with EAGAIN must be sent again once the
 * decoder's output has been read. A caller that stopped draining early (as a skipped corrupt picture makes the loop do)
 * leaves output pending; the next packet must not be lost.
 */
class DecoderResendTest {

    @Test
    void aPacketRefusedWithEagainIsSentAgainAfterDraining() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "decoder-resend"));
        Path clip = dir.resolve("mjpeg.mkv");
        // MJPEG: intra-only, one picture per packet, no reordering delay
        FfmpegCli.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=160x120:rate=10", "-frames:v", "12", "-c:v", "mjpeg",
                clip.toString());
        Ffmpeg.init();
        AVFormatContext fmt = new AVFormatContext(null);
        List<AVPacket> packets = new ArrayList<>();
        try {
            AvErrors.check(avformat_open_input(fmt, clip.toString(), null, null), "open");
            AvErrors.check(avformat_find_stream_info(fmt, (AVDictionary) null), "probe");
            while (true) {
                AVPacket p = av_packet_alloc();
                if (av_read_frame(fmt, p) < 0) {
                    av_packet_free(p);
                    break;
                }
                packets.add(p);
            }
            assertEquals(12, packets.size());
            List<Long> decodedPts = new ArrayList<>();
            FrameSink sink = f -> decodedPts.add(f.best_effort_timestamp());
            DecoderOptions oneThread = new DecoderOptions(null, null, ThreadType.NONE, 1, false, Map.of(), null);
            try (Decoder d = new Decoder(fmt.streams(0), oneThread, clip.toString())) {
                // two packets in without reading: the first is decoded into the output slot, the second waits
                assertEquals(0, d.send(packets.get(0)));
                assertEquals(0, d.send(packets.get(1)));
                assertEquals(AvErrors.EAGAIN, d.send(packets.get(2)), "the decoder is full");
                for (int i = 2; i < packets.size(); i++) {
                    d.decode(packets.get(i), sink);
                }
                d.decode(null, sink);
                assertEquals(0, d.errors());
            }
            List<Long> packetPts = packets.stream().map(AVPacket::pts).toList();
            assertEquals(packetPts, decodedPts, "one frame per packet, none lost");
        } finally {
            packets.forEach(p -> av_packet_free(p));
            avformat_close_input(fmt);
        }
    }
}
