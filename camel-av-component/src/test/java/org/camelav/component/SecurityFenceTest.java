package org.camelav.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import org.apache.camel.Exchange;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.apache.camel.util.URISupport;
import org.apache.logging.log4j.Level;
import org.camelav.media.AvRefusedException;
import org.camelav.media.FfmpegLog;
import org.camelav.media.container.MediaInfo;
import org.camelav.testsupport.LogCapture;
import org.camelav.testsupport.TestMedia;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Untrusted media bodies against a secret clip on disk and an HTTP listener on 127.0.0.1 that records every request:
 * manifests, playlists and scripts in bodies read nothing and connect nowhere; URLs the route author wrote keep
 * working; passwords stay out of FFmpeg's bridged log lines and out of Camel's endpoint URIs.
 */
class SecurityFenceTest extends CamelTestSupport {

    private static final String USER = "camuser";
    private static final String PASSWORD = "S3cr3tPw42";

    private final Path secret = TestMedia.clip("secret-250.mp4", 25, 25, false).toAbsolutePath();
    private final CopyOnWriteArrayList<String> requests = new CopyOnWriteArrayList<>();
    private HttpServer http;
    private int port;

    @BeforeEach
    void listen() throws Exception {
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        byte[] clip = Files.readAllBytes(secret);
        http.createContext("/", x -> {
            requests.add(x.getRequestURI().toString());
            String auth = x.getRequestHeaders().getFirst("Authorization");
            boolean authPath = x.getRequestURI().getPath().startsWith("/auth/");
            String expected = "Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD)
                    .getBytes(StandardCharsets.UTF_8));
            if (authPath && !expected.equals(auth)) {
                x.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"cam\"");
                x.sendResponseHeaders(401, -1);
            } else if (x.getRequestURI().getPath().endsWith("clip.mp4")) {
                x.sendResponseHeaders(200, clip.length);
                x.getResponseBody().write(clip);
            } else {
                x.sendResponseHeaders(404, -1);
            }
            x.close();
        });
        http.start();
        port = http.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        http.stop(0);
    }

    private String dash() {
        return "<?xml version=\"1.0\"?><MPD xmlns=\"urn:mpeg:dash:schema:mpd:2011\" type=\"static\""
               + " mediaPresentationDuration=\"PT1S\" minBufferTime=\"PT1S\" profiles=\"urn:mpeg:dash:profile:isoff-on-demand:2011\">"
               + "<Period><AdaptationSet mimeType=\"video/mp4\"><Representation id=\"1\" bandwidth=\"100000\">"
               + "<BaseURL>file://" + secret + "</BaseURL></Representation><Representation id=\"2\""
               + " bandwidth=\"100000\"><BaseURL>http://127.0.0.1:" + port + "/dash-segment.mp4</BaseURL>"
               + "</Representation></AdaptationSet></Period></MPD>";
    }

    private Exchange send(String uri, Object body) {
        return template.send(uri, e -> e.getMessage().setBody(body));
    }

    /** The exchange failed with an AvRefusedException that names what was refused. */
    private static void assertRefused(Exchange e, String what, String named) {
        assertNotNull(e.getException(), what + " must fail, got " + e.getMessage().getBody());
        assertTrue(e.getException() instanceof AvRefusedException, what + ": " + e.getException());
        assertTrue(e.getException().getMessage().startsWith("Refused input: ")
                   && e.getException().getMessage().contains(named), what + ": " + e.getException().getMessage());
    }

    @Test
    void aDashManifestBodyReadsNoLocalFileAndConnectsNowhere() {
        byte[] mpd = dash().getBytes(StandardCharsets.UTF_8);
        String dash = "demuxer 'dash' opens other files or connections, which this input may not (allowReferences=true";
        assertRefused(send("av:body?operation=probe", mpd), "probe of a DASH byte[]", dash);
        assertRefused(send("av:body?operation=thumbnail", new ByteArrayInputStream(mpd)), "thumbnail of a DASH stream",
                dash);
        assertRefused(send("av:body?operation=transcode&format=mp4", mpd), "transcode of a DASH byte[]", dash);
        assertEquals(0, requests.size(), "connections: " + requests);
    }

    @Test
    void playlistsAndScriptsAsBodiesReadNoLocalFile() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "fence"));
        Path m3u8 = dir.resolve("inbox.m3u8");
        Files.writeString(m3u8, "#EXTM3U\n#EXT-X-TARGETDURATION:1\n#EXTINF:1.0,\n" + secret + "\n#EXT-X-ENDLIST\n");
        assertRefused(send("av:body?operation=thumbnail", m3u8.toFile()), "HLS playlist File body", "demuxer 'hls'");
        String concat = "ffconcat version 1.0\nfile '" + secret + "'\n";
        assertRefused(send("av:body?operation=probe", concat.getBytes(StandardCharsets.UTF_8)), "ffconcat body",
                "demuxer 'concat'");
        String sdp = "v=0\no=- 0 0 IN IP4 127.0.0.1\ns=x\nc=IN IP4 127.0.0.1\nt=0 0\nm=video 0 RTP/AVP 96\n"
                     + "a=rtpmap:96 H264/90000\n";
        assertRefused(send("av:body?operation=probe&timeout=2000", sdp.getBytes(StandardCharsets.UTF_8)), "SDP body",
                "demuxer 'sdp'");
        // the route author can open it up (FFmpeg's HLS demuxer reads MPEG-TS segments)
        Path ts = dir.resolve("segment.ts");
        if (!Files.exists(ts)) {
            org.camelav.testsupport.FfmpegCli.ffmpeg("-i", secret.toString(), "-c", "copy", "-f", "mpegts", ts.toString());
        }
        Path allowedList = dir.resolve("allowed.m3u8");
        Files.writeString(allowedList, "#EXTM3U\n#EXT-X-TARGETDURATION:1\n#EXTINF:1.0,\n" + ts.toAbsolutePath()
                                       + "\n#EXT-X-ENDLIST\n");
        Exchange allowed = send("av:body?operation=probe&allowReferences=true", allowedList.toFile());
        assertTrue(allowed.getException() == null, String.valueOf(allowed.getException()));
        assertEquals("mpeg4", allowed.getMessage().getBody(MediaInfo.class).streams().get(0).codecName(),
                "the segment the playlist names was read");
    }

    /** With the demuxer allowed, a File body still opens only itself: the refusal names the protocol and the list. */
    @Test
    void aRefusedNestedOpenNamesTheProtocol() throws Exception {
        Path list = Files.createDirectories(Path.of("target", "fence")).resolve("remote.m3u8");
        Files.writeString(list, "#EXTM3U\n#EXT-X-TARGETDURATION:1\n#EXTINF:1.0,\nhttp://127.0.0.1:" + port
                                + "/clip.mp4\n#EXT-X-ENDLIST\n");
        Exchange e = send("av:body?operation=probe&allowReferences=true", list.toFile());
        assertRefused(e, "HLS File body naming an http segment", "Protocol 'http' not on whitelist 'file'");
        assertTrue(e.getException().getMessage().contains("protocolWhitelist"), e.getException().getMessage());
        assertEquals(0, requests.size(), "connections: " + requests);
    }

    @Test
    void plainMediaBodiesAndAuthorsUrlsStillWork() throws Exception {
        Exchange body = send("av:body?operation=probe", Files.readAllBytes(secret));
        assertEquals(1, body.getMessage().getBody(MediaInfo.class).streams().size());
        Exchange url = template.request("av:http://127.0.0.1:" + port + "/clip.mp4?operation=probe", x -> {
        });
        assertTrue(url.getException() == null, String.valueOf(url.getException()));
        assertFalse(requests.isEmpty());
    }

    @Test
    void passwordsStayOutOfFfmpegsLogAndCamelsUris() throws Exception {
        FfmpegLog.Level before = FfmpegLog.getLevel();
        String basic = Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        try (LogCapture log = new LogCapture("org.camelav.ffmpeg")) {
            FfmpegLog.setLevel(FfmpegLog.Level.TRACE);
            Exchange userInfo = template.request("av:http://" + USER + ":" + PASSWORD + "@127.0.0.1:" + port
                                                 + "/auth/clip.mp4?operation=probe", x -> {
                                                 });
            assertTrue(userInfo.getException() == null, String.valueOf(userInfo.getException()));
            assertBodyHasNoCredentials(userInfo);
            assertTrue(log.count(Level.ALL, USER) > 0 || log.events().size() > 0, "FFmpeg logged the request");
            for (LogCapture.Event ev : log.events()) {
                assertFalse(ev.message().contains(PASSWORD) || ev.message().contains(basic), ev.message());
            }
        } finally {
            FfmpegLog.setLevel(before);
        }
        String uri = "av:http://127.0.0.1:" + port + "/auth/clip.mp4?operation=probe&username=" + USER
                     + "&password=RAW(" + PASSWORD + ")";
        Exchange options = template.request(uri, x -> {
        });
        assertTrue(options.getException() == null, String.valueOf(options.getException()));
        assertEquals(1, options.getMessage().getBody(MediaInfo.class).streams().size());
        assertBodyHasNoCredentials(options);
        for (org.apache.camel.Endpoint ep : context.getEndpoints()) {
            if (ep.getEndpointUri().contains("username")) {
                assertFalse(URISupport.sanitizeUri(ep.getEndpointUri()).contains(PASSWORD), ep.getEndpointUri());
                assertFalse(ep.toString().contains(PASSWORD), ep.toString());
            }
        }
    }

    /** The probe's MediaInfo and its JSON name the URL without user name or password (they are data downstream). */
    private void assertBodyHasNoCredentials(Exchange probe) {
        MediaInfo info = probe.getMessage().getBody(MediaInfo.class);
        assertEquals("http://127.0.0.1:" + port + "/auth/clip.mp4", info.name());
        String json = probe.getMessage().getBody(String.class).replace("\\/", "/"); // JSON may escape a slash
        assertTrue(json.contains("\"filename\":\"http://127.0.0.1:" + port + "/auth/clip.mp4\""), json);
        assertFalse(json.contains(PASSWORD) || json.contains(USER), json);
        assertFalse(info.toString().contains(PASSWORD), info.toString());
    }

    /** A password holding '@' (FFmpeg splits at the last one) that the server refuses: no log line nor error has it. */
    @Test
    void aRefusedPasswordWithAnAtStaysOutOfLogsAndErrors() {
        String wrong = "Wr0ng@pa55";
        FfmpegLog.Level before = FfmpegLog.getLevel();
        try (LogCapture log = new LogCapture("org.camelav")) {
            FfmpegLog.setLevel(FfmpegLog.Level.TRACE);
            Exchange e = template.request("av:http://" + USER + ":" + wrong + "@127.0.0.1:" + port
                                          + "/auth/clip.mp4?operation=probe", x -> {
                                          });
            assertNotNull(e.getException(), "the server refuses the password");
            assertTrue(requests.stream().anyMatch(r -> r.startsWith("/auth/")), "FFmpeg connected: " + requests);
            for (Throwable t = e.getException(); t != null; t = t.getCause()) {
                assertFalse(t.getMessage() != null && (t.getMessage().contains(wrong) || t.getMessage().contains("pa55")),
                        t.getMessage());
            }
            assertFalse(log.events().isEmpty());
            for (LogCapture.Event ev : log.events()) {
                assertFalse(ev.message().contains(wrong) || ev.message().contains("pa55"), ev.message());
            }
        } finally {
            FfmpegLog.setLevel(before);
        }
    }
}
