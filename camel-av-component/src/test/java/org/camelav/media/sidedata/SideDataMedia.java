package org.camelav.media.sidedata;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.bytedeco.ffmpeg.avutil.AVMasteringDisplayMetadata;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.javacpp.Pointer;
import org.camelav.media.CodecParameters;
import org.camelav.media.FrameProps;
import org.camelav.media.MediaItem;
import org.camelav.media.MediaPacket;
import org.camelav.media.SideData;
import org.camelav.media.container.MediaReader;
import org.camelav.media.container.MediaWriter;
import org.camelav.media.container.ReaderOptions;
import org.camelav.media.container.WriterOptions;
import org.camelav.testsupport.FfmpegCli;

/**
 * Media with frame side data, made at run time with the bundled ffmpeg. This LGPL build has libopenh264 but neither
 * libx264 nor libx265, and no CLI option that writes A53 captions or HDR metadata into H.264, so: motion comes from
 * testsrc2 through libopenh264; A53 captions and unregistered SEI are SEI NAL units (H.264 7.3.2.3, payload types 4
 * and 5; ATSC A/53 Part 4 cc_data) written here before each picture's slice in the Annex B stream; HDR mastering
 * display and content light level are the stream's coded side data, which the Matroska muxer writes as
 * MasteringMetadata/MaxCLL and FFmpeg's decoders attach to every frame.
 */
public final class SideDataMedia {

    public static final UUID SEI_UUID = UUID.fromString("186f3693-b7b3-4f2c-9653-21492feee5b8");
    public static final String SEI_TEXT = "camel-av sei";
    /** Two cc_data triplets: a valid CEA-608 field-1 pair ("\u0014," : resume caption loading) and a padding one. */
    public static final byte[] CC_DATA = {(byte) 0xFC, (byte) 0x94, 0x2C, (byte) 0xFD, (byte) 0x80, (byte) 0x80};

    private SideDataMedia() {
    }

