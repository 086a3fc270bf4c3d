package org.camelav.examples;

import java.io.File;
import java.nio.file.Files;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.camelav.component.AvConstants;
import org.camelav.media.AvException;
import org.camelav.recording.Timeline;
import org.camelav.recording.TimelineEntry;

/**
 * The recordings' timeline over HTTP, for the operator page: per camera, what was recorded between two times and a
 * range of it as one file. Only the cameras it is given are served, each from its own recording path (a request
 * names a camera, never a path):
 * <ul>
 * <li>{@code GET /api/recordings/{camera}?from=&to=}: {@code operation=list} as JSON (files, gaps, then events);</li>
 * <li>{@code GET /api/export/{camera}?from=&to=[&exact=true][&format=mkv]}: {@code operation=export}, the file as an
 * attachment;</li>
 * <li>{@code GET /api/timelapse/{camera}?from=&to=[&duration=seconds]}: {@code operation=timelapse}.</li>
 * <li>{@code GET /api/segment/{camera}?at=}: the recorded file that holds the instant {@code at} (404 when none
 * does), as recorded, with {@code Range} requests answered: what the page's timeline plays, so a click seeks in a
 * file that is already there (nothing remuxed); {@code X-Camel-Av-Segment-Start} says when the file starts, and
 * {@code X-Camel-Av-Segment-Zero} (seconds) the media time that start (its first picture) is at: with B-frames the
 * reorder delay, which an MP4 keeps as an empty edit that Chromium honours, so a player seeks to
 * {@code zero + (time - start)}.</li>
 * </ul>
 * {@code from}/{@code to} are ISO-8601 with a zone ({@code 2026-01-02T14:02:00Z}). Answers: 404 for a camera it does
 * not know or a range with nothing recorded, 400 for a bad time.
 */
public final class TimelineApi extends RouteBuilder {

    private final Map<String, String> recordings;

    /** @param recordings camera id to its recording path, as the record endpoint's URI has it (options ignored) */
    public TimelineApi(Map<String, String> recordings) {
        this.recordings = Map.copyOf(recordings);
    }

    @Override
    public void configure() {
        onException(IllegalArgumentException.class).handled(true)
                .setHeader(Exchange.HTTP_RESPONSE_CODE, constant(400))
                .setHeader(Exchange.CONTENT_TYPE, constant("text/plain; charset=utf-8"))
                .setBody(exceptionMessage());
        onException(AvException.class).handled(true)
                .setHeader(Exchange.HTTP_RESPONSE_CODE, constant(404))
                .setHeader(Exchange.CONTENT_TYPE, constant("text/plain; charset=utf-8"))
                .setBody(exceptionMessage());
        from("platform-http:/api/recordings/{camera}?httpMethodRestrict=GET").routeId("api-timeline")
                .process(e -> range(e))
                .toD("${exchangeProperty.recording}?operation=list")
                .setHeader(Exchange.CONTENT_TYPE, constant("application/json"))
                .process(e -> e.getMessage().setBody(e.getContext().getTypeConverter().mandatoryConvertTo(
                        String.class, e.getMessage().getBody(Timeline.class))));
        from("platform-http:/api/export/{camera}?httpMethodRestrict=GET").routeId("api-export")
                .process(e -> {
                    range(e);
                    String format = e.getMessage().getHeader("format", "mp4", String.class);
                    if (!format.matches("mp4|mkv|ts")) {
                        throw new IllegalArgumentException("format must be mp4, mkv or ts");
                    }
                    e.setProperty("options", "operation=export&exportFormat=" + format + "&exact="
                                             + "true".equals(e.getMessage().getHeader("exact", String.class)));
                })
                .toD("${exchangeProperty.recording}?${exchangeProperty.options}")
                .process(TimelineApi::attachment);
        from("platform-http:/api/timelapse/{camera}?httpMethodRestrict=GET").routeId("api-timelapse")
                .process(e -> {
                    range(e);
                    Object duration = e.getMessage().getHeader("duration");
                    if (duration != null) {
                        e.getMessage().setHeader(AvConstants.TIMELAPSE_DURATION, Double.valueOf(duration.toString()));
                    }
                })
                .toD("${exchangeProperty.recording}?operation=timelapse")
                .process(TimelineApi::attachment);
        from("platform-http:/api/segment/{camera}?httpMethodRestrict=GET").routeId("api-segment")
                .process(e -> {
                    Instant at = instant(e.getMessage().getHeader("at", String.class));
                    String byteRange = e.getMessage().getHeader("Range", String.class);
                    e.getMessage().setHeader("from", at.toString());
                    e.getMessage().setHeader("to", at.plusMillis(1).toString());
                    range(e);
                    e.setProperty("at", at);
                    e.setProperty("byteRange", byteRange);
                })
                .toD("${exchangeProperty.recording}?operation=list")
                .process(TimelineApi::segment);
    }

