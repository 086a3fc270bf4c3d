package org.camelav.bench;

/** Prints the path of the ffmpeg program in the natives jar on the class path (LGPL or GPL build). */
public final class FfmpegPath {

    private FfmpegPath() {
    }

    public static void main(String[] args) {
        System.out.println(org.camelav.media.Ffmpeg.ffmpegPath());
    }
}
