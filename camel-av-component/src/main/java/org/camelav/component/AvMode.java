package org.camelav.component;

/** What a consumer delivers: URI values {@code frames} and {@code packets} (any case). */
public enum AvMode {
    /** Decoded video and audio frames. */
    FRAMES,
    /** Demuxed packets, not decoded. */
    PACKETS
}
