package org.camelav.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.model.RouteDefinition;
import org.camelav.media.container.Timestamps;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Options FFmpeg would reject fail the route when it starts, naming the option, not at the first exchange. */
class AvOptionValidationTest {

    /** The message chain of the failure to start a context whose only route uses {@code uri}. */
    private static String startFailure(String uri, boolean consumer) {
        CamelContext ctx = new DefaultCamelContext();
        Exception e = assertThrows(Exception.class, () -> {
            try (ctx) {
                ctx.addRoutes(new RouteBuilder() {
                    @Override
                    public void configure() {
                        RouteDefinition route = consumer ? from(uri) : from("direct:in");
                        route.to(consumer ? "mock:out" : uri);
                    }
                });
                ctx.start();
            }
        }, uri + " started");
        StringBuilder messages = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append(" | ");
        }
        return messages.toString();
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "av:in.mp4?mode=bogus;                    true;  mode",
            "av:in.mp4?pixelFormat=bgr25;             true;  pixelFormat=bgr25",
            "av:in.mp4?sampleFormat=s17;              true;  sampleFormat=s17",
            "av:in.mp4?width=-1;                      true;  width=-1",
            "av:in.mp4?height=-2;                     true;  height=-2",
            "av:out.mp4?operation=bogus;              false; operation",
            "av:out.mp4?pixelFormat=nosuchformat;     false; pixelFormat=nosuchformat",
            "av:out.mp4?frameRate=fast;               false; frameRate=fast",
            "av:out.mp4?frameRate=25/0;               false; frameRate=25/0",
            "av:out.mp4?frameRate=-25;                false; frameRate=-25",
            "av:in.mp4?operation=thumbnail&imageFormat=gif; false; imageFormat=gif",
            "av:in.mp4?operation=thumbnail&quality=0;       false; quality=0",
            "av:in.mp4?operation=thumbnail&quality=101;     false; quality=101",
            "av:body?operation=transcode;             false; format",
            "av:out.mp4?passes=2;                     false; passes=2",
            "av:out.mp4?operation=transcode&passes=3; false; passes=3",
            "av:rec-%H.mp4?record=true&segmentClock=gps;     false; segmentClock=gps",
            "av:rec-%H.mp4?record=true&segmentDuration=0;    false; segmentDuration=0",
            "av:rec-%H.mp4?clip=true&preRoll=-1;             false; preRoll=-1",
            "av:rec-%H.mp4?record=true&clip=true;            false; options record=true and clip=true cannot",
            "av:rec-%H.mp4?record=true&operation=probe;      false; options record=true or clip=true and operation=probe",
            "av:in.mp4?mode=packets&latestFrame=true;        true;  options latestFrame=true and mode=packets cannot",
            "av:in.mp4?zeroCopy=true&mode=packets;           true;  options zeroCopy=true and mode=packets cannot",
            "av:in.mp4?mode=packets&filter=hflip;            true;  options filter and mode=packets cannot",
            "av:in.mp4?mode=packets&audioFilter=volume=2;    true;  options audioFilter and mode=packets cannot",
            "av:in.mp4?bsf=h264_mp4toannexb;                 true;  options bsf or audioBsf and mode=frames cannot",
            "av:rec-%Q.mp4?record=true;                      false; %Q",
            "av:in.mp4?maxFrames=abc;                 true;  maxFrames=abc is not a whole number",
            "av:in.mp4?timeout=abc;                   true;  timeout=abc is not a whole number of milliseconds",
            "av:in.mp4?width=abc;                     true;  width=abc is not a whole number",
            "av:out.mp4?gopSize=12x;                  false; gopSize=12x",
            "av:in.mp4?maxFrames=5s;                  true;  maxFrames=5s",
            "av:in.mp4?timeout=5 seconds;             true;  timeout",
            "av:in.mp4?reconnectDelay=abc;            true;  reconnectDelay",
            "av:in.mp4?startTime=abc;                 true;  startTime",
            "av:in.mp4?noSuchOption=1;                true;  noSuchOption" })
    void invalidOptionFailsTheRouteAtStartNamingIt(String uri, boolean consumer, String named) {
        String failure = startFailure(uri, consumer);
        assertTrue(failure.contains(named), "'" + named + "' in: " + failure);
    }

    @Test
    void theTranscodeOfABodyNamesTheMissingFormat() {
        String failure = startFailure("av:body?operation=transcode", false);
        assertTrue(failure.contains("av:body?operation=transcode needs format="), failure);
    }

    @Test
    void millisecondOptionsTakeNumbersAndCamelDurations() throws Exception {
        try (CamelContext ctx = new DefaultCamelContext()) {
            ctx.start();
            AvConfiguration c = ctx.getEndpoint("av:in.mp4?timeout=5s&reconnectMaxDelay=1m30s&stopTimeout=250&maxFrames=-0"
                    + "&reconnectAttempts=-1", AvEndpoint.class).getConfiguration();
            assertEquals(5_000, c.getTimeout());
            assertEquals(90_000, c.getReconnectMaxDelay());
            assertEquals(250, c.getStopTimeout());
            assertEquals(0, c.getMaxFrames());
            assertEquals(-1, c.getReconnectAttempts());
        }
    }

    @Test
    void enumOptionsTakeTheValuesUsersAlreadyWrite() throws Exception {
        try (CamelContext ctx = new DefaultCamelContext()) {
            ctx.start();
            AvConfiguration c = ctx.getEndpoint("av:in.mp4?mode=packets&operation=probe&timestamps=WALLCLOCK",
                    AvEndpoint.class).getConfiguration();
            assertEquals(AvMode.PACKETS, c.getMode());
            assertEquals(AvOperation.PROBE, c.getOperation());
            assertEquals(Timestamps.WALLCLOCK, c.getTimestamps());
            AvConfiguration defaults = ctx.getEndpoint("av:in.mp4", AvEndpoint.class).getConfiguration();
            assertEquals(AvMode.FRAMES, defaults.getMode());
            assertEquals(AvOperation.WRITE, defaults.getOperation());
            assertEquals(Timestamps.SOURCE, defaults.getTimestamps());
            assertEquals(AvOperation.THUMBNAIL,
                    ctx.getEndpoint("av:in.mp4?operation=thumbnail", AvEndpoint.class).getConfiguration().getOperation());
            assertEquals(AvOperation.TRANSCODE, ctx.getEndpoint("av:out.webm?operation=transcode", AvEndpoint.class)
                    .getConfiguration().getOperation());
        }
    }

    @Test
    void validOptionsStart() throws Exception {
        try (CamelContext ctx = new DefaultCamelContext()) {
            ctx.start();
            AvEndpoint ep = ctx.getEndpoint("av:out.mp4?pixelFormat=yuv420p&frameRate=30000/1001&width=0&quality=1"
                                            + "&imageFormat=png&sampleFormat=fltp", AvEndpoint.class);
            assertEquals("yuv420p", ep.options().writer().encoding().pixelFormat());
            assertEquals("30000/1001", ep.options().writer().encoding().frameRate());
        }
    }
}
