package org.camelav.natives;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Fails a test class that changed camel-av's entries in the user's local repository (added, removed or rewrote a
 * file, even with the same bytes: its modification time counts): a user who installed camel-av keeps exactly what
 * they installed (issue 32).
 */
final class UserRepositoryUntouched implements BeforeAllCallback, AfterAllCallback {

    private static final Path CAMEL_AV = ThisBuild.USER_REPOSITORY.resolve("org/camelav");
    private Map<String, String> before;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        before = fingerprint(CAMEL_AV);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        assertEquals(before, fingerprint(CAMEL_AV), CAMEL_AV + " changed while " + context.getDisplayName() + " ran");
    }

    /** Each file's path below {@code dir}, with its SHA-1 and modification time. */
    static Map<String, String> fingerprint(Path dir) throws IOException {
        Map<String, String> files = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return files;
        }
        try (var walk = Files.walk(dir)) {
            for (Path f : walk.filter(Files::isRegularFile).toList()) {
                files.put(dir.relativize(f).toString(),
                        sha1(Files.readAllBytes(f)) + " " + Files.getLastModifiedTime(f).toMillis());
            }
        }
        return files;
    }

    private static String sha1(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
