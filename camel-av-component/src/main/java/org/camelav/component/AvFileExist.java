package org.camelav.component;

/** What a producer's first output does with a file that existed before the route started (Camel's file: names). */
public enum AvFileExist {
    /** Replace it, as {@code ffmpeg -y} does. */
    Override,
    /** Fail the exchange; the file stays as it was. */
    Fail,
    /** Keep it and write {@code name-1.ext} (the first free number) instead. */
    Rename
}
