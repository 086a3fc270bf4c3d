package org.camelav.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.apache.camel.main.Main;
import org.camelav.testsupport.RtspCameraServer;
import org.junit.jupiter.api.Test;

/**
 * The live stream's two deliveries without a browser, behind the app's basic authentication: the WebSocket (refused
 * without credentials; with them a JSON message with the codecs, then the init segment and fragments, each led by its
 * prft box) and the chunked HTTP fallback (an MP4 that starts with its init segment).
 */
class LiveSocketTest {

    @Test
    void theWebSocketAndTheChunkedFallbackServeTheCameraBehindAuthentication() throws Exception {
        Path dir = Examples.cleanDir(Path.of("target", "live-socket", "recordings"), ".mp4").toAbsolutePath();
        Path users = dir.getParent().resolve("users.properties");
        Files.writeString(users, "user.viewer=Vi3wer-pw,viewer\nrole.viewer=*\n");
        String basic = "Basic " + Base64.getEncoder().encodeToString("viewer:Vi3wer-pw".getBytes());
        int port = Examples.freePort();
        try (RtspCameraServer cam = RtspCameraServer.start()) {
            Main app = LiveViewApp.start(port, dir, Map.of("cam", cam.url("/test")), null, Map.of(
                    "camel.server.authenticationEnabled", "true", "camel.server.authenticationPath", "/*",
                    "camel.server.basicPropertiesFile", users.toString()));
            try {
                HttpClient http = HttpClient.newHttpClient();
                URI ws = URI.create("ws://127.0.0.1:" + port + "/live/cam");
                CompletionException refused = assertThrows(CompletionException.class,
                        () -> http.newWebSocketBuilder().buildAsync(ws, new Collector()).join());
                assertTrue(refused.getCause() instanceof WebSocketHandshakeException h
                           && h.getResponse().statusCode() == 401, String.valueOf(refused.getCause()));

                Collector got = new Collector();
                WebSocket socket = http.newWebSocketBuilder().header("Authorization", basic).buildAsync(ws, got)
                        .get(30, TimeUnit.SECONDS);
                long deadline = System.currentTimeMillis() + 30_000;
                while (got.binary.size() < 30 && System.currentTimeMillis() < deadline) {
                    Thread.sleep(100);
                }
                socket.abort();
                assertTrue(got.text.get(0).matches("\\{\"type\":\"mse\",\"codecs\":\"avc1\\.[0-9A-F]{6}\"}"),
                        got.text.toString());
                assertEquals("ftyp", box(got.binary.get(0)), "the init segment first");
                assertTrue(got.binary.size() >= 30, "fragments: " + got.binary.size());
                for (byte[] fragment : got.binary.subList(1, got.binary.size())) {
                    assertEquals("prft", box(fragment), "each fragment starts with its producer reference time");
                }

                HttpResponse<InputStream> mp4 = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/live/cam.mp4")).header("Authorization", basic)
                        .GET().build(), HttpResponse.BodyHandlers.ofInputStream());
                assertEquals(200, mp4.statusCode());
                assertTrue(mp4.headers().firstValue("Content-Type").orElse("").startsWith("video/mp4; codecs=\"avc1."),
                        mp4.headers().toString());
                try (InputStream in = mp4.body()) {
                    byte[] head = in.readNBytes(64 * 1024); // the init segment and the GOP so far, then live
                    assertEquals("ftyp", box(head));
                    assertTrue(new String(head, StandardCharsets.ISO_8859_1).contains("moof"), "fragments follow");
                }
            } finally {
                app.stop();
            }
        }
    }

    @Test
    void transcodeOneGivesH264FromTheCamerasOneTranscoder() throws Exception {
        Path dir = Examples.cleanDir(Path.of("target", "live-socket", "transcode"), ".mp4").toAbsolutePath();
        int port = Examples.freePort();
        try (RtspCameraServer cam = RtspCameraServer.start()) {
            Main app = LiveViewApp.start(port, dir, Map.of("cam", cam.url("/test")), null);
            try {
                HttpClient http = HttpClient.newHttpClient();
                // what the player asks for when its browser cannot play the camera's codec (H.265 without HEVC)
                URI ws = URI.create("ws://127.0.0.1:" + port + "/live/cam?audio=0&transcode=1");
                Collector got = new Collector();
                Collector second = new Collector();
                WebSocket a = http.newWebSocketBuilder().buildAsync(ws, got).get(30, TimeUnit.SECONDS);
                WebSocket b = http.newWebSocketBuilder().buildAsync(ws, second).get(30, TimeUnit.SECONDS);
                long deadline = System.currentTimeMillis() + 30_000;
                while ((got.binary.size() < 30 || second.binary.size() < 30) && System.currentTimeMillis() < deadline) {
                    Thread.sleep(100);
                }
                org.camelav.live.LiveView view = app.getCamelContext()
                        .getComponent("av", org.camelav.component.AvComponent.class).liveViews().find(cam.url("/test"));
                assertEquals(1, view.transcoders(), "one transcoder for both sockets");
                assertEquals(2, view.transcoded(false).viewers());
                a.abort();
                b.abort();
                assertTrue(got.text.get(0).matches("\\{\"type\":\"mse\",\"codecs\":\"avc1\\.42C0[0-9A-F]{2}\"}"),
                        "openh264's constrained baseline: " + got.text);
                assertEquals("ftyp", box(got.binary.get(0)), "the init segment first");
                assertTrue(got.binary.size() >= 30, "fragments: " + got.binary.size());
                long wait = System.currentTimeMillis() + 10_000;
                while (view.transcoders() > 0 && System.currentTimeMillis() < wait) {
                    Thread.sleep(50); // the server sees the sockets close
                }
                assertEquals(0, view.transcoders(), "both sockets closed: the transcoder stopped");
            } finally {
                app.stop();
            }
        }
    }

    private static String box(byte[] b) {
        return new String(b, 4, 4, StandardCharsets.ISO_8859_1);
    }

    /** Keeps the text and binary messages (each binary one whole). */
    private static final class Collector implements WebSocket.Listener {
        final List<String> text = new CopyOnWriteArrayList<>();
        final List<byte[]> binary = new CopyOnWriteArrayList<>();
        private final java.io.ByteArrayOutputStream part = new java.io.ByteArrayOutputStream();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.add(data.toString());
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            byte[] b = new byte[data.remaining()];
            data.get(b);
            part.writeBytes(b);
            if (last) {
                binary.add(part.toByteArray());
                part.reset();
            }
            ws.request(1);
            return null;
        }
    }
}
