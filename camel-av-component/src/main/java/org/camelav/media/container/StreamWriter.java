package org.camelav.media.container;

import org.camelav.media.MediaItem;

/** One output stream of a {@link MediaWriter}: an encoder chain or a packet copy. */
interface StreamWriter extends AutoCloseable {

    /** Writes one item of this stream; its timestamps have not been rebased yet. */
    void write(MediaItem item);

    /** Whether {@code item} of this stream can be written as it is (a stream copy needs unchanged parameters). */
    default boolean accepts(MediaItem item) {
        return true;
    }

    /** Drains whatever the stream still buffers (encoder delay, partial audio frames); called once, before the trailer. */
    void flush();

    /** Encoder name, or null for a packet copy. */
    String encoderName();

    @Override
    void close();
}
