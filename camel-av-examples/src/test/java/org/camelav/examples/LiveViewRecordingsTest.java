package org.camelav.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;

/**
 * The live view's recordings over HTTP as a browser's {@code <video>} asks for them: whole, by byte range (what a
 * seek sends), a range beyond the file, and names that try to leave the folder. No camera: the page has none.
 */
class LiveViewRecordingsTest {

    @Test
    void recordingsAreServedWholeOrByRangeAndNothingOutsideTheFolder() throws Exception {
        Path recordings = Examples.cleanDir(Path.of("target", "liveview-ranges", "recordings"), ".mp4").toAbsolutePath();
        Path clip = recordings.resolve("clip.mp4");
        Examples.runToEnd("av:testsrc2=size=320x240:rate=25?format=lavfi&maxFrames=50",
                r -> r.to("av:" + clip + "?codec=h264&formatOptions.movflags=+faststart"));
        Files.writeString(recordings.getParent().resolve("secret.mp4"), "not a recording");
        byte[] bytes = Files.readAllBytes(clip);
        int size = bytes.length;

        int port = Examples.freePort();
        Main app = LiveViewApp.start(port, recordings, Map.of(), null);
        try {
            HttpClient http = HttpClient.newHttpClient();
            String url = "http://127.0.0.1:" + port + "/recordings/";

            HttpResponse<byte[]> whole = get(http, url + "clip.mp4", null);
            assertEquals(200, whole.statusCode());
            assertArrayEquals(bytes, whole.body());
            assertEquals("bytes", whole.headers().firstValue("Accept-Ranges").orElse(""));

            HttpResponse<byte[]> middle = get(http, url + "clip.mp4", "bytes=100-1123");
            assertEquals(206, middle.statusCode());
            assertEquals("bytes 100-1123/" + size, middle.headers().firstValue("Content-Range").orElse(""));
            assertArrayEquals(Arrays.copyOfRange(bytes, 100, 1124), middle.body());
            assertEquals("video/mp4", middle.headers().firstValue("Content-Type").orElse(""));

            HttpResponse<byte[]> open = get(http, url + "clip.mp4", "bytes=0-"); // what Chromium sends first
            assertEquals(206, open.statusCode());
            assertArrayEquals(bytes, open.body());

            HttpResponse<byte[]> tail = get(http, url + "clip.mp4", "bytes=-500");
            assertEquals(206, tail.statusCode());
            assertEquals("bytes " + (size - 500) + "-" + (size - 1) + "/" + size,
                    tail.headers().firstValue("Content-Range").orElse(""));
            assertArrayEquals(Arrays.copyOfRange(bytes, size - 500, size), tail.body());

            HttpResponse<byte[]> clipped = get(http, url + "clip.mp4", "bytes=" + (size - 10) + "-" + (size + 1000));
            assertEquals(206, clipped.statusCode(), "a last byte past the end is the end");
            assertEquals(10, clipped.body().length);

            HttpResponse<byte[]> beyond = get(http, url + "clip.mp4", "bytes=" + size + "-");
            assertEquals(416, beyond.statusCode());
            assertEquals("bytes */" + size, beyond.headers().firstValue("Content-Range").orElse(""));

            assertEquals(404, get(http, url + "..%2Fsecret.mp4", null).statusCode());
            assertEquals(404, get(http, url + "%2E%2E%2Fsecret.mp4", "bytes=0-5").statusCode());
            assertEquals(404, get(http, url + "missing.mp4", "bytes=0-5").statusCode());
        } finally {
            app.stop();
        }
    }