    private static Instant instant(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException | NullPointerException e) {
            throw new IllegalArgumentException("at is needed, ISO-8601 with a zone");
        }
    }

    /**
     * The listed file that holds the instant, served as recorded with Range requests: a path from the recording's own
     * index, never from the request; a file deleted since it was listed is 404 too.
     */
    private static void segment(Exchange e) throws java.io.IOException {
        Instant at = e.getProperty("at", Instant.class);
        TimelineEntry file = e.getMessage().getBody(Timeline.class).files().stream()
                .filter(f -> f.end().isAfter(at)).findFirst().orElse(null);
        if (file == null || !Files.isRegularFile(file.path())) {
            throw new AvException("Nothing recorded at " + at, 0, null);
        }
        Message m = e.getMessage();
        m.setBody(null);
        copy(e, "Range", e.getProperty("byteRange", String.class));
        m.setHeader("X-Camel-Av-Segment-Start", file.start().toString());
        String range = e.getProperty("byteRange", String.class);
        if (range == null || range.replace(" ", "").startsWith("bytes=0-")) {
            // read from the file (an FFmpeg open): only for a request from its start, not for each chunk a player asks
            try {
                m.setHeader("X-Camel-Av-Segment-Zero", String.valueOf(file.zero()));
            } catch (AvException unreadable) {
                // a file FFmpeg cannot open is served all the same (the player says what it makes of it); no zero
            }
        }
        m.setHeader("Cache-Control", "no-cache");
        String name = file.path().getFileName().toString();
        RecordingFiles.serve(e, file.path(), name.endsWith(".mkv") ? "video/x-matroska"
                : name.endsWith(".ts") ? "video/mp2t" : "video/mp4");
    }

    /**
     * The camera's recording path into a property (from the map, never from the request) and the range into
     * CamelAvFrom/CamelAvTo; the request's other headers go, so none reaches the av: endpoint.
     */
    private void range(Exchange e) {
        String camera = e.getMessage().getHeader("camera", String.class);
        String path = camera == null ? null : recordings.get(camera);
        if (path == null) {
            throw new AvException("No recordings of camera " + camera, 0, null);
        }
        String from = e.getMessage().getHeader("from", String.class);
        String to = e.getMessage().getHeader("to", String.class);
        if (from == null || to == null) {
            throw new IllegalArgumentException("from and to are needed, ISO-8601 with a zone");
        }
        String format = e.getMessage().getHeader("format", String.class);
        String exact = e.getMessage().getHeader("exact", String.class);
        String duration = e.getMessage().getHeader("duration", String.class);
        e.getMessage().removeHeaders("*");
        e.getMessage().setHeader(AvConstants.FROM, from);
        e.getMessage().setHeader(AvConstants.TO, to);
        copy(e, "format", format);
        copy(e, "exact", exact);
        copy(e, "duration", duration);
        e.getMessage().setBody(null);
        // toD would parse a path's own '?' and '%' escapes: the path is ours, written as the record endpoint has it
        int q = path.indexOf('?');
        e.setProperty("recording", (path.startsWith("av:") ? "" : "av:") + (q < 0 ? path : path.substring(0, q)));
    }

    private static void copy(Exchange e, String name, String value) {
        if (value != null) {
            e.getMessage().setHeader(name, value);
        }
    }

    /**
     * The made file as a download: its name from CamelFileName, streamed from disk. The stream is open before the
     * exchange completes and deletes the file, so the bytes stay readable until it is sent.
     */
    private static void attachment(Exchange e) throws java.io.IOException {
        String name = e.getMessage().getHeader(Exchange.FILE_NAME, String.class);
        File file = e.getMessage().getBody(File.class);
        e.getMessage().setHeader(Exchange.CONTENT_TYPE, name.endsWith(".mkv") ? "video/x-matroska"
                : name.endsWith(".ts") ? "video/mp2t" : "video/mp4");
        e.getMessage().setHeader("Content-Disposition", "attachment; filename=\"" + name + "\"");
        e.getMessage().setBody(RecordingFiles.stream(file.toPath(), 0, file.length()));
    }
}
