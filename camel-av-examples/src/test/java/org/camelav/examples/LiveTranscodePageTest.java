package org.camelav.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.apache.camel.main.Main;
import org.camelav.component.AvComponent;
import org.camelav.live.LiveView;
import org.camelav.testsupport.FfmpegCli;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * An MJPEG camera with G.711 audio on the operator page in headless Chromium: its tile plays the H.264 the live
 * transcoder makes, and opened full size it plays with the Opus audio (Chromium's MSE takes Opus in MP4).
 */
class LiveTranscodePageTest {

    @Test
    void anMjpegCameraWithG711PlaysInTheBrowser() throws Exception {
        HeadlessChromium.require();
        Path dir = Examples.cleanDir(Path.of("target", "livetranscode"), ".mkv", ".mp4");
        Path camera = dir.resolve("mjpeg-ulaw.mkv").toAbsolutePath();
        FfmpegCli.ffmpeg("-f", "lavfi", "-i", "testsrc2=s=640x360:r=25:d=30", "-f", "lavfi", "-i",
                "sine=f=440:r=8000:d=30", "-c:v", "mjpeg", "-q:v", "8", "-c:a", "pcm_mulaw", camera.toString());
        String url = "file:" + camera + "?realtime=true&loop=true";
        int port = Examples.freePort();
        Main app = LiveViewApp.start(port, dir.resolve("recordings"), Map.of("mjpeg", url), null);
        ChromeDriver browser = LivePageTest.browser();
        try {
            browser.get("http://127.0.0.1:" + port + "/live");
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(40));
            wait.until(b -> frames(browser) > 25);
            assertNull(js(browser, "return document.getElementById('live-mjpeg').dataset.error || null"));
            assertEquals(640L, js(browser, "return document.getElementById('live-mjpeg').videoWidth"));
            assertTrue(String.valueOf(js(browser, "return window.liveStats('mjpeg').codecs"))
                    .matches("avc1\\.[0-9A-F]{6}"), "the grid: H.264 from the transcoder, no audio");
            wait.until(b -> ((Number) js(browser, "return window.liveStats('mjpeg').count")).longValue() >= 50);
            System.out.println("[live-transcode] grid (video only, transcoded): " + js(browser,
                    "return window.liveStats('mjpeg')"));
            AvComponent av = app.getCamelContext().getComponent("av", AvComponent.class);
            LiveView view = av.liveViews().find("file:" + camera);
            assertEquals(1, view.transcoders(), "one video transcoder for the tile");
            System.out.println("[live-transcode] " + browser.getCapabilities().getBrowserVersion()
                               + ": audio/mp4 opus in MSE " + js(browser,
                    "return MediaSource.isTypeSupported('audio/mp4; codecs=\"opus\"')"));

            browser.findElement(By.id("tile-mjpeg")).click(); // full size, with audio: G.711 as Opus
            wait.until(b -> String.valueOf(js(browser, "return window.liveStats('mjpeg').codecs"))
                    .matches("avc1\\.[0-9A-F]{6},opus"));
            long shown = frames(browser);
            wait.until(b -> frames(browser) > shown + 25);
            assertNull(js(browser, "return document.getElementById('live-mjpeg').dataset.error || null"));
            assertEquals(2, view.transcoders(), "video and audio, once each");
            System.out.println("[live-transcode] full size (H.264 + Opus): " + js(browser,
                    "return window.liveStats('mjpeg')"));
            Files.write(dir.resolve("single.png"), browser.getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
        } finally {
            browser.quit();
            app.stop();
        }
    }

    private static long frames(ChromeDriver browser) {
        Object n = js(browser, "const v = document.getElementById('live-mjpeg');"
                               + " return v ? Number(v.dataset.frames || 0) : 0");
        return ((Number) n).longValue();
    }

    private static Object js(ChromeDriver browser, String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }
}
