package org.camelav.recording;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Claims a file name no other writer has: the file is created exclusively (O_CREAT|O_EXCL), so two writers that want
 * the same name in the same instant (two segments within one second, two routes to one file) never share it, and a
 * name that is taken moves on to {@code -1}, {@code -2}... before the extension. FFmpeg then opens the empty file it
 * was given; nothing that existed before is ever truncated.
 */
public final class FileClaim {

    private FileClaim() {
    }

    /** Creates and returns the first free name of {@code wanted}, {@code stem-1.ext}, {@code stem-2.ext}... */
    public static Path next(Path wanted) throws IOException {
        return from(wanted, 0);
    }

    /** As {@link #next}, trying {@code stem-first.ext} first ({@code wanted} itself when {@code first} is 0). */
    public static Path from(Path wanted, int first) throws IOException {
        for (int n = first; ; n++) {
            Path p = numbered(wanted, n);
            try {
                Files.createFile(p);
                return p;
            } catch (FileAlreadyExistsException taken) {
                // someone has it: the next number
            }
        }
    }

    /** {@code wanted} for 0, else {@code stem-n.ext}. */
    static Path numbered(Path wanted, int n) {
        if (n == 0) {
            return wanted;
        }
        String name = wanted.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String ext = dot > 0 ? name.substring(dot) : "";
        return wanted.resolveSibling(stem + "-" + n + ext);
    }
}
