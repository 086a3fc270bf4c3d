package org.camelav.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A misspelt option on a network URL would silently go to the camera in its query (issue 32 §4): the route fails as
 * it is created, naming the option meant, while the camera's own parameters still go through.
 */
class UriTyposTest {

    /** The route's start-up failure, down to its root message. */
    private static String routeFailure(String uri) throws Exception {
        try (CamelContext ctx = new DefaultCamelContext()) {
            ctx.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from(uri).routeId("cam").to("log:frames");
                }
            });
            Exception e = assertThrows(Exception.class, ctx::start, uri);
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            assertEquals(0, ctx.getRoutes().size(), "no route started");
            return root.getMessage();
        }
    }

    /** The ten misspellings most likely in camera routes: a letter dropped, doubled, swapped, a wrong case. */
    @ParameterizedTest
    @CsvSource({
        "maxFrame=10, maxFrames",
        "MaxFrame=10, maxFrames",
        "timout=5000, timeout",
        "reconect=true, reconnect",
        "reconectDelay=500, reconnectDelay",
        "formatOption.rtsp_transport=tcp, formatOptions.rtsp_transport",
        "codecOption.preset=fast, codecOptions.preset",
        "pixFormat=bgr24, pixelFormat",
        "widht=640, width",
        "skipFrames=NONKEY, skipFrame",
    })
    void aTypoFailsTheRouteNamingTheOption(String param, String meant) throws Exception {
        String name = param.substring(0, param.indexOf('='));
        String message = routeFailure("av:rtsp://127.0.0.1:8554/live?channel=1&" + param + "&subtype=0");
        assertTrue(message.contains(name + " is no av option: did you mean " + meant + "?"), message);
        assertTrue(message.contains("url=RAW(rtsp://127.0.0.1:8554/live?" + name + "=...)"), message);
    }

    @Test
    void aTypoOnAFileNamesTheOptionToo() throws Exception {
        String message = routeFailure("av:/tmp/in.mp4?maxFrame=10");
        assertTrue(message.contains("maxFrame is no av option: did you mean maxFrames?"), message);
    }

    @Test
    void theSuggestionMasksAPassword() throws Exception {
        String message = routeFailure("av:rtsp://admin:s3cret@127.0.0.1:8554/live?timout=5000");
        assertTrue(message.contains("did you mean timeout?"), message);
        assertFalse(message.contains("s3cret"), message);
    }

    /** Real queries: Dahua's channel/subtype, Axis' media.amp, go2rtc's src (a valueless mp4), a signed CDN URL. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "rtsp://127.0.0.1:8554/cam/realmonitor?channel=1&subtype=0",
        "rtsp://127.0.0.1/axis-media/media.amp?videocodec=h264&resolution=640x480&fps=15&camera=1&streamprofile=low",
        "http://127.0.0.1:1984/api/stream.mp4?src=garage&mp4&video&audio",
        "https://cdn.example/live/index.m3u8?Expires=1767225600&Signature=a1b2&Key-Pair-Id=K2&token=abc",
        "rtsp://127.0.0.1/live?user=admin&pwd=x&inst=2&h26x=4&mute=1&uid=7",
    })
    void cameraParametersGoToTheServerAsWritten(String url) throws Exception {
        try (CamelContext ctx = new DefaultCamelContext()) {
            ctx.start();
            AvEndpoint ep = ctx.getEndpoint("av:" + url + "&maxFrames=3", AvEndpoint.class);
            assertEquals(url, ep.getUrl());
            assertEquals(3, ep.getConfiguration().getMaxFrames());
        }
    }

    /** The documented way to send the camera a parameter that looks like an av option. */
    @Test
    void aNameThatLooksLikeAnOptionGoesInTheUrlOption() throws Exception {
        try (CamelContext ctx = new DefaultCamelContext()) {
            ctx.start();
            AvEndpoint ep = ctx.getEndpoint("av:cam1?url=RAW(rtsp://127.0.0.1/live?maxFrame=10&timeout=3)&maxFrames=5",
                    AvEndpoint.class);
            assertEquals("rtsp://127.0.0.1/live?maxFrame=10&timeout=3", ep.getUrl());
            assertEquals(5, ep.getConfiguration().getMaxFrames());
        }
    }
}
