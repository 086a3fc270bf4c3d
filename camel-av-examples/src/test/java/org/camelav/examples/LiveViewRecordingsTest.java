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

    private static HttpResponse<byte[]> get(HttpClient http, String url, String range) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).GET();
        if (range != null) {
            b.header("Range", range);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
