package org.camelav.media;

import static org.bytedeco.ffmpeg.global.avutil.AV_ROUND_NEAR_INF;
import static org.bytedeco.ffmpeg.global.avutil.av_rescale_rnd;

import org.bytedeco.ffmpeg.avutil.AVRational;

/** An immutable copy of an AVRational (time bases, frame rates, aspect ratios). */
public record Rational(int num, int den) {

    public static final Rational ZERO = new Rational(0, 1);

    public static Rational of(AVRational r) {
        return r == null ? ZERO : new Rational(r.num(), r.den());
    }

    /** Parses {@code "num/den"}, {@code "25"} or {@code "29.97"}. */
    public static Rational parse(String text) {
        String s = text.trim();
        int slash = s.indexOf('/');
        if (slash > 0) {
            return new Rational(Integer.parseInt(s.substring(0, slash).trim()), Integer.parseInt(s.substring(slash + 1).trim()));
        }
        if (s.contains(".")) {
            double d = Double.parseDouble(s);
            return new Rational((int) Math.round(d * 1001), 1001);
        }
        return new Rational(Integer.parseInt(s), 1);
    }

    public boolean isValid() {
        return num != 0 && den != 0;
    }

    public double toDouble() {
        return den == 0 ? 0.0 : (double) num / den;
    }

    public Rational invert() {
        return new Rational(den, num);
    }

    /** Writes this value into an existing native AVRational (a field of a context), allocating nothing. */
    public void copyTo(AVRational target) {
        target.num(num).den(den);
    }

    /**
     * {@code av_rescale_q(value, from, to)} without allocating native AVRationals: round to nearest, ties away from
     * zero, 128-bit intermediate like FFmpeg's av_rescale_rnd.
     */
    public static long rescale(long value, Rational from, Rational to) {
        long b = (long) from.num * to.den;
        long c = (long) to.num * from.den;
        return av_rescale_rnd(value, b, c, AV_ROUND_NEAR_INF);
    }

    @Override
    public String toString() {
        return num + "/" + den;
    }
}
