package org.camelav.examples;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.camelav.component.AvConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fast, low-latency live reader, the settings people reach for with PyAV ({@code options={'fflags': 'nobuffer'}},
 * {@code codec_context.flags = 'LOW_DELAY'}, {@code thread_type = 'AUTO'}) as URI options, with frames delivered as
 * {@code bgr24} scaled to 1280x720. Each frame's latency is logged: how much longer it took to reach the route than
 * the quickest frame of the run, measured against their timestamps (arrival minus media time, minus the smallest such
 * difference) — the delay that buffering and decoding add; it stays near zero when nothing queues up.
 * <p>
 * {@code fflags=nobuffer} discards the packets FFmpeg reads while it probes the input: right for a live source (they
 * are stale by the time probing ends), wrong for a file, which would lose its first frames.
 * <p>
 * Arguments: live URL (default: a local 640x360 HTTP MPEG-TS camera served by the bundled ffmpeg), seconds (default
 * 10).
 */
public final class LowLatencyReader {

    private static final Logger LOG = LoggerFactory.getLogger(LowLatencyReader.class);

    /** One delivered frame: its index and media time, its latency in ms, and what was delivered. */
    public record Sample(long index, double time, double latencyMillis, int width, int height, String pixelFormat,
            int bytes, long arrivalNanos) {
    }

    private LowLatencyReader() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        if (args.length > 0 && !args[0].isBlank()) {
            run(args[0], seconds, 0);
        } else {
            try (LocalCamera camera = LocalCamera.http("640x360", 25, seconds + 10)) {
                run(camera.url(), seconds, seconds * 25L);
            }
        }
    }

    /** The low-latency options, as they go on any live URL. */
    static String uri(String url, long maxFrames) {
        return "av:" + url + "?formatOptions.fflags=nobuffer&lowDelay=true&threadType=AUTO"
               + "&pixelFormat=bgr24&width=1280&height=720" + (maxFrames > 0 ? "&maxFrames=" + maxFrames : "");
    }

    /** Reads {@code url} for {@code seconds} (or until {@code maxFrames} frames, when positive) and returns the frames. */
    public static List<Sample> run(String url, int seconds, long maxFrames) throws Exception {
        List<Sample> samples = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch ended = new CountDownLatch(1);
        // smallest (arrival - media time) so far: the frame that waited least; latency is how much longer others waited
        double[] best = { Double.MAX_VALUE };
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from(uri(url, maxFrames)).routeId("low-latency-reader")
                            .process(e -> {
                                long now = System.nanoTime();
                                byte[] bgr = e.getMessage().getBody(byte[].class);
                                long index = e.getMessage().getHeader(AvConstants.FRAME_INDEX, Long.class);
                                Double t = e.getMessage().getHeader(AvConstants.TIME, Double.class);
                                double time = t == null ? 0 : t;
                                double offset = now / 1e6 - time * 1000;
                                best[0] = Math.min(best[0], offset);
                                Sample s = new Sample(index, time, offset - best[0],
                                        e.getMessage().getHeader(AvConstants.WIDTH, Integer.class),
                                        e.getMessage().getHeader(AvConstants.HEIGHT, Integer.class),
                                        e.getMessage().getHeader(AvConstants.PIXEL_FORMAT, String.class), bgr.length, now);
                                samples.add(s);
                                LOG.info("frame {} t={}s {}x{} {} latency {} ms", index, String.format("%.3f", time),
                                        s.width(), s.height(), s.pixelFormat(), String.format("%.1f", s.latencyMillis()));
                            })
                            .filter(header(AvConstants.END_OF_STREAM).isEqualTo(true))
                                .process(e -> ended.countDown());
                }
            });
            camel.start();
            // a frame budget ends by itself (with slack for a busy machine); otherwise read for the given time
            ended.await(maxFrames > 0 ? seconds + 30L : seconds, TimeUnit.SECONDS);
        }
        if (samples.isEmpty()) {
            return List.of();
        }
        // against the best frame of the whole run, so early frames are not judged by a baseline found later
        List<Sample> result = samples.stream().map(s -> new Sample(s.index(), s.time(),
                s.arrivalNanos() / 1e6 - s.time() * 1000 - best[0], s.width(), s.height(), s.pixelFormat(), s.bytes(),
                s.arrivalNanos())).toList();
        double[] lat = result.stream().mapToDouble(Sample::latencyMillis).sorted().toArray();
        LOG.info("{} frames, latency median {} ms, 95th percentile {} ms, max {} ms", lat.length,
                String.format("%.1f", lat[lat.length / 2]), String.format("%.1f", lat[(int) (lat.length * 0.95)]),
                String.format("%.1f", lat[lat.length - 1]));
        return result;
    }
}
