package org.camelav.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/** What users write in URIs reaches FFmpeg exactly as ffmpeg's command line would take it. */
class AvUriTest {

    private static AvEndpoint endpoint(String uri) throws Exception {
        try (CamelContext ctx = new DefaultCamelContext()) {
            ctx.start();
            return ctx.getEndpoint(uri, AvEndpoint.class);
        }
    }

    @Test
    void plusSignsSurviveForFfmpegFlags() throws Exception {
        AvEndpoint ep = endpoint("av:/tmp/out.mp4?formatOptions.movflags=+faststart&formatOptions.fflags=+genpts");
        assertEquals("+faststart", ep.getConfiguration().getFormatOptions().get("movflags"));
        assertEquals("+genpts", ep.getConfiguration().getFormatOptions().get("fflags"));
    }

    @Test
    void imageSequencePatternIsDecodedOnce() throws Exception {
        assertEquals("/tmp/frames/frame-%03d.png", endpoint("av:/tmp/frames/frame-%2503d.png").getUrl());
    }

    @Test
    void imageSequencePatternAsFfmpegUsersWriteIt() throws Exception {
        assertEquals("/tmp/thumbs/k%04d.jpg", endpoint("av:/tmp/thumbs/k%04d.jpg").getUrl());
        assertEquals("/tmp/thumbs/k%d-%3d.jpg", endpoint("av:/tmp/thumbs/k%d-%3d.jpg").getUrl());
        assertEquals("/tmp/a b/%03d.png", endpoint("av:/tmp/a%20b/%2503d.png").getUrl());
        assertEquals("/tmp/k%04d.jpg", endpoint("av:thumbs?url=/tmp/k%04d.jpg").getUrl());
    }

    @Test
    void controlCharacterInPathFailsAtCreation() {
        Exception e = assertThrows(Exception.class, () -> endpoint("av:/tmp/thumbs/k%04x.jpg"));
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        assertTrue(root instanceof IllegalArgumentException, root.toString());
        assertTrue(root.getMessage().contains("control character U+0004"), root.getMessage());
    }

    @Test
    void lavfiGraphAndFilterValues() throws Exception {
        AvEndpoint ep = endpoint("av:testsrc2=size=640x480:rate=30?format=lavfi&filter=fps=5,scale=320:-1");
        assertEquals("testsrc2=size=640x480:rate=30", ep.getUrl());
        assertEquals("fps=5,scale=320:-1", ep.getConfiguration().getFilter());
    }

    @Test
    void rawValuesKeepAmpersandsAndPlus() throws Exception {
        AvEndpoint ep = endpoint("av:rtsp://cam/stream?formatOptions.user_agent=RAW(a&b+c=d)");
        assertEquals("a&b+c=d", ep.getConfiguration().getFormatOptions().get("user_agent"));
    }

    @Test
    void urlWithItsOwnQueryGoesInRawUrlOption() throws Exception {
        AvEndpoint ep = endpoint("av:cam1?url=RAW(rtsp://127.0.0.1:8554/live?channel=1&subtype=0)&mode=packets");
        assertEquals("rtsp://127.0.0.1:8554/live?channel=1&subtype=0", ep.getUrl());
        assertEquals(AvMode.PACKETS, ep.getConfiguration().getMode());
    }

    @Test
    void percentEncodedValuesAreDecoded() throws Exception {
        assertEquals("scale=64:-1", endpoint("av:/tmp/in.mp4?filter=scale%3D64:-1").getConfiguration().getFilter());
    }

    @Test
    void invalidModeIsRejected() {
        assertThrows(Exception.class, () -> endpoint("av:/tmp/in.mp4?mode=bogus"));
    }
}
