package org.camelav.media.codec;

import java.nio.file.Path;

/**
 * One pass of a two-pass encode ({@code ffmpeg -pass 1|2 -passlogfile}): the first pass sets the encoder's
 * {@code AV_CODEC_FLAG_PASS1} and appends what it leaves in {@code AVCodecContext.stats_out} to {@link #stats}; the
 * second sets {@code AV_CODEC_FLAG_PASS2} and gives the file back as {@code stats_in}, from which encoders with a rate
 * control of their own (mpeg4, mpeg2video, libvpx...) spread the bit budget over the whole input.
 *
 * @param number 1 or 2
 * @param stats  the statistics file: written by pass 1, read by pass 2
 */
public record EncoderPass(int number, Path stats) {

    public EncoderPass {
        if (number != 1 && number != 2) {
            throw new IllegalArgumentException("An encoding pass is 1 or 2, not " + number);
        }
        java.util.Objects.requireNonNull(stats, "stats");
    }

    public boolean first() {
        return number == 1;
    }
}
