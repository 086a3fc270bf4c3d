package org.camelav.media.sidedata;

import org.bytedeco.ffmpeg.avutil.AVMasteringDisplayMetadata;
import org.bytedeco.ffmpeg.avutil.AVRational;

/**
 * SMPTE ST 2086 mastering display colour volume ({@code AVMasteringDisplayMetadata}), as ffprobe prints it: CIE 1931
 * xy chromaticities of the red, green and blue primaries and the white point, and the luminance range in cd/m².
 * Fields a source leaves out are NaN.
 */
public record MasteringDisplay(double redX, double redY, double greenX, double greenY, double blueX, double blueY,
        double whitePointX, double whitePointY, double minLuminance, double maxLuminance) {

    static MasteringDisplay of(AVMasteringDisplayMetadata m) {
        boolean p = m.has_primaries() != 0;
        boolean l = m.has_luminance() != 0;
        return new MasteringDisplay(p ? q(m.display_primaries(0, 0)) : Double.NaN,
                p ? q(m.display_primaries(0, 1)) : Double.NaN, p ? q(m.display_primaries(1, 0)) : Double.NaN,
                p ? q(m.display_primaries(1, 1)) : Double.NaN, p ? q(m.display_primaries(2, 0)) : Double.NaN,
                p ? q(m.display_primaries(2, 1)) : Double.NaN, p ? q(m.white_point(0)) : Double.NaN,
                p ? q(m.white_point(1)) : Double.NaN, l ? q(m.min_luminance()) : Double.NaN,
                l ? q(m.max_luminance()) : Double.NaN);
    }

    private static double q(AVRational r) {
        return r.den() == 0 ? Double.NaN : (double) r.num() / r.den();
    }
}