    /** 2 s of moving testsrc2, 320x240 at 25 fps, H.264 (libopenh264) with one I-frame a second, in MP4. */
    public static Path motion() {
        Path clip = Path.of("target", "sidedata-motion.mp4");
        if (!Files.exists(clip)) {
            FfmpegCli.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25", "-t", "2", "-c:v", "libopenh264",
                    "-g", "25", clip.toString());
        }
        return clip;
    }

    /** {@link #motion()} with an A53 caption SEI and an unregistered user data SEI in front of every picture, in MKV. */
    public static Path captions() throws Exception {
        Path mkv = Path.of("target", "sidedata-captions.mkv");
        if (!Files.exists(mkv)) {
            byte[] annexB = FfmpegCli.output("-i", motion().toString(), "-c:v", "copy", "-bsf:v", "h264_mp4toannexb",
                    "-f", "h264", "-");
            Path raw = Path.of("target", "sidedata-captions.h264");
            Files.write(raw, withSei(annexB));
            FfmpegCli.ffmpeg("-framerate", "25", "-i", raw.toString(), "-c", "copy", mkv.toString());
        }
        return mkv;
    }

    /**
     * {@link #motion()} remuxed into MKV with HDR10 mastering display (BT.2020 primaries, D65, 0.005-1000 cd/m²) and
     * content light level (MaxCLL 1000, MaxFALL 400) as stream side data.
     */
    public static Path hdr() {
        Path mkv = Path.of("target", "sidedata-hdr.mkv");
        if (Files.exists(mkv)) {
            return mkv;
        }
        try (MediaReader r = MediaReader.open(ReaderOptions.builder(motion().toString()).packets(true).build());
                MediaWriter w = new MediaWriter(WriterOptions.of(mkv.toString()))) {
            MediaItem item;
            while ((item = r.next()) != null) {
                FrameProps p = item.props();
                CodecParameters c = p.stream().codecParameters();
                List<SideData> sd = new ArrayList<>(c.sideData());
                sd.add(new SideData(avcodec.AV_PKT_DATA_MASTERING_DISPLAY_METADATA, mastering()));
                sd.add(new SideData(avcodec.AV_PKT_DATA_CONTENT_LIGHT_LEVEL, le(1000, 400)));
                CodecParameters hdr = new CodecParameters(c.mediaType(), c.codecId(), c.format(), c.bitRate(),
                        c.profile(), c.level(), c.width(), c.height(), c.sampleAspectRatio(), c.fieldOrder(),
                        c.colorRange(), c.colorPrimaries(), c.colorTrc(), c.colorSpace(), c.chromaLocation(),
                        c.videoDelay(), c.sampleRate(), c.channels(), c.frameSize(), c.blockAlign(),
                        c.initialPadding(), c.bitsPerCodedSample(), c.bitsPerRawSample(), c.extradata(), sd);
                MediaPacket pkt = (MediaPacket) item;
                w.write(pkt.withProps(new FrameProps(p.streamIndex(), p.pts(), p.dts(), p.duration(), p.timeBase(),
                        p.keyFrame(), p.frameIndex(), p.stream().withCodecParameters(hdr), p.streamGroup(),
                        p.endOfStream(), p.discontinuity())));
            }
        }
        return mkv;
    }

    /** AVMasteringDisplayMetadata's bytes: primaries and white point in 1/50000, luminance in 1/10000 cd/m². */
    private static byte[] mastering() {
        int size = (int) Pointer.sizeof(AVMasteringDisplayMetadata.class);
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.nativeOrder());
        int[][] primaries = {{35400, 14600}, {8500, 39850}, {6550, 2300}}; // BT.2020 R, G, B
        int at = (int) Pointer.offsetof(AVMasteringDisplayMetadata.class, "display_primaries");
        for (int[] xy : primaries) {
            b.putInt(at, xy[0]).putInt(at + 4, 50000).putInt(at + 8, xy[1]).putInt(at + 12, 50000);
            at += 16;
        }
        at = (int) Pointer.offsetof(AVMasteringDisplayMetadata.class, "white_point");
        b.putInt(at, 15635).putInt(at + 4, 50000).putInt(at + 8, 16450).putInt(at + 12, 50000);
        at = (int) Pointer.offsetof(AVMasteringDisplayMetadata.class, "min_luminance");
        b.putInt(at, 50).putInt(at + 4, 10000);
        at = (int) Pointer.offsetof(AVMasteringDisplayMetadata.class, "max_luminance");
        b.putInt(at, 10000000).putInt(at + 4, 10000);
        b.putInt((int) Pointer.offsetof(AVMasteringDisplayMetadata.class, "has_primaries"), 1);
        b.putInt((int) Pointer.offsetof(AVMasteringDisplayMetadata.class, "has_luminance"), 1);
        return b.array();
    }

    /** AVContentLightMetadata's bytes: two unsigned ints. */
    private static byte[] le(int maxCll, int maxFall) {
        return ByteBuffer.allocate(8).order(ByteOrder.nativeOrder()).putInt(maxCll).putInt(maxFall).array();
    }

    /** The stream with an SEI NAL unit inserted before the first slice of every picture (first_mb_in_slice 0). */
    static byte[] withSei(byte[] annexB) {
        byte[] sei = seiNal();
        ByteArrayOutputStream out = new ByteArrayOutputStream(annexB.length + annexB.length / 10);
        int last = 0;
        for (int i = 0; i + 4 < annexB.length; i++) {
            boolean start = annexB[i] == 0 && annexB[i + 1] == 0 && annexB[i + 2] == 1;
            if (!start) {
                continue;
            }
            int type = annexB[i + 3] & 0x1f;
            // first_mb_in_slice is ue(v) first in the slice header: 0 codes as a single 1 bit
            boolean firstSlice = (type == 1 || type == 5) && (annexB[i + 4] & 0x80) != 0;
            if (firstSlice) {
                int at = i > 0 && annexB[i - 1] == 0 ? i - 1 : i; // a 4-byte start code keeps its leading zero
                out.write(annexB, last, at - last);
                out.writeBytes(sei);
                last = at;
            }
            i += 2;
        }
        out.write(annexB, last, annexB.length - last);
        return out.toByteArray();
    }

    private static byte[] seiNal() {
        ByteArrayOutputStream p = new ByteArrayOutputStream();
        p.writeBytes(new byte[] {0, 0, 0, 1, 0x06});
        // payload 4: ITU-T T.35, USA (0xB5), ATSC (0x0031), "GA94", cc_data (type 3)
        ByteArrayOutputStream a53 = new ByteArrayOutputStream();
        a53.writeBytes(new byte[] {(byte) 0xB5, 0x00, 0x31, 'G', 'A', '9', '4', 0x03});
        a53.write(0x40 | CC_DATA.length / 3); // process_cc_data_flag, cc_count
        a53.write(0xFF); // em_data
        a53.writeBytes(CC_DATA);
        a53.write(0xFF); // marker_bits
        p.write(4);
        p.write(a53.size());
        p.writeBytes(a53.toByteArray());
        // payload 5: user data unregistered, a UUID then free text
        byte[] text = SEI_TEXT.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer uuid = ByteBuffer.allocate(16).putLong(SEI_UUID.getMostSignificantBits())
                .putLong(SEI_UUID.getLeastSignificantBits());
        p.write(5);
        p.write(16 + text.length);
        p.writeBytes(uuid.array());
        p.writeBytes(text);
        p.write(0x80); // rbsp_trailing_bits
        return p.toByteArray();
    }
}
