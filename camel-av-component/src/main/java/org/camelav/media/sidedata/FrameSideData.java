package org.camelav.media.sidedata;

import static org.bytedeco.ffmpeg.global.avutil.AV_FRAME_DATA_A53_CC;
import static org.bytedeco.ffmpeg.global.avutil.AV_FRAME_DATA_CONTENT_LIGHT_LEVEL;
import static org.bytedeco.ffmpeg.global.avutil.AV_FRAME_DATA_MASTERING_DISPLAY_METADATA;
import static org.bytedeco.ffmpeg.global.avutil.AV_FRAME_DATA_MOTION_VECTORS;
import static org.bytedeco.ffmpeg.global.avutil.AV_FRAME_DATA_SEI_UNREGISTERED;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_side_data_name;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.bytedeco.ffmpeg.avutil.AVContentLightMetadata;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVFrameSideData;
import org.bytedeco.ffmpeg.avutil.AVMasteringDisplayMetadata;
import org.bytedeco.javacpp.BytePointer;

/**
 * A decoded frame's side data ({@code AVFrame.side_data}, PyAV's {@code frame.side_data}), copied into Java so it
 * outlives the frame: every entry's type and bytes, with the ones routes read most decoded — motion vectors, HDR
 * mastering display and content light level, A53 closed captions, unregistered SEI user data. Frames without side data
 * share {@link #NONE}, so the common case costs one field read.
 */
public final class FrameSideData {

    /** One entry as FFmpeg holds it: an {@code AV_FRAME_DATA_*} type, its name as ffprobe prints it, its bytes. */
    public record Entry(int type, String name, byte[] data) {
    }

    public static final FrameSideData NONE = new FrameSideData(List.of(), MotionVectors.NONE, null, null);

    private static final Map<Integer, String> NAMES = new ConcurrentHashMap<>();

    private final List<Entry> entries;
    private final MotionVectors motionVectors;
    private final MasteringDisplay masteringDisplay;
    private final ContentLight contentLight;

    private FrameSideData(List<Entry> entries, MotionVectors mvs, MasteringDisplay md, ContentLight cl) {
        this.entries = entries;
        this.motionVectors = mvs;
        this.masteringDisplay = md;
        this.contentLight = cl;
    }

    /** Copies {@code f}'s side data; {@link #NONE} when it has none. The caller keeps {@code f}. */
    public static FrameSideData of(AVFrame f) {
        int n = f.nb_side_data();
        if (n <= 0) {
            return NONE;
        }
        List<Entry> entries = new ArrayList<>(n);
        MotionVectors mvs = MotionVectors.NONE;
        MasteringDisplay md = null;
        ContentLight cl = null;
        for (int i = 0; i < n; i++) {
            AVFrameSideData sd = f.side_data(i);
            int type = sd.type();
            if (type == AV_FRAME_DATA_MOTION_VECTORS) {
                // kept only decoded: a P-frame's vectors are kilobytes, and the compact array is what routes read
                mvs = MotionVectors.of(sd);
                entries.add(new Entry(type, name(type), null));
                continue;
            }
            if (type == AV_FRAME_DATA_MASTERING_DISPLAY_METADATA) {
                md = MasteringDisplay.of(new AVMasteringDisplayMetadata(sd.data()));
            } else if (type == AV_FRAME_DATA_CONTENT_LIGHT_LEVEL) {
                AVContentLightMetadata c = new AVContentLightMetadata(sd.data());
                cl = new ContentLight(c.MaxCLL(), c.MaxFALL());
            }
            entries.add(new Entry(type, name(type), bytes(sd)));
        }
        return new FrameSideData(List.copyOf(entries), mvs, md, cl);
    }

    private static byte[] bytes(AVFrameSideData sd) {
        byte[] b = new byte[(int) sd.size()];
        if (b.length > 0) {
            sd.data().capacity(b.length).get(b);
        }
        return b;
    }

    private static String name(int type) {
        return NAMES.computeIfAbsent(type, t -> {
            BytePointer p = av_frame_side_data_name(t);
            return p == null || p.isNull() ? "unknown " + t : p.getString();
        });
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** All entries in FFmpeg's order; a motion vector entry has null data (read {@link #motionVectors()}). */
    public List<Entry> entries() {
        return entries;
    }

    /** The entries' names as ffprobe's {@code side_data_type} prints them, e.g. {@code Motion vectors}. */
    public List<String> names() {
        return entries.stream().map(Entry::name).toList();
    }

    /** The bytes of the first entry of an {@code AV_FRAME_DATA_*} type, or null. */
    public byte[] data(int type) {
        return entries.stream().filter(e -> e.type == type && e.data != null).map(Entry::data).findFirst()
                .orElse(null);
    }

    /** The motion vectors, {@link MotionVectors#NONE} on frames without (I-frames, or export_mvs not asked). */
    public MotionVectors motionVectors() {
        return motionVectors;
    }

    /** HDR mastering display colour volume, or null. */
    public MasteringDisplay masteringDisplay() {
        return masteringDisplay;
    }

    /** HDR content light level, or null. */
    public ContentLight contentLight() {
        return contentLight;
    }

    /**
     * ATSC A/53 Part 4 closed captions: CEA-708 {@code cc_data} triplets (cc_valid/cc_type byte, two data bytes), as
     * decoders export them and ffmpeg's {@code -a53cc} encoders take them; null when the frame has none.
     */
    public byte[] a53Captions() {
        return data(AV_FRAME_DATA_A53_CC);
    }

    /** The unregistered user data SEI messages of the frame, in order; empty when there are none. */
    public List<SeiUserData> seiUserData() {
        return entries.stream().filter(e -> e.type == AV_FRAME_DATA_SEI_UNREGISTERED)
                .map(e -> SeiUserData.parse(e.data)).filter(java.util.Objects::nonNull).toList();
    }

    @Override
    public String toString() {
        return "FrameSideData" + names();
    }
}
