package org.camelav.media.subtitles;

/**
 * One picture of a bitmap subtitle (DVB, PGS, DVD): where it goes on the video and its pixels, converted from the
 * decoder's palette picture (PAL8) to packed {@code bgra}, {@code width * height * 4} bytes row by row.
 */
public record SubtitleBitmap(int x, int y, int width, int height, byte[] bgra) {
}
