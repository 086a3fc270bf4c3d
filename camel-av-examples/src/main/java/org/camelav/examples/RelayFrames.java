package org.camelav.examples;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

import org.camelav.component.AvConstants;
import org.camelav.media.video.VideoFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Relay frames: every decoded frame goes through a callback, then into another container, re-encoded — PyAV's
 * decode / {@code on_frame(frame)} / {@code output.mux(stream.encode(frame))} loop. The callback here marks each frame
 * (a white {@value #MARK}x{@value #MARK} square in the top-left corner, drawn into the {@code bgr24} pixels) so the
 * output shows it ran on every frame; timestamps pass through unchanged.
 * <p>
 * Arguments: output file (default {@code output/relay-frames/relayed.mkv}), input video (default: a generated 4 s
 * testsrc2 clip).
 */
public final class RelayFrames {

    private static final Logger LOG = LoggerFactory.getLogger(RelayFrames.class);

    /** Side of the square the callback draws. */
    public static final int MARK = 32;

    private RelayFrames() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "output/relay-frames/relayed.mkv");
        run(args.length > 1 ? Path.of(args[1]) : null, out);
    }

    /** Relays {@code input} (null: a generated clip next to {@code out}) into {@code out}; returns the callback count. */
    public static long run(Path input, Path out) throws Exception {
        Path dir = out.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path source = input != null ? input : Examples.generateClip(dir.resolve("source.mp4"), 4, 25, "640x360");
        Files.deleteIfExists(out);
        AtomicLong calls = new AtomicLong();
        // zeroCopy: no copy into Java memory unless a callback asks for the pixels (this one does, to draw on them)
        Examples.runToEnd("av:" + source + "?pixelFormat=bgr24&zeroCopy=true", route -> route
                .process(e -> {
                    VideoFrame frame = e.getMessage().getBody(VideoFrame.class);
                    onFrame(frame);
                    long n = calls.incrementAndGet();
                    if (n % 25 == 1) {
                        LOG.info("callback on frame {} pts={} {}", e.getMessage().getHeader(AvConstants.FRAME_INDEX),
                                frame.pts(), frame);
                    }
                })
                .to("av:" + out + "?codec=mpeg4&bitRate=4000000&maxBFrames=0"));
        LOG.info("Relayed {} frames of {} into {}", calls.get(), source, out);
        return calls.get();
    }

    /**
     * The per-frame callback: paints the top-left square white, in place ({@code data()} is the frame's pixels, also
     * for a zeroCopy frame, whose array is made on that first call).
     */
    static void onFrame(VideoFrame frame) {
        byte[] bgr = frame.data();
        int stride = frame.width() * 3;
        for (int y = 0; y < Math.min(MARK, frame.height()); y++) {
            java.util.Arrays.fill(bgr, y * stride, y * stride + Math.min(MARK, frame.width()) * 3, (byte) 255);
        }
    }
}
