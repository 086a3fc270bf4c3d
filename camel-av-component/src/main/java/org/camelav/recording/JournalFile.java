package org.camelav.recording;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/** The recorders' line files (retention journal, recordings index) are rewritten whole or not at all. */
final class JournalFile {

    private JournalFile() {
    }

    /**
     * Replaces {@code file} with {@code text} through a temporary file and an atomic move: a crash leaves one or the
     * other. The folder is made first: a recorder starts before its first file has made it.
     */
    static void replace(Path file, CharSequence text) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Writes {@code file} whole only if it does not exist: for a reader that rebuilt a missing file, so it never
     * replaces what a writer created meanwhile (lines it appended would be lost). A hard link of a private temporary
     * file is atomic; where the file system has none, a move that refuses an existing target narrows the window.
     *
     * @return false when the file existed, and nothing was written
     */
    static boolean createIfAbsent(Path file, CharSequence text) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = dir.resolve(file.getFileName() + "." + UUID.randomUUID() + ".new");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
            try {
                Files.createLink(file, tmp);
            } catch (FileAlreadyExistsException exists) {
                return false;
            } catch (UnsupportedOperationException | IOException noLink) {
                Files.move(tmp, file); // fails when the file exists
            }
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
