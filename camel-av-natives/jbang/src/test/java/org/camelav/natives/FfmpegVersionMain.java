package org.camelav.natives;

/** Prints the FFmpeg version camel-av loads, by reflection (this module does not compile against the component). */
public final class FfmpegVersionMain {

    private FfmpegVersionMain() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println("ffmpeg " + Class.forName("org.camelav.media.Ffmpeg").getMethod("version").invoke(null));
    }
}
