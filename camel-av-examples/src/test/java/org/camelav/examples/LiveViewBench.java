package org.camelav.examples;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.camel.main.Main;
import org.camelav.component.AvComponent;
import org.camelav.testsupport.RtspCameraServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The live page's latency as the page itself measures it (prft wall clock of each picture vs its
 * requestVideoFrameCallback display time), over a run, at 1 and 10 viewers of one GStreamer test camera (H.264
 * 320x240 at 25 fps, GOP 1 s): p50/p95 per 10 s interval (the trend) and over the run, jumps to the live edge, and the
 * server JVM's CPU and resident memory. Run by {@code bench/live-view}; never in CI (no property, no run).
 */
@EnabledIfSystemProperty(named = "live.bench.seconds", matches = "\\d+")
class LiveViewBench {

    @Test
    void latencyOverARun() throws Exception {
        int seconds = Integer.getInteger("live.bench.seconds");
        int[] viewerCounts = Arrays.stream(System.getProperty("live.bench.viewers", "1,10").split(","))
                .mapToInt(Integer::parseInt).toArray();
        StringBuilder report = new StringBuilder();
        try (RtspCameraServer cam = RtspCameraServer.startWithSessionLog()) {
            String url = cam.url("/test");
            int port = Examples.freePort();
            Main app = LiveViewApp.start(port, Examples.cleanDir(Path.of("target", "bench-live")).toAbsolutePath(),
                    Map.of("cam", url), null);
            try {
                for (int viewers : viewerCounts) {
                    String section;
                    try {
                        section = run(app, port, url, viewers, seconds);
                    } catch (RuntimeException e) { // an overloaded machine: say so, keep the other rows
                        section = String.format("%n### %d viewer(s): no steady state (%s)%n", viewers,
                                e.getMessage().lines().findFirst().orElse(""));
                    }
                    System.out.println(section);
                    report.append(section);
                }
            } finally {
                app.stop();
            }
            report.append("\nRTSP sessions the camera saw (PLAY): ").append(cam.count("PLAY /test")).append('\n');
        }
        System.out.println(report);
        Path out = Path.of(System.getProperty("live.bench.out", "target/live-view.md"));
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, report);
    }

    private static String run(Main app, int port, String url, int viewers, int seconds) throws Exception {
        ChromeDriver browser = LivePageTest.browser();
        StringBuilder md = new StringBuilder();
        List<java.net.http.WebSocket> drains = new ArrayList<>();
        try {
            String page = "http://127.0.0.1:" + port + "/live";
            // one browser tab, measured; the other viewers are WebSocket clients that read every fragment (10 Chromium
            // tabs decoding video did not fit the 2 shared cores of the CI machine: the page in front stopped
            // rendering). The server does the same work for either.
            browser.get(page);
            for (int i = 1; i < viewers; i++) {
                drains.add(java.net.http.HttpClient.newHttpClient().newWebSocketBuilder()
                        .buildAsync(java.net.URI.create("ws://127.0.0.1:" + port + "/live/cam?audio=0"), DRAIN)
                        .get(30, java.util.concurrent.TimeUnit.SECONDS));
            }
            new WebDriverWait(browser, Duration.ofSeconds(180)).until(b -> ((Number) js(browser,
                    "const s = window.liveStats('cam'); return s ? s.count : 0")).longValue() > 50);
            AvComponent av = app.getCamelContext().getComponent("av", AvComponent.class);
            int connected = av.liveViews().find(url).live(false).viewers();
            Thread.sleep(5000); // warm-up: the joining GOP and the first jump are not the steady state
            long from = ((Number) sample(browser, Long.MAX_VALUE).get("next")).longValue();
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long cpu0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            long rssMax = 0;
            List<Double> all = new ArrayList<>();
            md.append(String.format(Locale.ROOT, "%n### %d viewer(s) (%d WebSockets: 1 Chromium tab measured, the others"
                                                 + " Java clients reading every fragment), %d s, %s%n%n", viewers,
                    connected, seconds, browser.getCapabilities().getBrowserVersion()));
            md.append("| interval | pictures | p50 ms | p95 ms | max ms |\n|---|---|---|---|---|\n");
            for (int at = 10; at <= seconds; at += 10) {
                Thread.sleep(Math.max(0, t0 / 1_000_000 + at * 1000L - System.nanoTime() / 1_000_000));
                Map<String, Object> s = sample(browser, from);
                from = ((Number) s.get("next")).longValue();
                @SuppressWarnings("unchecked")
                List<Number> xs = (List<Number>) s.get("samples");
                List<Double> interval = xs.stream().map(Number::doubleValue).sorted().toList();
                all.addAll(interval);
                rssMax = Math.max(rssMax, rssKb());
                md.append(String.format(Locale.ROOT, "| %d-%d s | %d | %s | %s | %s |%n", at - 10, at,
                        interval.size(), q(interval, .5), q(interval, .95), q(interval, 1)));
            }
            double wall = (System.nanoTime() - t0) / 1e9;
            double cpu = (os.getProcessCpuTime() - cpu0) / 1e9 / wall * 100;
            Collections.sort(all);
            md.append(String.format(Locale.ROOT, "| **run** | %d | **%s** | **%s** | %s |%n%n", all.size(),
                    q(all, .5), q(all, .95), q(all, 1)));
            md.append(String.format(Locale.ROOT, "jumps to the live edge: %s; server JVM (camera route, muxer,"
                                                 + " WebSockets): CPU %.1f %% of one core, RSS max %d MB, heap used %d"
                                                 + " MB; machine load average %s%n",
                    js(browser, "return window.liveStats('cam').jumps"), cpu, rssMax / 1024,
                    (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20,
                    Files.readString(Path.of("/proc/loadavg")).split(" ")[0]));
        } finally {
            drains.forEach(java.net.http.WebSocket::abort);
            browser.quit();
        }
        return md.toString();
    }

    /** A viewer that takes every message and keeps none. */
    private static final java.net.http.WebSocket.Listener DRAIN = new java.net.http.WebSocket.Listener() {
    };

    @SuppressWarnings("unchecked")
    private static Map<String, Object> sample(ChromeDriver browser, long from) {
        return (Map<String, Object>) js(browser, "return window.liveSamples('cam', arguments[0])", from);
    }

    private static String q(List<Double> sorted, double p) {
        if (sorted.isEmpty()) {
            return "-";
        }
        return String.valueOf(Math.round(sorted.get(Math.min(sorted.size() - 1, (int) (p * sorted.size())))));
    }

    private static long rssKb() throws Exception {
        return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmRSS:"))
                .map(l -> Long.parseLong(l.replaceAll("\\D", ""))).findFirst().orElse(0L);
    }

    private static Object js(ChromeDriver browser, String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }
}
