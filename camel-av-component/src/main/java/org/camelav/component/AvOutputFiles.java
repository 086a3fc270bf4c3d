package org.camelav.component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import org.camelav.media.AvException;
import org.camelav.media.container.OutputOptions;
import org.camelav.media.container.WriterOptions;
import org.camelav.recording.FileClaim;

/**
 * Which local file each output of one endpoint writes, so that nothing an endpoint wrote is truncated by a later output
 * of the same run: after the stream changed, a write error or an end of stream, the next output is {@code name-1.ext},
 * {@code name-2.ext}... (claimed exclusively, so two producers of one endpoint never share a file). A file that was
 * there before the route started follows {@code fileExist}. Network outputs, in-memory sinks and the numbered patterns
 * of the image2 and segment muxers ({@code %03d}) are left as they are: those muxers name their own files.
 */
final class AvOutputFiles {

    private final Set<Path> written = new HashSet<>();

    /** The options of the next output, its url moved to a fresh name where this endpoint already wrote there. */
    synchronized WriterOptions next(WriterOptions o, AvFileExist rule) {
        Path path = localFile(o.output());
        if (path == null || !Files.isDirectory(path.getParent())) {
            return o; // not a local file, or a missing folder, which the output reports when it opens
        }
        try {
            Path chosen;
            if (!written.isEmpty()) {
                chosen = FileClaim.from(path, 1); // this run wrote the name already: never replace it
            } else if (!Files.exists(path) || rule == AvFileExist.Override) {
                chosen = path; // ffmpeg -y: the first output of the run replaces what was there
            } else if (rule == AvFileExist.Fail) {
                throw new AvException("Output file exists (fileExist=Fail): " + path, 0, o.url());
            } else {
                chosen = FileClaim.next(path);
            }
            written.add(chosen);
            String url = o.url().startsWith("file:") ? "file:" + chosen : chosen.toString();
            return o.toBuilder().url(url).build();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the output file next to " + path, e);
        }
    }

    /** Removes the file of an output that wrote nothing (failed before its first packet), so no empty file stays. */
    synchronized void discardIfEmpty(String url) {
        Path p = localPath(url);
        try {
            if (p != null && Files.isRegularFile(p) && Files.size(p) == 0) {
                Files.delete(p);
            }
        } catch (IOException e) {
            // left as it is: an empty file is harmless
        }
    }

    private static Path localFile(OutputOptions o) {
        if (o.sink() != null || o.url().contains("%") || "image2".equals(o.format())) {
            return null;
        }
        return localPath(o.url());
    }

    private static Path localPath(String url) {
        if (url.contains("://") && !url.startsWith("file:")) {
            return null;
        }
        return Path.of(url.startsWith("file:") ? url.substring(5) : url).toAbsolutePath();
    }
}
