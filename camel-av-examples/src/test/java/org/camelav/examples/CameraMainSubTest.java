package org.camelav.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.camel.main.Main;
import org.camelav.component.AvComponent;
import org.camelav.testsupport.RtspCameraServer;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * routes/camera-main-sub.camel.yaml against the GStreamer test camera, its 320x240 mount {@code /test} standing for
 * the main stream and its 160x120 mount {@code /cam01} for the sub stream, with the operator page over it
 * ({@link LiveViewApp#startPage}): the main stream is recorded, the sub stream is live (chunked MP4 and the page's
 * tile), the tile's button switches to the main stream and back in Chromium, and the camera sees one RTSP session on
 * the main stream and two on the sub stream (its packets and the motion detector's decode), as docs/live-video.md
 * says.
 */
class CameraMainSubTest {

    @Test
    void recordsMainWatchesSubAndTheTileSwitchesToMain() throws Exception {
        HeadlessChromium.require();
        Path recordings = Examples.cleanDir(Path.of("target", "camera-main-sub", "rec"), ".mp4").toAbsolutePath();
        int port = Examples.freePort();
        try (RtspCameraServer cam = RtspCameraServer.startCamerasWithSessionLog(1);
                // the routes set up both mounts at once at start-up (/cam01 twice: packets and motion): the test camera
                // (gst-rtsp-server 1.22) can abort then unless a mount is already prepared, so the test holds each
                // with a client of its own (it aborted once here with only /cam01 held)
                AutoCloseable heldSub = cam.prepared("/cam01");
                AutoCloseable heldMain = cam.prepared("/test")) {
            String main = cam.url("/test");
            String sub = cam.url("/cam01");
            long holder = cam.count("PLAY /cam01");
            long mainHolder = cam.count("PLAY /test");
            Map<String, String> properties = Map.of("camera.id", "cam1", "camera.main", main, "camera.sub", sub,
                    "record.dir", recordings.toString(), "record.segmentSeconds", "2");
            Main app = LiveViewApp.startPage(port, recordings, Map.of("cam1", sub), Map.of("cam1", main),
                    "av:" + recordings + "/{id}-%Y%m%d-%H%M%S.mp4", properties,
                    "classpath:routes/camera-main-sub.camel.yaml");
            ChromeDriver browser = HeadlessChromium.start("1280,800");
            try {
                HttpClient http = HttpClient.newHttpClient();
                String base = "http://127.0.0.1:" + port;

                // the YAML's chunked live stream is the sub stream, copied
                Path live = recordings.getParent().resolve("live-sub.mp4");
                HttpResponse<InputStream> chunked = http.send(HttpRequest.newBuilder(URI.create(base
                        + "/live/cam1.mp4")).build(), HttpResponse.BodyHandlers.ofInputStream());
                try (InputStream in = chunked.body()) {
                    assertEquals(200, chunked.statusCode(), "the test camera's log:\n" + cam.log());
                    assertTrue(chunked.headers().firstValue("Content-Type").orElse("").startsWith("video/mp4"));
                    Files.write(live, in.readNBytes(30_000)); // the init segment and a few pictures
                }
                assertEquals("160", LiveTimelineTest.probe(live, "stream=width"), "the sub stream, 160x120");

                // the page: the tile plays the sub stream, its button switches to the main stream and back
                browser.get(base + "/live");
                WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
                wait.until(b -> width(browser) == 160);
                wait.until(b -> Boolean.TRUE.equals(js(browser,
                        "return !document.querySelector('#tile-cam1 .stream').hidden")));
                assertEquals("sub", browser.findElement(By.cssSelector("#tile-cam1 .stream")).getText());
                browser.findElement(By.cssSelector("#tile-cam1 .stream")).click();
                wait.until(b -> width(browser) == 320);
                assertEquals("main", js(browser, "return document.getElementById('tile-cam1').dataset.stream"));
                assertEquals(Boolean.FALSE, js(browser, "return document.body.classList.contains('single')"),
                        "the button switches the tile, it does not open the camera");
                long frames = frames(browser);
                wait.until(b -> frames(browser) > frames + 25);
                assertNull(js(browser, "return document.getElementById('live-cam1').dataset.error || null"));
                AvComponent av = app.getCamelContext().getComponent("av", AvComponent.class);
                assertEquals(1, av.liveViews().find(main).live(false).viewers(), "the tile views the main stream");
                browser.findElement(By.cssSelector("#tile-cam1 .stream")).click();
                wait.until(b -> width(browser) == 160);
                wait.until(b -> av.liveViews().find(main).live(false).viewers() == 0);

                // the main stream is recorded: 320x240 files on its timeline
                String listing = wait.until(b -> {
                    String l = get(http, base + "/api/recordings/cam1?from=2000-01-01T00:00:00Z&to="
                                         + Instant.now().plusSeconds(60));
                    return l != null && l.contains("\"type\":\"recording\"") ? l : null;
                });
                Matcher m = Pattern.compile("\"path\":\"([^\"]+)\"").matcher(listing);
                assertTrue(m.find(), listing);
                assertEquals("320", LiveTimelineTest.probe(Path.of(m.group(1).replace("\\/", "/")), "stream=width"),
                        "the main stream, 320x240, is what is recorded");

                assertEquals(1, cam.count("PLAY /test") - mainHolder, "one session on the main stream, besides the test's"
                                                                     + " own holder:\n" + cam.log());
                assertEquals(2, cam.count("PLAY /cam01") - holder, "two on the sub stream (packets, motion), besides"
                                                                     + " the test's own holder:\n" + cam.log());
                System.out.printf("[camera-main-sub] RTSP PLAY: main %d, sub %d (besides the test's holders), with the"
                                  + " tile switched to main and back, one chunked viewer of the sub stream%n",
                        cam.count("PLAY /test") - mainHolder, cam.count("PLAY /cam01") - holder);
            } finally {
                browser.quit();
                app.stop();
            }
        }
    }

    private static String get(HttpClient http, String url) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? r.body() : null;
        } catch (Exception e) {
            return null;
        }
    }

    private static long width(ChromeDriver browser) {
        return ((Number) js(browser, "const v = document.getElementById('live-cam1'); return v ? v.videoWidth : 0"))
                .longValue();
    }

    private static long frames(ChromeDriver browser) {
        return ((Number) js(browser, "const v = document.getElementById('live-cam1');"
                                     + " return v ? Number(v.dataset.frames || 0) : 0")).longValue();
    }

    private static Object js(ChromeDriver browser, String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }
}
