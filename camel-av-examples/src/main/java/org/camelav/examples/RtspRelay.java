package org.camelav.examples;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.camelav.component.AvConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RTSP in, RTSP out, re-encoded to H.264 with the options people pass libx264 for live relays
 * ({@code preset=fast}, {@code crf=28}, {@code tune=zerolatency}), as {@code codecOptions.*}.
 * <p>
 * H.264 encoder: {@code codec=h264} takes libx264 when the FFmpeg build has it (build with {@code -Dgpl}), else
 * libopenh264 (the default LGPL build). libopenh264 has no preset/crf/tune: FFmpeg ignores them and camel-av logs
 * "Encoder libopenh264 ignored options [preset, crf, tune]" (in any order); the relay works the same, at libopenh264's default rate
 * control.
 * <p>
 * Without arguments everything runs on 127.0.0.1 with no RTSP server: the bundled ffmpeg plays the camera and pushes
 * RTSP to the relay's input, which listens ({@code formatOptions.rtsp_flags=listen}); the relay pushes its output to
 * a second ffmpeg listening as a one-shot RTSP receiver that records {@code output/rtsp-relay/relayed.mkv}. Arguments:
 * {@code [seconds]} for that, or {@code <input rtsp url> <output rtsp url> [seconds]} for a real camera and server
 * (e.g. MediaMTX at {@code rtsp://127.0.0.1:8554/relay}).
 */
public final class RtspRelay {

    private static final Logger LOG = LoggerFactory.getLogger(RtspRelay.class);

    /** What a relay run did: frames relayed, the encoder used, and (local mode) the recording of the output. */
    public record Result(long frames, String encoder, Path recording, int receiverExit) {
    }

    private RtspRelay() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length >= 2) {
            relay(args[0], args[1], args.length > 2 ? Integer.parseInt(args[2]) : 30, 0);
        } else {
            runLocal(Path.of("output", "rtsp-relay"), args.length > 0 ? Integer.parseInt(args[0]) : 10);
        }
    }

    /** The relay's output endpoint: H.264 over RTSP/TCP with libx264's low-latency options. */
    static String outputUri(String rtspUrl) {
        return "av:" + rtspUrl + "?format=rtsp&formatOptions.rtsp_transport=tcp&codec=h264&gopSize=25"
               + "&codecOptions.preset=fast&codecOptions.crf=28&codecOptions.tune=zerolatency";
    }

    /**
     * Relays {@code input} to {@code output} for {@code seconds}, or until {@code maxFrames} frames when positive; returns
     * the frames relayed and the encoder's name.
     */
    public static Result relay(String input, String output, int seconds, long maxFrames) throws Exception {
        return relay("av:" + input + "?formatOptions.rtsp_transport=tcp" + (maxFrames > 0 ? "&maxFrames=" + maxFrames : ""),
                output, seconds, maxFrames > 0, null);
    }

    private static Result relay(String from, String output, int seconds, boolean bounded, Runnable started)
            throws Exception {
        AtomicLong frames = new AtomicLong();
        AtomicReference<String> encoder = new AtomicReference<>();
        CountDownLatch ended = new CountDownLatch(1);
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from(from).routeId("rtsp-relay")
                            .to(outputUri(output))
                            .process(e -> {
                                encoder.set(e.getMessage().getHeader(AvConstants.CODEC_NAME, String.class));
                                long n = frames.incrementAndGet();
                                if (n % 25 == 0) {
                                    LOG.info("relayed {} frames (t={}s) with {}", n,
                                            e.getMessage().getHeader(AvConstants.TIME), encoder.get());
                                }
                            })
                            .filter(header(AvConstants.END_OF_STREAM).isEqualTo(true))
                                .process(e -> ended.countDown());
                }
            });
            camel.start();
            if (started != null) {
                started.run();
            }
            ended.await(bounded ? seconds + 30L : seconds, TimeUnit.SECONDS);
            // stopping flushes the encoder and sends the RTSP TEARDOWN
        }
        LOG.info("Relayed {} frames to {} with {}", frames.get(), output, encoder.get());
        return new Result(frames.get(), encoder.get(), null, 0);
    }

    /**
     * The self-contained demo: local camera, relay, local receiver recording into {@code dir}/relayed.mkv; ends by
     * itself after {@code seconds} of video.
     */
    public static Result runLocal(Path dir, int seconds) throws Exception {
        Files.createDirectories(dir);
        Path recording = dir.resolve("relayed.mkv").toAbsolutePath();
        Files.deleteIfExists(recording);
        int inPort = Examples.freePort();
        int outPort = Examples.freePort();
        String in = "rtsp://127.0.0.1:" + inPort + "/camera";
        String out = "rtsp://127.0.0.1:" + outPort + "/relay";
        // the receiver: ffmpeg as a one-shot RTSP server taking one publisher, copying what it gets into a file
        Process receiver = Examples.startListeningFfmpeg(List.of("-nostdin", "-v", "error", "-y", "-rtsp_flags", "listen",
                "-listen_timeout", String.valueOf(seconds + 60), "-rtsp_transport", "tcp", "-i", out, "-c", "copy",
                recording.toString()), outPort, dir.resolve("receiver.log"));
        LocalCamera[] camera = new LocalCamera[1];
        try {
            long frames = seconds * 25L;
            String from = "av:" + in + "?formatOptions.rtsp_flags=listen&formatOptions.rtsp_transport=tcp"
                          + "&reconnect=false&maxFrames=" + frames;
            Result r = relay(from, out, seconds, true, () -> {
                try {
                    // the relay's input listens once the route has started its reader: then the camera may push
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
                    while (!Examples.listening(inPort) && System.nanoTime() < deadline) {
                        Thread.sleep(20);
                    }
                    camera[0] = LocalCamera.rtspPush(in, "640x360", 25, seconds + 5);
                } catch (Exception e) {
                    throw new IllegalStateException("Cannot start the local camera", e);
                }
            });
            int exit = Examples.awaitExit(receiver, 30);
            LOG.info("The receiver recorded {} (exit {})", recording, exit);
            return new Result(r.frames(), r.encoder(), recording, exit);
        } finally {
            if (camera[0] != null) {
                camera[0].close();
            }
            receiver.destroyForcibly();
        }
    }
}
