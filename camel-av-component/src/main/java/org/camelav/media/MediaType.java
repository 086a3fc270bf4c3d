package org.camelav.media;

import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_ATTACHMENT;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_DATA;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_SUBTITLE;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;

import java.util.Locale;

/** FFmpeg's AVMediaType, named as the {@code CamelAvMediaType} header spells it. */
public enum MediaType {
    VIDEO(AVMEDIA_TYPE_VIDEO), AUDIO(AVMEDIA_TYPE_AUDIO), SUBTITLE(AVMEDIA_TYPE_SUBTITLE), DATA(AVMEDIA_TYPE_DATA),
    ATTACHMENT(AVMEDIA_TYPE_ATTACHMENT), UNKNOWN(-1);

    private final int av;

    MediaType(int av) {
        this.av = av;
    }

    public int av() {
        return av;
    }

    public static MediaType of(int avMediaType) {
        for (MediaType t : values()) {
            if (t.av == avMediaType) {
                return t;
            }
        }
        return UNKNOWN;
    }

    /** {@code video}, {@code audio}, ... */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
