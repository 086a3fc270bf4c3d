package org.camelav.media.video;

import org.camelav.media.SideData;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_DATA_DISPLAYMATRIX;
import static org.bytedeco.ffmpeg.global.avutil.av_display_rotation_get;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.camelav.media.StreamInfo;

/**
 * A video stream's display matrix (phone videos: "rotate 90° to show upright"), read from its coded side data: the
 * rotation as ffprobe and PyAV report it, the filters {@code ffmpeg}'s {@code -autorotate} inserts for it, and its
 * carrying over to an encoded stream (what {@code ffmpeg -noautorotate} writes).
 */
public final class Rotation {

    private Rotation() {
    }

    /** The display matrix (nine int32, FFmpeg's layout) of the stream, or null when it has none. */
    public static int[] displayMatrix(StreamInfo stream) {
        SideData sd = matrixData(stream);
        if (sd == null || sd.data().length < 36) {
            return null;
        }
        int[] m = new int[9];
        ByteBuffer.wrap(sd.data()).order(ByteOrder.nativeOrder()).asIntBuffer().get(m);
        return m;
    }

    /**
     * Counter-clockwise degrees in [-180, 180] the picture is to be rotated by for display, as ffprobe's
     * {@code rotation} and PyAV's {@code VideoFrame.rotation}; 0 without a display matrix.
     */
    public static int degrees(StreamInfo stream) {
        int[] m = displayMatrix(stream);
        if (m == null) {
            return 0;
        }
        double d = av_display_rotation_get(m);
        return Double.isNaN(d) ? 0 : (int) Math.round(d);
    }

    /**
     * The filter chain {@code ffmpeg -autorotate} puts in front of the user's filters for this display matrix (fftools'
     * choice: transpose for 90/270, hflip/vflip for 180 and mirrored matrices, rotate for other angles), or null when
     * the picture is upright already.
     */
    public static String autorotateFilters(int[] m) {
        if (m == null) {
            return null;
        }
        double angle = av_display_rotation_get(m);
        if (Double.isNaN(angle)) {
            return null;
        }
        double theta = -Math.round(angle);
        theta -= 360 * Math.floor(theta / 360 + 0.9 / 360); // into [0, 360)
        if (Math.abs(theta - 90) < 1.0) {
            return m[3] > 0 ? "transpose=cclock_flip" : "transpose=clock";
        }
        if (Math.abs(theta - 180) < 1.0) {
            String flips = (m[0] < 0 ? "hflip," : "") + (m[4] < 0 ? "vflip," : "");
            return flips.isEmpty() ? null : flips.substring(0, flips.length() - 1);
        }
        if (Math.abs(theta - 270) < 1.0) {
            return m[3] < 0 ? "transpose=clock_flip" : "transpose=cclock";
        }
        if (Math.abs(theta) > 1.0) {
            return String.format(java.util.Locale.ROOT, "rotate=%f*PI/180", theta);
        }
        return m[4] < 0 ? "vflip" : null;
    }

    /** The stream as autorotated frames show it: without its display matrix, which the pixels have taken in. */
    public static StreamInfo upright(StreamInfo stream) {
        return matrixData(stream) == null ? stream
                : stream.withCodecParameters(stream.codecParameters().without(AV_PKT_DATA_DISPLAYMATRIX));
    }

    /**
     * Gives an encoded stream the display matrix of the frames' source stream, so players rotate the transcoded video
     * as they did the source (ffmpeg's behaviour when it does not autorotate). Nothing for frames without one.
     */
    public static void carry(StreamInfo source, AVCodecParameters encoded) {
        SideData sd = matrixData(source);
        if (sd != null) {
            sd.addTo(encoded);
        }
    }

    private static SideData matrixData(StreamInfo stream) {
        return stream == null || stream.codecParameters() == null ? null
                : SideData.find(stream.codecParameters().sideData(), AV_PKT_DATA_DISPLAYMATRIX);
    }
}
