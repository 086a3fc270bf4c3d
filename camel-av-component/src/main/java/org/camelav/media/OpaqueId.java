package org.camelav.media;

import org.bytedeco.javacpp.Pointer;

/**
 * An {@code opaque} pointer for FFmpeg callbacks that carries only a registry id: FFmpeg hands it back untouched and
 * never dereferences it, so no native memory is involved and a stale id simply finds nothing.
 */
public final class OpaqueId extends Pointer {

    public OpaqueId(long id) {
        this.address = id;
    }
}
