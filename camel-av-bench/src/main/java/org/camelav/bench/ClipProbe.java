package org.camelav.bench;

import java.nio.file.Path;

import org.camelav.media.container.MediaReader;
import org.camelav.media.container.ReaderOptions;


/** Frame and key-frame counts of a clip's video stream, from its packets (every packet is one frame here). */
final class ClipProbe {

    private ClipProbe() {
    }

    /** "frames keyFrames" of the best video stream. */
    static String countFrames(Path clip) {
        ReaderOptions o = ReaderOptions.builder(clip.toString()).packets(true).build();
        long n = 0;
        long k = 0;
        try (MediaReader r = MediaReader.open(o)) {
            org.camelav.media.MediaItem item;
            while ((item = r.next()) != null) {
                n++;
                if (item.keyFrame()) {
                    k++;
                }
            }
        }
        return n + " " + k;
    }
}