    /** A link planted in the folder that leads out of it is neither listed nor served, whatever its name. */
    @Test
    void aSymlinkOutOfTheFolderIsRefused() throws Exception {
        Path recordings = Examples.cleanDir(Path.of("target", "liveview-links", "recordings"), ".mp4").toAbsolutePath();
        Path secret = recordings.getParent().resolve("secret.mp4");
        Files.writeString(secret, "not a recording");
        Path link = recordings.resolve("link.mp4");
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, secret);
        Files.writeString(recordings.resolve("inside.mp4"), "a recording");
        Path inner = recordings.resolve("alias.mp4");
        Files.deleteIfExists(inner);
        Files.createSymbolicLink(inner, recordings.resolve("inside.mp4"));
        int port = Examples.freePort();
        Main app = LiveViewApp.start(port, recordings, Map.of(), null);
        try {
            HttpClient http = HttpClient.newHttpClient();
            String url = "http://127.0.0.1:" + port + "/recordings/";
            assertEquals(404, get(http, url + "link.mp4", null).statusCode());
            assertEquals(404, get(http, url + "link.mp4", "bytes=0-5").statusCode());
            assertEquals(200, get(http, url + "alias.mp4", null).statusCode(), "a link within the folder is fine");
            String list = new String(get(http, "http://127.0.0.1:" + port + "/api/recordings", null).body());
            assertEquals("[\"alias.mp4\",\"inside.mp4\"]", list);
        } finally {
            app.stop();
        }
    }

    /**
     * A 2.2 GB recording (sparse): the whole file and an open range stream from disk (before: readAllBytes, and
     * Math.toIntExact threw on a range over 2 GB), and a range at its end has the right bytes.
     */
    @Test
    void rangesPastTwoGigabytes() throws Exception {
        Path recordings = Examples.cleanDir(Path.of("target", "liveview-big", "recordings"), ".mp4").toAbsolutePath();
        long size = 2_200_000_000L;
        Path big = recordings.resolve("big.mp4");
        byte[] tail = "the last bytes of a long recording".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(size);
            f.seek(size - tail.length);
            f.write(tail);
        }
        int port = Examples.freePort();
        Main app = LiveViewApp.start(port, recordings, Map.of(), null);
        try {
            HttpClient http = HttpClient.newHttpClient();
            String url = "http://127.0.0.1:" + port + "/recordings/big.mp4";
            HttpResponse<byte[]> end = get(http, url, "bytes=" + (size - tail.length) + "-");
            assertEquals(206, end.statusCode());
            assertEquals("bytes " + (size - tail.length) + "-" + (size - 1) + "/" + size,
                    end.headers().firstValue("Content-Range").orElse(""));
            assertArrayEquals(tail, end.body());
            for (String range : new String[] { null, "bytes=0-" }) {
                HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).GET();
                if (range != null) {
                    b.header("Range", range);
                }
                HttpResponse<java.io.InputStream> open = http.send(b.build(),
                        HttpResponse.BodyHandlers.ofInputStream());
                try (java.io.InputStream in = open.body()) {
                    assertEquals(range == null ? 200 : 206, open.statusCode());
                    if (range != null) {
                        assertEquals("bytes 0-" + (size - 1) + "/" + size,
                                open.headers().firstValue("Content-Range").orElse(""));
                    }
                    assertEquals(1 << 20, in.readNBytes(1 << 20).length, "the first megabyte streams");
                }
            }
        } finally {
            app.stop();
            Files.deleteIfExists(big);
        }
    }

    /** The README's recipe: camel-main's basic authentication in front of every path of the app. */
    @Test
    void basicAuthenticationInFront() throws Exception {
        Path recordings = Examples.cleanDir(Path.of("target", "liveview-auth", "recordings"), ".mp4").toAbsolutePath();
        Files.writeString(recordings.resolve("inside.mp4"), "a recording");
        Path users = recordings.getParent().resolve("users.properties");
        Files.writeString(users, "user.viewer=Vi3wer-pw,viewer\nrole.viewer=*\n");
        int port = Examples.freePort();
        Main app = LiveViewApp.start(port, recordings, Map.of(), null, Map.of(
                "camel.server.authenticationEnabled", "true", "camel.server.authenticationPath", "/*",
                "camel.server.basicPropertiesFile", users.toString()));
        try {
            HttpClient http = HttpClient.newHttpClient();
            String url = "http://127.0.0.1:" + port + "/recordings/inside.mp4";
            assertEquals(401, get(http, url, null).statusCode());
            assertEquals(401, get(http, "http://127.0.0.1:" + port + "/api/recordings", null).statusCode());
            String basic = "Basic " + java.util.Base64.getEncoder().encodeToString("viewer:Vi3wer-pw".getBytes());
            HttpResponse<byte[]> ok = http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", basic)
                    .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, ok.statusCode());
            assertEquals("a recording", new String(ok.body()));
        } finally {
            app.stop();
        }
    }

    private static HttpResponse<byte[]> get(HttpClient http, String url, String range) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).GET();
        if (range != null) {
            b.header("Range", range);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
