package org.camelav.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.camel.main.Main;
import org.camelav.media.Ffmpeg;
import org.junit.jupiter.api.Test;

/**
 * The timeline API over a camera's recorded segments: the listing as JSON, a range exported (exactly) and a time-lapse
 * as downloads, checked with ffprobe; unknown cameras and bad times refused.
 */
class TimelineApiTest {

    @Test
    void listsExportsAndTimeLapsesOverHttp() throws Exception {
        Path dir = Examples.cleanDir(Path.of("target", "timeline-api", "rec"), ".mp4").toAbsolutePath();
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).filter(p -> !p.equals(dir)).forEach(p -> p.toFile()
                    .delete());
        }
        Path clip = Examples.generateClip(dir.getParent().resolve("camera.mp4"), 12, 25, "320x240");
        String recording = "av:" + dir + "/cam1/cam1-%H%M%S.mp4";
        Examples.runToEnd("av:" + clip + "?mode=packets", r -> r.to(recording + "?record=true&segmentDuration=4"));

        int port = Examples.freePort();
        Main app = new Main();
        app.addInitialProperty("camel.server.enabled", "true");
        app.addInitialProperty("camel.server.host", "127.0.0.1");
        app.addInitialProperty("camel.server.port", String.valueOf(port));
        app.configure().addRoutesBuilder(new TimelineApi(Map.of("cam1", recording + "?record=true")));
        app.start();
        try {
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + port + "/api/";
            HttpResponse<String> list = http.send(HttpRequest.newBuilder(URI.create(base
                    + "recordings/cam1?from=2000-01-01T00:00:00Z&to=2100-01-01T00:00:00Z")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, list.statusCode(), list.body());
            assertEquals("application/json", list.headers().firstValue("Content-Type").orElse(""));
            List<String> starts = values(list.body(), "start");
            assertEquals(3, starts.size(), list.body());
            Instant t0 = Instant.parse(starts.get(0));

            // the file that holds an instant, as recorded, whole or by Range: what the page's timeline plays
            Path second = Path.of(values(list.body(), "path").get(1).replace("\\/", "/"));
            String segment = base + "segment/cam1?at=" + t0.plusMillis(5000);
            HttpResponse<byte[]> whole = http.send(HttpRequest.newBuilder(URI.create(segment)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, whole.statusCode());
            assertEquals(starts.get(1), whole.headers().firstValue("X-Camel-Av-Segment-Start").orElse(""));
            assertEquals("video/mp4", whole.headers().firstValue("Content-Type").orElse(""));
            org.junit.jupiter.api.Assertions.assertArrayEquals(Files.readAllBytes(second), whole.body());
            HttpResponse<byte[]> part = http.send(HttpRequest.newBuilder(URI.create(segment)).header("Range",
                    "bytes=100-199").build(), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(206, part.statusCode());
            assertEquals("bytes 100-199/" + Files.size(second), part.headers().firstValue("Content-Range").orElse(""));
            org.junit.jupiter.api.Assertions.assertArrayEquals(java.util.Arrays.copyOfRange(whole.body(), 100, 200),
                    part.body());
            // the media time the file's start (its first picture) is at, per ffprobe, on answers from the file's
            // first byte (the page asks bytes=0-0); a player's later chunks do not make the server open the file again
            double firstPicture = Double.parseDouble(org.camelav.testsupport.FfmpegCli.probeValues(second, "v:0",
                    "packet=pts_time").get(0));
            HttpResponse<byte[]> probe = http.send(HttpRequest.newBuilder(URI.create(segment)).header("Range",
                    "bytes=0-0").build(), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(206, probe.statusCode());
            for (HttpResponse<byte[]> r : List.of(whole, probe)) {
                assertEquals(firstPicture, Double.parseDouble(r.headers().firstValue("X-Camel-Av-Segment-Zero")
                        .orElse("NaN")), 1e-9, "X-Camel-Av-Segment-Zero");
            }
            assertTrue(part.headers().firstValue("X-Camel-Av-Segment-Zero").isEmpty(), "not on a later chunk");
            assertEquals(404, status(http, base + "segment/cam1?at=2001-01-01T00:00:00Z"));
            assertEquals(404, status(http, base + "segment/cam2?at=" + t0.plusMillis(5000)));
            assertEquals(400, status(http, base + "segment/cam1?at=yesterday"));

            Path exported = dir.getParent().resolve("export.mp4");
            HttpResponse<Path> export = http.send(HttpRequest.newBuilder(URI.create(base + "export/cam1?from="
                    + t0.plusMillis(2500) + "&to=" + t0.plusMillis(6000) + "&exact=true")).build(),
                    HttpResponse.BodyHandlers.ofFile(exported));
            assertEquals(200, export.statusCode());
            assertTrue(export.headers().firstValue("Content-Disposition").orElse("").matches(
                    "attachment; filename=\"cam1-.*\\.mp4\""), export.headers().toString());
            // the picture at 2.50 s (2.48 s) to the frame at 6.00 s: 13 re-encoded, then 3.00 .. 6.00 s copied
            assertEquals("89", probe(exported, "stream=nb_read_frames", "-count_frames"));

            Path lapse = dir.getParent().resolve("lapse.mp4");
            HttpResponse<Path> timelapse = http.send(HttpRequest.newBuilder(URI.create(base + "timelapse/cam1?from="
                    + t0 + "&to=" + t0.plusSeconds(12) + "&duration=1")).build(), HttpResponse.BodyHandlers.ofFile(lapse));
            assertEquals(200, timelapse.statusCode());
            assertEquals(1.0, Double.parseDouble(probe(lapse, "stream=duration")), 0.04);

            assertEquals(404, status(http, base + "recordings/cam2?from=2000-01-01T00:00:00Z&to=2100-01-01T00:00:00Z"));
            assertEquals(404, status(http, base + "recordings/..%2Fcam1?from=2000-01-01T00:00:00Z&to=2100-01-01T00:00Z"));
            assertEquals(400, status(http, base + "recordings/cam1?from=yesterday&to=2100-01-01T00:00:00Z"));
            assertEquals(404, status(http, base + "export/cam1?from=2001-01-01T00:00:00Z&to=2001-01-01T00:01:00Z"));
        } finally {
            app.stop();
        }
    }

    private static int status(HttpClient http, String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private static List<String> values(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\":\"([^\"]+)\"").matcher(json);
        List<String> out = new java.util.ArrayList<>();
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    private static String probe(Path file, String entries, String... extra) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("-v", "error", "-select_streams", "v:0", "-show_entries",
                entries, "-of", "default=nw=1:nk=1"));
        cmd.addAll(List.of(extra));
        cmd.add(file.toString());
        Process p = Ffmpeg.cli(true, cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        p.waitFor();
        return out;
    }
}
