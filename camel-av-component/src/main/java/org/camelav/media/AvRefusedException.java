package org.camelav.media;

/**
 * An input refused by its policy before FFmpeg read more of it: a demuxer or nested protocol a message body may not
 * use, or a bound (size, duration, packets, picture size) it crossed. The message names what was refused and the
 * option that would allow it. A kind of {@link AvUnsupportedException}, which is what it was before it had a name.
 */
public class AvRefusedException extends AvUnsupportedException {

    public AvRefusedException(String message, String url) {
        super(message, 0, url);
    }
}
