package org.camelav.media.codec;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_MPEG4;

import java.io.ByteArrayOutputStream;

import org.camelav.media.AvUnsupportedException;
import org.camelav.media.CodecParameters;

/**
 * A stream's parameter sets (H.264 SPS/PPS, MPEG-4 Part 2 VOS/VOL) carried in-band, so that packets of another
 * encoder can be spliced in front of a stream copy. A re-encoded run carries its own parameter sets in-band (its
 * encoder opened without a global header); the copied stream's key frame right after it gets the container's
 * parameter sets back in-band. H.264 allows a new SPS at an IDR picture (ITU-T H.264 7.4.1.2.1), which is what
 * {@code h264_mp4toannexb} and the MPEG-TS muxer rely on too; the MPEG-4 Part 2 decoder takes a VOL header in front of
 * any VOP. In MP4 this is sample entry {@code avc1} with in-band parameter sets (ISO/IEC 14496-15 names it
 * {@code avc3}); FFmpeg's and Chromium's decoders play it.
 */
public final class ParameterSets {

    private ParameterSets() {
    }

    /** Whether a run of {@code p}'s codec can be re-encoded and spliced in front of a copy of it. */
    public static boolean spliceable(CodecParameters p) {
        return p.codecId() == AV_CODEC_ID_H264 || p.codecId() == AV_CODEC_ID_MPEG4 || p.extradata().length == 0;
    }

    /** {@code key}, a copied key packet, with the stream's parameter sets in front of it. */
    public static byte[] inBand(CodecParameters p, byte[] key) {
        byte[] sets = p.codecId() == AV_CODEC_ID_H264 && isAvcC(p.extradata()) ? avcCSets(p.extradata())
                : p.extradata(); // Annex B H.264 extradata and MPEG-4 Part 2 VOS/VOL go in front as they are
        if (!spliceable(p)) {
            throw new AvUnsupportedException("Cannot splice re-encoded packets of codec " + p.codecId()
                                             + " in front of a copy", 0, null);
        }
        byte[] out = new byte[sets.length + key.length];
        System.arraycopy(sets, 0, out, 0, sets.length);
        System.arraycopy(key, 0, out, sets.length, key.length);
        return out;
    }

    /**
     * A packet of a re-encoded run framed as the copied stream frames its packets: an encoder's Annex B start codes
     * become the NAL length prefixes of an {@code avcC} stream (libx264 and libopenh264 always write Annex B).
     */
    public static byte[] framed(CodecParameters p, byte[] encoded) {
        if (p.codecId() != AV_CODEC_ID_H264 || !isAvcC(p.extradata())) {
            return encoded;
        }
        int lengthSize = (p.extradata()[4] & 3) + 1;
        ByteArrayOutputStream out = new ByteArrayOutputStream(encoded.length + 16);
        int start = nextNal(encoded, 0);
        while (start >= 0 && start < encoded.length) {
            int next = nextStartCode(encoded, start);
            int end = next < 0 ? encoded.length : next;
            while (end > start && encoded[end - 1] == 0) {
                end--; // trailing_zero_8bits and the leading zero of a 4-byte start code
            }
            int n = end - start;
            for (int i = lengthSize - 1; i >= 0; i--) {
                out.write(n >>> (8 * i));
            }
            out.write(encoded, start, n);
            start = next < 0 ? -1 : nextNal(encoded, next);
        }
        return out.toByteArray();
    }

    /** An {@code avcC} record (ISO/IEC 14496-15 5.3.3.1) starts with configurationVersion 1; Annex B with 0. */
    static boolean isAvcC(byte[] extradata) {
        return extradata.length >= 7 && extradata[0] == 1;
    }

    /** The SPS and PPS of an {@code avcC} record as length-prefixed NAL units of its length size. */
    static byte[] avcCSets(byte[] c) {
        int lengthSize = (c[4] & 3) + 1;
        ByteArrayOutputStream out = new ByteArrayOutputStream(c.length + 8);
        int pos = 5;
        for (int list = 0; list < 2 && pos < c.length; list++) {
            int count = list == 0 ? c[pos++] & 0x1f : c[pos++] & 0xff;
            for (int i = 0; i < count && pos + 2 <= c.length; i++) {
                int n = (c[pos] & 0xff) << 8 | c[pos + 1] & 0xff;
                pos += 2;
                if (pos + n > c.length) {
                    throw new AvUnsupportedException("Damaged avcC record: a parameter set runs past its end", 0,
                            null);
                }
                for (int b = lengthSize - 1; b >= 0; b--) {
                    out.write(n >>> (8 * b));
                }
                out.write(c, pos, n);
                pos += n;
            }
        }
        return out.toByteArray();
    }

    /** Index of the first start code (00 00 01) at or after {@code from}, or -1. */
    private static int nextStartCode(byte[] b, int from) {
        for (int i = from; i + 2 < b.length; i++) {
            if (b[i] == 0 && b[i + 1] == 0 && b[i + 2] == 1) {
                return i;
            }
        }
        return -1;
    }

    /** The first NAL byte after the start code at or after {@code from}; -1 when there is none. */
    private static int nextNal(byte[] b, int from) {
        int sc = nextStartCode(b, from);
        return sc < 0 ? -1 : sc + 3;
    }
}
