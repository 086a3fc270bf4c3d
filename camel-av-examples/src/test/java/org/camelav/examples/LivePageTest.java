package org.camelav.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.main.Main;
import org.camelav.component.AvComponent;
import org.camelav.testsupport.RtspCameraServer;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The operator page in Debian's headless Chromium against the GStreamer test camera: live H.264 + AAC through MSE
 * over the WebSocket, the page's own latency measurement, five viewers on one RTSP session, a camera that is down
 * shown STALE, and a click opening one camera full size. Latency figures are reported, never asserted here (bench/).
 */
class LivePageTest {


    @Test
    void fiveViewersPlayOneCameraSessionLiveAndThePageReportsItsLatency() throws Exception {
        HeadlessChromium.require();
        Path recordings = Examples.cleanDir(Path.of("target", "livepage", "recordings"), ".mp4").toAbsolutePath();
        int port = Examples.freePort();
        try (RtspCameraServer cam = RtspCameraServer.startWithSessionLog()) {
            Map<String, String> cameras = new LinkedHashMap<>();
            cameras.put("entrance", cam.url("/audio")); // H.264 + AAC
            cameras.put("yard", cam.url("/test"));
            // nothing listens there: the camera is DOWN, reconnecting
            cameras.put("garage", "rtsp://127.0.0.1:" + Examples.freePort() + "/stream?reconnectDelay=500");
            Main app = LiveViewApp.start(port, recordings, cameras, null);
            ChromeDriver browser = browser();
            try {
                String page = "http://127.0.0.1:" + port + "/live";
                List<String> tabs = new ArrayList<>();
                browser.get(page);
                tabs.add(browser.getWindowHandle());
                WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(40));
                wait.until(b -> frames(browser, "entrance") > 25);
                for (int i = 1; i < 5; i++) { // four more viewers of the same cameras, each its own WebSocket
                    browser.switchTo().newWindow(WindowType.TAB);
                    browser.get(page);
                    tabs.add(browser.getWindowHandle());
                }
                for (String tab : tabs) {
                    browser.switchTo().window(tab);
                    wait.until(b -> frames(browser, "entrance") > 10);
                }
                AvComponent av = app.getCamelContext().getComponent("av", AvComponent.class);
                assertEquals(5, av.liveViews().find(cam.url("/audio")).live(false).viewers(),
                        "five WebSocket viewers of the grid's video-only stream");
                assertEquals(1, cam.count("PLAY /audio"), "one RTSP session for the camera, whatever the viewers:\n"
                                                          + cam.log());

                browser.switchTo().window(tabs.get(0));
                assertNull(js(browser, "return document.getElementById('live-entrance').dataset.error || null"));
                assertEquals(320L, js(browser, "return document.getElementById('live-entrance').videoWidth"));
                assertTrue(String.valueOf(js(browser, "return window.liveStats('entrance').codecs"))
                        .matches("avc1\\.[0-9A-F]{6}"), "H.264 copied; the muted grid takes no audio");
                // the page measures its own latency from the prft boxes and requestVideoFrameCallback
                wait.until(b -> ((Number) js(browser, "return window.liveStats('entrance').count")).longValue() >= 50);
                @SuppressWarnings("unchecked")
                Map<String, Object> stats = (Map<String, Object>) js(browser, "return window.liveStats('entrance')");
                double p50 = ((Number) stats.get("p50")).doubleValue();
                double p95 = ((Number) stats.get("p95")).doubleValue();
                assertTrue(p50 > 0 && p95 >= p50, "a presented picture comes after the server received it: " + stats);
                System.out.printf("[live-page] %s, 5 tabs: entrance latency p50 %.0f ms, p95 %.0f ms over %s frames,"
                                  + " jumps %s; yard %s%n", browser.getCapabilities().getBrowserVersion(), p50, p95,
                        stats.get("count"), stats.get("jumps"), js(browser, "return window.liveStats('yard')"));
                System.out.println("[live-page] H.265 in MSE: " + js(browser,
                        "return MediaSource.isTypeSupported('video/mp4; codecs=\"hvc1.1.6.L93.B0\"')"));

                // the grid: each camera with its state; the one that is down says so over its tile
                wait.until(b -> js(browser, "return document.querySelector('#tile-garage').classList"
                                            + ".contains('is-stale')").equals(Boolean.TRUE));
                assertEquals(Boolean.FALSE, js(browser, "return document.querySelector('#tile-entrance').classList"
                                                        + ".contains('is-stale')"));
                assertTrue(browser.findElement(By.cssSelector("#tile-garage .state")).getText().startsWith("DOWN"));
                assertEquals("STREAMING", browser.findElement(By.cssSelector("#tile-yard .state")).getText());
                wait.until(b -> frames(browser, "yard") > 10);
                Path shots = Path.of("target", "livepage");
                Files.write(shots.resolve("grid.png"), browser.getScreenshotAs(OutputType.BYTES));

                // a click opens one camera full size, with its audio: H.264 and AAC copied
                browser.findElement(By.id("tile-entrance")).click();
                assertEquals(Boolean.TRUE, js(browser, "return document.body.classList.contains('single')"));
                assertTrue(((Number) js(browser, "return document.getElementById('live-entrance').clientWidth"))
                        .longValue() > 1000, "full width");
                assertEquals(Boolean.FALSE, browser.findElement(By.id("tile-yard")).isDisplayed());
                wait.until(b -> String.valueOf(js(browser, "return window.liveStats('entrance').codecs"))
                        .matches("avc1\\.[0-9A-F]{6},mp4a\\.40\\.2"));
                long shown = frames(browser, "entrance");
                wait.until(b -> frames(browser, "entrance") > shown + 25);
                assertNull(js(browser, "return document.getElementById('live-entrance').dataset.error || null"));
                assertEquals(1, av.liveViews().find(cam.url("/audio")).live(true).viewers(), "the one with audio");
                Files.write(shots.resolve("single.png"), browser.getScreenshotAs(OutputType.BYTES));
            } finally {
                browser.quit();
                app.stop();
            }
            assertEquals(1, cam.count("PLAY /audio"), cam.log());
        }
    }

    private static long frames(ChromeDriver browser, String id) {
        Object n = js(browser, "const v = document.getElementById('live-" + id + "');"
                               + " return v ? Number(v.dataset.frames || 0) : 0");
        return ((Number) n).longValue();
    }

    static ChromeDriver browser() {
        // background tabs keep playing: each is a viewer being measured, not a tab left alone
        return HeadlessChromium.start("1280,800", "--disable-background-timer-throttling",
                "--disable-renderer-backgrounding", "--disable-backgrounding-occluded-windows");
    }

    private static Object js(ChromeDriver browser, String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }
}
