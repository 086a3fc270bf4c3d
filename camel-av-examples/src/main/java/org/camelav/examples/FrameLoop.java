package org.camelav.examples;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.camelav.component.AvConstants;
import org.camelav.media.video.VideoFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PyAV's "video player" loop as a route: every decoded frame reaches a processor as tightly packed {@code bgr24} pixels
 * (what {@code frame.to_ndarray(format='bgr24')} gives OpenCV), with its index, pts, time and size logged.
 * <pre>
 * for frame in container.decode(video=0):
 *     img = frame.to_ndarray(format='bgr24')   # here: exchange body as byte[], width * height * 3
 * </pre>
 * Arguments: input video (default: a generated 5 s testsrc2 clip in {@code output/frame-loop}).
 */
public final class FrameLoop {

    private static final Logger LOG = LoggerFactory.getLogger(FrameLoop.class);

    /** What the processor saw of one frame. */
    public record Seen(long index, Long pts, Double time, int width, int height, String pixelFormat, int bytes,
            int firstB, int firstG, int firstR) {
    }

    private FrameLoop() {
    }

    public static void main(String[] args) throws Exception {
        Path input = args.length > 0 ? Path.of(args[0])
                : Examples.generateClip(Path.of("output", "frame-loop", "source.mp4"), 5, 25, "640x360");
        run(input);
    }

    /** Plays {@code input} through the route and returns what the processor saw, frame by frame. */
    public static List<Seen> run(Path input) throws Exception {
        List<Seen> seen = Collections.synchronizedList(new ArrayList<>());
        Examples.runToEnd("av:" + input + "?pixelFormat=bgr24", route -> route
                .process(e -> {
                    // the pixels, as OpenCV would take them: rows of B, G, R bytes, no padding
                    byte[] bgr = e.getMessage().getBody(byte[].class);
                    VideoFrame frame = e.getMessage().getBody(VideoFrame.class);
                    Seen s = new Seen(e.getMessage().getHeader(AvConstants.FRAME_INDEX, Long.class),
                            e.getMessage().getHeader(AvConstants.PTS, Long.class),
                            e.getMessage().getHeader(AvConstants.TIME, Double.class), frame.width(), frame.height(),
                            frame.pixelFormat(), bgr.length, bgr[0] & 0xff, bgr[1] & 0xff, bgr[2] & 0xff);
                    seen.add(s);
                    LOG.info("frame {} pts={} time={}s {}x{} {} {} bytes", s.index(), s.pts(),
                            String.format("%.3f", s.time()), s.width(), s.height(), s.pixelFormat(), s.bytes());
                }));
        LOG.info("Played {} frames of {}", seen.size(), input);
        return List.copyOf(seen);
    }
}
