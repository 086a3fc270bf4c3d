package org.camelav.media.io;

import java.io.IOException;

/** What a bounded input ({@link IoAdapters#bounded}) throws when its input goes on past the bound. */
public final class TooLongException extends IOException {

    public TooLongException(String message) {
        super(message);
    }
}
