package org.camelav.media.container;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_AAC;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_OPUS;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_HEVC;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.camelav.media.StreamInfo;

/**
 * The RFC 6381 {@code codecs} parameter of a fragmented MP4 (what {@code MediaSource.isTypeSupported} and
 * {@code addSourceBuffer} need), read from the configuration records the muxer wrote into the init segment: H.264 from
 * {@code avcC} (ISO 14496-15: profile, constraint flags, level), H.265 from {@code hvcC}, AAC from the stream's
 * AudioSpecificConfig (its first 5 bits: the audio object type).
 */
final class MseCodecs {

    private MseCodecs() {
    }

    static String of(List<StreamInfo> streams, byte[] init) {
        List<String> codecs = new ArrayList<>();
        for (StreamInfo s : streams) {
            int id = s.codecParameters().codecId();
            if (id == AV_CODEC_ID_H264) {
                int at = find(init, "avcC");
                codecs.add(at < 0 ? "avc1.42E01E" : String.format(Locale.ROOT, "avc1.%02X%02X%02X", init[at + 5] & 0xff,
                        init[at + 6] & 0xff, init[at + 7] & 0xff));
            } else if (id == AV_CODEC_ID_HEVC) {
                int at = find(init, "hvcC");
                codecs.add(at < 0 ? "hvc1.1.6.L93.B0" : hevc(init, at + 4));
            } else if (id == AV_CODEC_ID_AAC) {
                byte[] asc = s.codecParameters().extradata();
                int aot = asc.length > 0 ? (asc[0] & 0xff) >> 3 : 2;
                codecs.add("mp4a.40." + (aot == 0 ? 2 : aot));
            } else if (id == AV_CODEC_ID_OPUS) {
                codecs.add("opus"); // Opus in ISO BMFF (Opus-in-MP4 binding), as Chromium's MSE names it
            }
        }
        return String.join(",", codecs);
    }

    /** hvc1.[profile space][profile].[compatibility, bits reversed].[tier][level].[constraint bytes], per ISO 14496-15 E.3. */
    private static String hevc(byte[] b, int c) {
        int space = (b[c + 1] & 0xff) >> 6;
        boolean high = (b[c + 1] & 0x20) != 0;
        int profile = b[c + 1] & 0x1f;
        long compat = 0;
        for (int i = 0; i < 4; i++) {
            compat = compat << 8 | (b[c + 2 + i] & 0xff);
        }
        long reversed = Long.reverse(compat) >>> 32;
        StringBuilder s = new StringBuilder("hvc1.");
        s.append(space == 0 ? "" : String.valueOf((char) ('A' + space - 1))).append(profile).append('.')
                .append(Long.toHexString(reversed).toUpperCase(Locale.ROOT)).append('.').append(high ? 'H' : 'L')
                .append(b[c + 12] & 0xff);
        int last = 5;
        while (last >= 0 && b[c + 6 + last] == 0) {
            last--; // trailing zero constraint bytes are left out
        }
        for (int i = 0; i <= last; i++) {
            s.append('.').append(Integer.toHexString(b[c + 6 + i] & 0xff).toUpperCase(Locale.ROOT));
        }
        return s.toString();
    }

    /** Offset of the first box of that type (its type field), or -1. */
    private static int find(byte[] data, String type) {
        byte[] t = type.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        outer:
        for (int i = 4; i + 8 <= data.length; i++) {
            for (int j = 0; j < 4; j++) {
                if (data[i + j] != t[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
