package org.camelav.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.camel.main.Main;
import org.camelav.media.Ffmpeg;
import org.camelav.testsupport.FfmpegCli;
import org.camelav.testsupport.TestMedia;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The operator page's timeline (issue 30) in Debian's headless Chromium: a camera whose every picture carries its
 * frame number in binary (ten black/white blocks along the top) is recorded in 3 s segments, stopped for a few seconds
 * (a gap) and started again, with a motion trigger noted. The camera opened full size shows files, the gap and the
 * event; a click on the strip plays the recording from the clicked time, and the picture shown is the one recorded at
 * that time (its frame number read from the page's video through a canvas); a click in the gap plays from the next
 * file; a range dragged on the strip exports a file that ffprobe reads with the selected duration. Back in the grid,
 * the tile shows the same files and gap on its 24 h strip. A second test clicks a recording of a camera with B-frames.
 */
class LiveTimelineTest {

    private static final int FPS = 25;

    @Test
    void clickPlaysTheRecordingFromThatTimeAndTheSelectionExports() throws Exception {
        HeadlessChromium.require();
        Path dir = Examples.cleanDir(Path.of("target", "livetimeline"), ".mp4", ".png").toAbsolutePath();
        Path recordings = dir.resolve("rec");
        deleteTree(recordings);
        Path camera = counterClip(dir.resolve("counter.mp4"), 40);
        String recordUri = recordUri(recordings);
        int port = Examples.freePort();
        Main app = startCamera(port, recordings, camera);
        ChromeDriver browser = HeadlessChromium.start("1280,900");
        try {
            WebDriverWait wait = openTimeline(browser, port);

            // run 1, a trigger in it, a stop of 3 s (a gap), run 2
            wait.until(b -> files(browser) >= 3);
            app.getCamelContext().createProducerTemplate().sendBodyAndHeader(recordUri.replace("{id}", "cam1"), null,
                    "CamelAvTrigger", "motion");
            app.getCamelContext().getRouteController().stopRoute("camera-cam1");
            Thread.sleep(3000);
            app.getCamelContext().getRouteController().startRoute("camera-cam1");
            wait.until(b -> files(browser) >= 5 && count(browser, "gap") >= 1 && count(browser, "event") >= 1);
            List<double[]> spans = spans(browser, "recording");
            double[] gap = spans(browser, "gap").get(0);
            double anchor1 = spans.get(0)[0]; // frame 0 of run 1
            double anchor2 = spans.stream().filter(f -> f[0] >= gap[1] - 1).findFirst().orElseThrow()[0];
            assertTrue(browser.findElements(By.cssSelector("#tl-strip .rec")).size() >= 5, "files drawn on the strip");
            assertEquals(1, browser.findElements(By.cssSelector("#tl-strip .event")).size(), "the trigger");
            assertEquals(1, browser.findElements(By.cssSelector("#tl-strip .gap")).size());

            // a click 1.3 s into the second file: the picture recorded then
            double t1 = spans.get(1)[0] + 1300;
            double clicked = clickAt(browser, t1);
            int[] shown = shownFrame(browser, wait);
            long expected = Math.round((origin(browser) + shown[1] - anchor1) * FPS / 1000.0);
            double first = origin(browser) + shownAfterSeek(browser) * 1000;
            System.out.printf("[live-timeline] clicked %.0f ms after frame 0 (aimed at %.0f) in the file starting %.0f ms"
                              + " after frame 0; first picture shown after the seek: %.0f ms after frame 0 (%+.0f ms);"
                              + " paused at frame %d, expected %d from its time; click to picture %s ms%n",
                    clicked - anchor1, t1 - anchor1, segmentStart(browser) - anchor1, first - anchor1,
                    first - clicked, shown[0], expected, js(browser,
                            "return document.getElementById('playback').dataset.clickToPictureMs"));
            assertEquals(clicked, origin(browser) + seeked(browser) * 1000, 1.0, "seeked to the clicked time");
            assertTrue(first - clicked > -1000.0 / FPS - 1 && first - clicked < 2000.0 / FPS + 1,
                    "the first picture shown is the one at the clicked time: " + (first - clicked) + " ms");
            assertTrue(Math.abs(shown[0] - expected) <= 1, "frame " + shown[0] + " shown, " + expected + " expected");

            // a click in the gap: from the start of the file after it, frame 0 of run 2
            clickAt(browser, (gap[0] + gap[1]) / 2);
            int[] afterGap = shownFrame(browser, wait);
            assertEquals(anchor2, segmentStart(browser), 1.0, "the first file after the gap");
            long expected2 = Math.round((origin(browser) + afterGap[1] - anchor2) * FPS / 1000.0);
            assertTrue(Math.abs(afterGap[0] - expected2) <= 1, "frame " + afterGap[0] + ", " + expected2 + " expected");

            // a range dragged over the first three files: the export button downloads it
            double from = spans.get(0)[0] + 1500;
            double to = spans.get(2)[0] + 1200;
            drag(browser, from, to);
            String href = browser.findElement(By.id("tl-export")).getAttribute("href");
            assertTrue(href.contains("/api/export/cam1?from="), href);
            @SuppressWarnings("unchecked")
            Map<String, Object> sel = (Map<String, Object>) js(browser, "return Timeline.state.sel");
            double selFrom = ((Number) sel.get("from")).doubleValue();
            double selTo = ((Number) sel.get("to")).doubleValue();
            Path exported = dir.resolve("export.mp4");
            HttpResponse<Path> got = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(href)).build(),
                    HttpResponse.BodyHandlers.ofFile(exported));
            assertEquals(200, got.statusCode());
            // remuxed: from the key frame at or before the selection's start (one a second from frame 0) to its end
            double keyFrame = anchor1 + Math.floor((selFrom - anchor1) / 1000) * 1000;
            double duration = Double.parseDouble(probe(exported, "format=duration"));
            System.out.printf("[live-timeline] export of %.2f s selected: %.3f s from the key frame %.2f s before%n",
                    (selTo - selFrom) / 1000, duration, (selFrom - keyFrame) / 1000);
            assertEquals((selTo - keyFrame) / 1000, duration, 2.0 / FPS, "duration per ffprobe");
            assertEquals("320", probe(exported, "stream=width"));

            System.out.println("[live-timeline] HLS natively: '" + js(browser,
                    "return document.createElement('video').canPlayType('application/vnd.apple.mpegurl')") + "'");
            browser.findElement(By.cssSelector("#timeline button[data-span='60']")).click();
            clickAt(browser, t1);
            shownFrame(browser, wait);
            assertNull(js(browser, "return document.getElementById('playback').error"));
            Files.write(dir.resolve("timeline.png"), browser.getScreenshotAs(OutputType.BYTES));

            // back in the grid, the tile has its last 24 h as a thin strip: every listed file on it
            new Actions(browser).sendKeys(org.openqa.selenium.Keys.ESCAPE).perform();
            wait.until(b -> Boolean.TRUE.equals(js(browser, "return document.getElementById('timeline').hidden")));
            long listed = files(browser);
            wait.until(b -> Long.parseLong(String.valueOf(js(browser,
                    "return document.querySelector('#tile-cam1 .mini').dataset.files || '0'"))) >= listed);
            assertTrue(browser.findElements(By.cssSelector("#tile-cam1 .mini .rec")).size() >= listed);
            assertEquals(1, browser.findElements(By.cssSelector("#tile-cam1 .mini .gap")).size());
            Files.write(dir.resolve("grid.png"), browser.getScreenshotAs(OutputType.BYTES));
        } finally {
            browser.quit();
            app.stop();
        }
    }

    /**
     * The same page on a camera with B-frames (two between references, x264 Main profile): each recorded file's first
     * picture is shown the reorder delay into it (80 ms: x264 declares two frames; an edit list's empty edit, which
     * Chromium honours), and the page seeks by the file's zero (X-Camel-Av-Segment-Zero) as well as the click's
     * offset. A click 1.3 s into the second file shows the picture recorded then, as with the baseline camera above.
     */
    @Test
    void aClickOnARecordingWithBFramesShowsThePictureOfThatTime() throws Exception {
        HeadlessChromium.require();
        TestMedia.requireGst("x264enc", "gstreamer1.0-plugins-ugly");
        TestMedia.requireGst("rawvideoparse", "gstreamer1.0-plugins-base");
        Path dir = Examples.cleanDir(Path.of("target", "livetimeline-bframes"), ".mp4", ".yuv").toAbsolutePath();
        Path recordings = dir.resolve("rec");
        deleteTree(recordings);
        Path camera = withBFrames(counterClip(dir.resolve("counter.mp4"), 20), dir.resolve("counter-bframes.mp4"));
        assertNotEquals("0", probe(camera, "stream=has_b_frames"), "the camera's stream has B-frames (reorder depth)");
        int port = Examples.freePort();
        Main app = startCamera(port, recordings, camera);
        ChromeDriver browser = HeadlessChromium.start("1280,900");
        try {
            WebDriverWait wait = openTimeline(browser, port);
            wait.until(b -> files(browser) >= 3);
            List<double[]> spans = spans(browser, "recording");
            double anchor = spans.get(0)[0]; // frame 0's picture
            double t1 = spans.get(1)[0] + 1300;
            double clicked = clickAt(browser, t1);
            int[] shown = shownFrame(browser, wait);
            double zero = Double.parseDouble(String.valueOf(js(browser,
                    "return document.getElementById('playback').dataset.segmentZero")));
            long expected = Math.round((origin(browser) + shown[1] - anchor) * FPS / 1000.0);
            System.out.printf("[live-timeline b-frames] file zero %.3f s; clicked %.0f ms after frame 0"
                              + " (aimed at %.0f); paused at frame %d, expected %d from its time%n", zero,
                    clicked - anchor, t1 - anchor, shown[0], expected);
            double firstPts = Double.parseDouble(probe(firstFile(recordings.resolve("cam1")), "stream=start_time"));
            assertTrue(firstPts > 0, "the recorded files start after their time 0: " + firstPts);
            assertEquals(firstPts, zero, 0.001, "X-Camel-Av-Segment-Zero is the file's first picture per ffprobe");
            assertEquals(clicked, origin(browser) + seeked(browser) * 1000, 1.0, "seeked to the clicked time");
            assertTrue(Math.abs(shown[0] - expected) <= 1, "frame " + shown[0] + " shown, " + expected + " expected");
            assertNull(js(browser, "return document.getElementById('playback').error"));
        } finally {
            browser.quit();
            app.stop();
        }
    }

    /**
     * The live-view app with cam1 recorded in 3 s files under {@code recordings}: the clip read at its own pace stands
     * for a camera (25 fps, a key frame every second).
     */
    private static Main startCamera(int port, Path recordings, Path camera) throws Exception {
        return LiveViewApp.start(port, recordings, Map.of("cam1", camera + "?realtime=true"), recordUri(recordings));
    }

    private static String recordUri(Path recordings) {
        return "av:" + recordings + "/{id}/{id}-%H%M%S.mp4?record=true&segmentDuration=3";
    }

    /** The live page, cam1 opened full size with its timeline showing the last 10 minutes; a wait of 60 s. */
    private static WebDriverWait openTimeline(ChromeDriver browser, int port) {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        browser.get("http://127.0.0.1:" + port + "/live");
        wait.until(b -> js(browser, "return document.querySelector('#tile-cam1 .state')"
                                    + " && document.querySelector('#tile-cam1 .state').textContent") != null);
        browser.findElement(By.id("tile-cam1")).click();
        wait.until(b -> Boolean.FALSE.equals(js(browser, "return document.getElementById('timeline').hidden")));
        // the last 10 minutes while the test works (all of it stays in view on slow machines), 1 min to look at
        browser.findElement(By.cssSelector("#timeline button[data-span='600']")).click();
        return wait;
    }

    private static Path firstFile(Path dir) throws java.io.IOException {
        try (var files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".mp4")).sorted().findFirst().orElseThrow();
        }
    }

    /**
     * {@code source} re-encoded by GStreamer's x264enc with two B-frames between references and a closed GOP of one
     * second (the LGPL natives' only H.264 encoder, libopenh264, makes none): decoded to I420 by the bundled ffmpeg,
     * encoded, then remuxed by ffmpeg into an ordinary MP4.
     */
    private static Path withBFrames(Path source, Path file) throws Exception {
        Path yuv = file.resolveSibling("counter.yuv");
        Path raw = file.resolveSibling("counter-x264.mp4");
        FfmpegCli.ffmpeg("-i", source.toString(), "-f", "rawvideo", "-pix_fmt", "yuv420p", yuv.toString());
        Process gst = new ProcessBuilder("gst-launch-1.0", "-q", "filesrc", "location=" + yuv, "!", "rawvideoparse",
                "width=320", "height=240", "format=i420", "framerate=" + FPS + "/1", "!", "x264enc", "bframes=2",
                "b-adapt=false", "key-int-max=" + FPS, "option-string=scenecut=0:open-gop=0", "bitrate=800",
                "threads=1", "!", "video/x-h264,profile=main", "!", "h264parse", "!", "mp4mux", "!", "filesink",
                "location=" + raw).redirectErrorStream(true).start();
        String out = new String(gst.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, gst.waitFor(), "gst-launch-1.0: " + out);
        Files.deleteIfExists(file);
        FfmpegCli.ffmpeg("-i", raw.toString(), "-c", "copy", file.toString());
        Files.delete(yuv);
        Files.delete(raw);
        return file;
    }

    /** A clip whose frame n shows n in binary: block k (32x32 at x = 32k, y = 0) white when bit k is set. */
    static Path counterClip(Path file, int seconds) throws Exception {
        StringBuilder graph = new StringBuilder("testsrc2=size=320x240:rate=" + FPS
                                                + ",drawbox=x=0:y=0:w=320:h=32:color=black:t=fill");
        for (int k = 0; k < 10; k++) {
            graph.append(",drawbox=x=").append(32 * k).append(":y=0:w=32:h=32:color=white:t=fill:enable='mod(floor(n/")
                    .append(1 << k).append("),2)'");
        }
        Files.deleteIfExists(file);
        Examples.runToEnd("av:" + graph + "?format=lavfi&maxFrames=" + seconds * FPS,
                r -> r.to("av:" + file + "?codec=h264&gopSize=" + FPS));
        return file;
    }

    /**
     * Clicks the strip at wall-clock time t (ms); returns the time the page took from the click. The view moves with
     * the clock (its listing is refreshed every 5 s): a click that landed more than two pixels off, because the view
     * moved between reading it and clicking, is made again.
     */
    private static double clickAt(ChromeDriver browser, double t) {
        for (int i = 0;; i++) {
            WebElement strip = browser.findElement(By.id("tl-strip"));
            new Actions(browser).moveToElement(strip, offset(browser, strip, t), 0).click().perform();
            double clicked = Double.parseDouble(String.valueOf(js(browser,
                    "return document.getElementById('playback').dataset.clicked")));
            if (Math.abs(clicked - t) <= 2 * msPerPixel(browser, strip) || i == 3) {
                return clicked;
            }
        }
    }

    /** Drags over the strip from time a to b; made again when the view moved meanwhile (see clickAt). */
    private static void drag(ChromeDriver browser, double from, double to) {
        for (int i = 0;; i++) {
            WebElement strip = browser.findElement(By.id("tl-strip"));
            int a = offset(browser, strip, from);
            int b = offset(browser, strip, to);
            new Actions(browser).moveToElement(strip, a, 0).clickAndHold().moveByOffset((b - a) / 2, 0)
                    .moveByOffset(b - a - (b - a) / 2, 0).release().perform();
            double selFrom = ((Number) js(browser, "return Timeline.state.sel.from")).doubleValue();
            double selTo = ((Number) js(browser, "return Timeline.state.sel.to")).doubleValue();
            double px = msPerPixel(browser, strip);
            if (Math.abs(selFrom - from) <= 2 * px && Math.abs(selTo - to) <= 2 * px || i == 3) {
                return;
            }
        }
    }

    private static double msPerPixel(ChromeDriver browser, WebElement strip) {
        return ((Number) js(browser, "return (Timeline.state.to - Timeline.state.from)"
                                     + " / arguments[0].getBoundingClientRect().width", strip)).doubleValue();
    }

    /** x offset from the strip's centre (Selenium's origin for moveToElement) of time t in the page's view. */
    private static int offset(ChromeDriver browser, WebElement strip, double t) {
        double from = ((Number) js(browser, "return Timeline.state.from")).doubleValue();
        double to = ((Number) js(browser, "return Timeline.state.to")).doubleValue();
        double width = ((Number) js(browser, "return arguments[0].getBoundingClientRect().width", strip)).doubleValue();
        return (int) Math.round((t - from) / (to - from) * width - width / 2);
    }

    /** Once the playback has seeked and has a picture: pauses it; {frame number shown, currentTime in ms}. */
    private static int[] shownFrame(ChromeDriver browser, WebDriverWait wait) {
        wait.until(b -> Boolean.TRUE.equals(js(browser, "const v = document.getElementById('playback');"
                + " return v.error !== null || (v.dataset.shownAfterSeek !== undefined && !v.seeking && v.readyState >= 2)")));
        assertNull(js(browser, "return document.getElementById('playback').error"), "the recording plays");
        @SuppressWarnings("unchecked")
        List<Number> r = (List<Number>) js(browser, "const v = document.getElementById('playback'); v.pause();"
                + " const c = document.createElement('canvas'); c.width = v.videoWidth; c.height = v.videoHeight;"
                + " const g = c.getContext('2d'); g.drawImage(v, 0, 0); let n = 0;"
                + " for (let k = 0; k < 10; k++) { const p = g.getImageData(16 + 32 * k, 16, 1, 1).data;"
                + "   if (p[0] + p[1] + p[2] > 384) n |= 1 << k; }"
                + " return [n, Math.round(v.currentTime * 1000)];");
        return new int[] { r.get(0).intValue(), r.get(1).intValue() };
    }

    /** The wall-clock time (ms) of media time 0 in the file played: its start less its zero (the header's). */
    private static double origin(ChromeDriver browser) {
        return segmentStart(browser) - 1000 * Double.parseDouble(String.valueOf(js(browser,
                "return document.getElementById('playback').dataset.segmentZero")));
    }

    private static double segmentStart(ChromeDriver browser) {
        return Double.parseDouble(String.valueOf(js(browser,
                "return document.getElementById('playback').dataset.segmentStart")));
    }

    private static double seeked(ChromeDriver browser) {
        return Double.parseDouble(String.valueOf(js(browser,
                "return document.getElementById('playback').dataset.seeked")));
    }

    private static double shownAfterSeek(ChromeDriver browser) {
        return Double.parseDouble(String.valueOf(js(browser,
                "return document.getElementById('playback').dataset.shownAfterSeek")));
    }

    private static long files(ChromeDriver browser) {
        return count(browser, "recording");
    }

    private static long count(ChromeDriver browser, String type) {
        return ((Number) js(browser, "return Timeline.state.items.filter(x => x.type === arguments[0]).length", type))
                .longValue();
    }

    /** [start, end] in epoch ms of the listed items of a type, oldest first. */
    private static List<double[]> spans(ChromeDriver browser, String type) {
        @SuppressWarnings("unchecked")
        List<List<Number>> l = (List<List<Number>>) js(browser,
                "return Timeline.state.items.filter(x => x.type === arguments[0]).map(x => [x.s, x.e])", type);
        List<double[]> out = new ArrayList<>();
        l.forEach(x -> out.add(new double[] { x.get(0).doubleValue(), x.get(1).doubleValue() }));
        return out;
    }

    /** What ffprobe says of the first video stream; its complaints (a cut-off last fragment) left out. */
    static String probe(Path file, String entries) throws Exception {
        Process p = Ffmpeg.cli(true, List.of("-v", "error", "-select_streams", "v:0", "-show_entries", entries, "-of",
                "default=nw=1:nk=1", file.toString())).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        p.waitFor();
        return out;
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
        if (Files.exists(dir)) {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static Object js(ChromeDriver browser, String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }
}
