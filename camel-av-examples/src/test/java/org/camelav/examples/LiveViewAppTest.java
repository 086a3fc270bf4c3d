package org.camelav.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.apache.camel.main.Main;
import org.camelav.testsupport.RtspCameraServer;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The live view in Debian's headless Chromium (Selenium through /usr/bin/chromedriver), against 127.0.0.1. */
class LiveViewAppTest {


    @Test
    void thePageShowsTheCameraItsLivePictureAndPlaysARecording() throws Exception {
        HeadlessChromium.require();
        Path recordings = Examples.cleanDir(Path.of("target", "liveview", "recordings"), ".mp4", ".webm")
                .toAbsolutePath();
        // a recording as the producer writes one: H.264 MP4 with its index first, 3 s
        Path clip = recordings.resolve("cam1-clip.mp4");
        Examples.runToEnd("av:testsrc2=size=320x240:rate=25?format=lavfi&maxFrames=75",
                r -> r.to("av:" + clip + "?codec=h264&gopSize=25&formatOptions.movflags=+faststart"));

        // a segment as record=true writes it by default: fragmented MP4 (readable after a crash), 10 s, GOP 1 s
        Path h264 = Path.of("target", "liveview", "h264-10s.mp4").toAbsolutePath();
        Files.deleteIfExists(h264);
        Examples.runToEnd("av:testsrc2=size=320x240:rate=25?format=lavfi&maxFrames=250",
                r -> r.to("av:" + h264 + "?codec=h264&gopSize=25"));
        Examples.runToEnd("av:file:" + h264 + "?mode=packets",
                r -> r.to("av:" + recordings + "/cam1-seg-%H%M%S.mp4?record=true&segmentDuration=600"));
        String segment;
        try (var files = Files.list(recordings)) {
            segment = files.map(f -> f.getFileName().toString()).filter(n -> n.startsWith("cam1-seg-")).findFirst()
                    .orElseThrow();
        }
        assertTrue(new String(Files.readAllBytes(recordings.resolve(segment)), java.nio.charset.StandardCharsets.ISO_8859_1)
                .contains("moof"), "the segment is fragmented");

        int port = Examples.freePort();
        try (RtspCameraServer cam = RtspCameraServer.start()) {
            Main app = LiveViewApp.start(port, recordings, Map.of("cam1", cam.url("/test")), null);
            ChromeDriver browser = browser();
            try {
                browser.get("http://127.0.0.1:" + port + "/");
                WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));

                // the camera list shows the consumer's health-check state
                wait.until(b -> text(browser, "#camera-cam1 td.state").equals("STREAMING"));
                assertEquals("UP", text(browser, "#camera-cam1 td.UP"));
                assertTrue(Long.parseLong(text(browser, "#camera-cam1 td.frames")) > 0);
                assertEquals("0", text(browser, "#camera-cam1 td.reconnects"));
                String age = text(browser, "#camera-cam1 td.age");
                assertTrue(age.endsWith(" s") && Double.parseDouble(age.replace(" s", "")) < 5,
                        "the live picture's age: " + age);

                // the live picture decodes and keeps being replaced by newer snapshots
                WebElement img = browser.findElement(By.id("live-cam1"));
                // read in one call: the page swaps in a newer snapshot every moment, and while it loads the width is 0
                Number width = wait.until(b -> js(browser,
                        "return arguments[0].complete && arguments[0].naturalWidth > 0 ? arguments[0].naturalWidth : null",
                        img) instanceof Number n ? n : null);
                assertEquals(320L, width.longValue(), "the camera's 320x240");
                String src = img.getAttribute("src");
                long loads = Long.parseLong(img.getAttribute("data-loads"));
                Thread.sleep(2000);
                assertNotEquals(src, img.getAttribute("src"), "a newer snapshot was requested");
                assertTrue(Long.parseLong(img.getAttribute("data-loads")) >= loads + 2,
                        "pictures loaded in 2 s: " + (Long.parseLong(img.getAttribute("data-loads")) - loads));

                // the recording is listed and plays in the <video>
                wait.until(b -> clickRecording(browser, "cam1-clip.mp4"));
                WebElement video = browser.findElement(By.id("player"));
                wait.until(b -> js(browser, "return arguments[0].error && arguments[0].error.code", video) != null
                        || ((Number) js(browser, "return arguments[0].currentTime", video)).doubleValue() > 1.0);
                assertEquals(null, js(browser, "return arguments[0].error && arguments[0].error.code", video),
                        "the browser could not play the H.264 MP4");
                assertEquals(320L, js(browser, "return arguments[0].videoWidth", video));

                // the fragmented segment plays and seeks: to 7 s of 10, and plays on from there
                wait.until(b -> clickRecording(browser, segment));
                wait.until(b -> ((Number) js(browser, "return arguments[0].currentTime", video)).doubleValue() > 0.5
                        || js(browser, "return arguments[0].error && arguments[0].error.code", video) != null);
                js(browser, "arguments[0].currentTime = 7", video);
                wait.until(b -> js(browser, "return !arguments[0].seeking && arguments[0].currentTime > 7.3", video)
                        .equals(Boolean.TRUE)
                        || js(browser, "return arguments[0].error && arguments[0].error.code", video) != null);
                assertEquals(null, js(browser, "return arguments[0].error && arguments[0].error.code", video),
                        "the browser could not play or seek the fragmented segment");
                assertEquals(10.0, ((Number) js(browser, "return arguments[0].duration", video)).doubleValue(), 0.1);
            } finally {
                browser.quit();
                app.stop();
            }
            assertEquals(1, cam.clients(), "the camera route's one RTSP session: snapshots opened none of their own");
        }
    }

    private static ChromeDriver browser() {
        return HeadlessChromium.start("1280,900");
    }

    /**
     * The text of the first element {@code css} selects, read in the page in one call: the page replaces the camera
     * rows every second and the recordings list every 5 s, so an element found by one WebDriver call may be gone
     * (stale) by the next.
     */
    private static String text(ChromeDriver browser, String css) {
        return String.valueOf(js(browser, "const e = document.querySelector(arguments[0]);"
                                          + " return e ? e.textContent.trim() : ''", css));
    }

    /** Clicks the recording link named {@code name}, found and clicked in one call (see {@link #text}); false if none. */
    private static boolean clickRecording(ChromeDriver browser, String name) {
        return Boolean.TRUE.equals(js(browser, "const a = [...document.querySelectorAll('a.recording')]"
                                               + ".find(a => a.textContent === arguments[0]);"
                                               + " if (a) a.click(); return !!a;", name));
    }

    private static Object js(ChromeDriver browser, String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }
}
