package org.camelav.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** The one masker: FFmpeg's last-@ split of user info, Camel's mask text, options, headers and echoed passwords. */
class UrlMaskerTest {

    @Test
    void userInfoEndsAtTheLastAtBeforeTheHostAsInFfmpeg() {
        assertEquals("rtsp://admin:xxxxxx@cam.local/live", UrlMasker.mask("rtsp://admin:p@ss@cam.local/live"));
        assertEquals("p@ss", UrlMasker.password("rtsp://admin:p@ss@cam.local/live"));
        assertEquals("av:rtsp://admin:xxxxxx@127.0.0.1:8554/x?mode=packets",
                UrlMasker.mask("av:rtsp://admin:secret@127.0.0.1:8554/x?mode=packets"));
        // an @ in the path is no user info
        assertEquals("http://host/a@b", UrlMasker.mask("http://host/a@b"));
        assertEquals("rtsp://cam:554/live", UrlMasker.mask("rtsp://cam:554/live"));
        assertEquals("rtsp://tokenonly@cam/live", UrlMasker.mask("rtsp://tokenonly@cam/live"));
        assertNull(UrlMasker.password("rtsp://cam:554/live"));
    }

    @Test
    void everyUrlOfALogLineIsMasked() {
        String line = "Opening 'http://u:a@b@h1' for reading, then 'rtsp://v:c:d@h2:554/x' and http://h3/";
        String masked = UrlMasker.mask(line);
        assertFalse(masked.contains("a@b") || masked.contains("c:d"), masked);
        assertEquals("Opening 'http://u:xxxxxx@h1' for reading, then 'rtsp://v:xxxxxx@h2:554/x' and http://h3/",
                masked);
    }

    @Test
    void secretOptionsAndRawValues() {
        assertEquals("av:http://h/x?operation=probe&username=alice&password=xxxxxx&mode=packets",
                UrlMasker.mask("av:http://h/x?operation=probe&username=alice&password=RAW(s3c&ret)&mode=packets"));
        assertEquals("https://h/seg.ts?token=xxxxxx&X-Amz-Signature=xxxxxx",
                UrlMasker.mask("https://h/seg.ts?token=abc&X-Amz-Signature=f00d"));
        assertEquals("formatOptions.passphrase=xxxxxx", UrlMasker.mask("formatOptions.passphrase=RAW{k&y}"));
        // words that merely contain a secret's name are left alone
        assertEquals("av:x.mp4?filter=gblur=sigma=2&design=a&signal=1",
                UrlMasker.mask("av:x.mp4?filter=gblur=sigma=2&design=a&signal=1"));
    }

    @Test
    void authorizationHeaders() {
        String headers = "request: GET /x HTTP/1.1\r\nAuthorization: Basic YWxpY2U6czNjcmV0\r\n"
                         + "Proxy-Authorization: Bearer abc.def\r\nHost: h\r\n";
        String masked = UrlMasker.mask(headers);
        assertEquals("request: GET /x HTTP/1.1\r\nAuthorization: xxxxxx\r\nProxy-Authorization: xxxxxx\r\nHost: h\r\n",
                masked);
    }

    @Test
    void aPasswordEchoedOutsideTheUrl() {
        String url = "rtsp://admin:p%40ss%2Fw0rd@cam.local/live";
        assertEquals("Failed to resolve 'xxxxxx' and 'xxxxxx' [rtsp://admin:xxxxxx@cam.local/live]",
                UrlMasker.mask("Failed to resolve 'p@ss/w0rd' and 'p%40ss%2Fw0rd' [" + url + "]", url));
        OpenedSecrets.remember("http://bob:Zebra!42@cam/x");
        assertEquals("Invalid port 'xxxxxx'", FfmpegLog.maskSecrets("Invalid port 'Zebra!42'"));
        // FfmpegLog has no regex of its own: the same result as the masker
        String line = "Opening 'http://bob:pa@ss@h/x?sig=1' Authorization: Basic Zm9v";
        assertEquals(UrlMasker.mask(line), FfmpegLog.maskSecrets(line));
    }

    @Test
    void anExceptionMasksTheUrlAndWhatFfmpegEchoed() {
        AvException e = new AvException("Cannot open input: host 'ss@cam.local' from p@ss@cam", -5,
                "rtsp://admin:p@ss@cam.local/live");
        assertFalse(e.getMessage().contains("p@ss"), e.getMessage());
        assertEquals("rtsp://admin:xxxxxx@cam.local/live", e.getUrl());
    }
}
