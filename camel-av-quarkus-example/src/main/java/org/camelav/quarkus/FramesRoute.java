package org.camelav.quarkus;

import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.builder.RouteBuilder;
import org.camelav.component.AvConstants;

/**
 * The frame loop on Quarkus: FFmpeg's testsrc2 decoded to bgr24, each frame counted and every 25th logged, then
 * encoded into an MP4 by a second av: endpoint. Source, length and output come from application.properties, and so
 * does the av component's log level ({@code camel.component.av.log-level}, bound by Camel Quarkus' camel-main).
 */
@ApplicationScoped
public class FramesRoute extends RouteBuilder {

    private final AtomicLong frames = new AtomicLong();

    public long frames() {
        return frames.get();
    }

    @Override
    public void configure() {
        from("av:{{app.source}}?format=lavfi&pixelFormat=bgr24&maxFrames={{app.frames}}").routeId("av-frames")
                .process(e -> frames.incrementAndGet())
                .filter(simple("${header.CamelAvKeyFrame} && ${header.CamelAvFrameIndex} < 3"))
                    .log("frame ${header.CamelAvFrameIndex} t=${header.CamelAvTime}s ${header.CamelAvWidth}x"
                         + "${header.CamelAvHeight} ${header.CamelAvPixelFormat}")
                .end()
                .to("av:{{app.output}}?codec=mpeg4&bitRate=2000000")
                .filter(header(AvConstants.END_OF_STREAM).isEqualTo(true))
                    .log("end of the source after ${header.CamelAvFrameIndex} frames; the MP4 is finished when the"
                         + " application stops");
    }
}
