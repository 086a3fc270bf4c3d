package org.camelav.recording;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** The recorders' line files (retention journal, recordings index) are rewritten whole or not at all. */
final class JournalFile {

    private JournalFile() {
    }

    /** Replaces {@code file} with {@code text} through a temporary file and an atomic move: a crash leaves one or the other. */
    static void replace(Path file, CharSequence text) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
