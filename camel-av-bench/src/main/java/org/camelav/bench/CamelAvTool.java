package org.camelav.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.camelav.component.AvConstants;
import org.camelav.media.MediaItem;
import org.camelav.media.codec.SkipFrame;
import org.camelav.media.container.MediaReader;
import org.camelav.media.container.ReaderOptions;
import org.camelav.media.video.VideoFrame;

/**
 * camel-av as users run it: one Camel route per pass, {@code from("av:...")} with a processor that counts exchanges
 * (and touches the body where the workload delivers pixels), stopped and removed once the end-of-stream exchange went
 * through. The Camel context starts once per process. Also "media" passes: the same input through
 * {@link MediaReader} alone, to separate the media layer from Camel.
 */
final class CamelAvTool implements Worker.Tool {

    private final CamelContext ctx;
    private int routes;
    /** Bytes read from zeroCopy views, kept so the JIT cannot drop the read. */
    long touched;
    /** When the last route without an output delivered its end-of-stream exchange (System.nanoTime), else 0. */
    private long lastEnd;

    CamelAvTool() throws Exception {
        ctx = new DefaultCamelContext();
        ctx.getShutdownStrategy().setTimeout(30);
        ctx.start();
    }

    /**
     * The consumer URI, producer URI (or null) of a workload; opts=... adds consumer options, outOpts=... producer
     * options (for experiments and the before/after rows).
     */
    static String[] uris(String workload, Map<String, String> a) {
        String[] u = baseUris(workload, a);
        String extra = a.get("opts");
        if (extra != null && !extra.isEmpty()) {
            u[0] = u[0] + (u[0].contains("?") ? "&" : "?") + extra;
        }
        String outExtra = a.get("outOpts");
        if (u[1] != null && outExtra != null && !outExtra.isEmpty()) {
            u[1] = u[1] + (u[1].contains("?") ? "&" : "?") + outExtra;
        }
        return u;
    }

    private static String[] baseUris(String workload, Map<String, String> a) {
        String clip = a.get("clip");
        String out = a.get("out");
        return switch (workload) {
            case "decode" -> new String[] { "av:" + clip, null };
            case "bgr24" -> new String[] { "av:" + clip + "?pixelFormat=bgr24", null };
            case "keyframes" -> new String[] { "av:" + clip + "?skipFrame=NONKEY", null };
            case "packets" -> new String[] { "av:" + clip + "?mode=packets", null };
            case "remux" -> new String[] { "av:" + clip + "?mode=packets&streams=all", "av:" + out };
            case "encode" -> new String[] { "av:" + clip,
                "av:" + out + "?codec=libopenh264&bitRate=2000000&gopSize=60" };
            case "encode-x264" -> new String[] { "av:" + clip, "av:" + out
                    + "?codec=libx264&gopSize=60&codecOptions.preset=fast&codecOptions.crf=28&codecOptions.tune=zerolatency" };
            default -> throw new IllegalArgumentException("camel-av has no workload " + workload);
        };
    }

    @Override
    public String describe(String workload, Map<String, String> a) {
        switch (workload) {
            case "live":
                return "N routes from(\"av:sourceK?url=RAW(clip)&threadCount=1&maxFrames=F"
                       + (a.containsKey("opts") ? "&" + a.get("opts") : "") + "\").process(barrier, pace)";
            case "memory":
                return "from(\"av:" + a.get("clip") + "?loop=true&maxFrames=" + a.get("frames") + "\")";
            case "overhead":
                return "MediaReader loop vs from(\"av:" + a.get("clip") + "?mode=packets&loop=true&maxFrames="
                       + a.get("items") + "\"), per exchange";
            default:
                if (a.containsKey("media")) {
                    return "MediaReader.next() loop (" + uris(workload, a)[0] + ", no Camel)";
                }
                String[] u = uris(workload, a);
                return "from(\"" + u[0] + "\")" + (u[1] == null ? ".process(count)" : ".to(\"" + u[1] + "\")");
        }
    }

    @Override
    public Worker.Pass pass(String workload, Map<String, String> a) {
        if (a.containsKey("media")) {
            return () -> mediaPass(workload, a);
        }
        String[] u = uris(workload, a);
        boolean touch = workload.equals("bgr24");
        return () -> route(u[0], u[1], touch);
    }

    private long mediaPass(String workload, Map<String, String> a) {
        ReaderOptions.Builder b = ReaderOptions.builder(a.get("clip"));
        switch (workload) {
            case "decode" -> {
            }
            case "bgr24" -> b.pixelFormat("bgr24");
            case "keyframes" -> b.skipFrame(SkipFrame.NONKEY);
            case "packets" -> b.packets(true);
            default -> throw new IllegalArgumentException("no media pass for " + workload);
        }
        // opts=... as for a route, of the options the media layer has
        for (String option : a.getOrDefault("opts", "").split("&")) {
            String[] kv = option.split("=", 2);
            switch (kv[0]) {
                case "" -> {
                }
                case "zeroCopy" -> b.zeroCopy(Boolean.parseBoolean(kv[1]));
                case "deferCopy" -> b.deferCopy(Boolean.parseBoolean(kv[1]));
                case "threadCount" -> b.threadCount(Integer.valueOf(kv[1]));
                default -> throw new IllegalArgumentException("no media pass option " + kv[0]);
            }
        }
        ReaderOptions o = b.build();
        long n = 0;
        long sum = 0;
        try (MediaReader r = MediaReader.open(o)) {
            MediaItem item;
            while ((item = r.next()) != null) {
                if (item instanceof VideoFrame v && o.delivery().pixelFormat() != null) {
                    sum += o.delivery().zeroCopy() ? v.buffer().get(0) : v.data()[0];
                }
                item.release();
                n++;
            }
        }
        return sum == Long.MIN_VALUE ? -1 : n;
    }

    /** Runs one route until its end-of-stream exchange, then stops it (which finalises an output); returns exchanges. */
    long route(String from, String to, boolean touchBody) throws Exception {
        boolean view = from.contains("zeroCopy=true");
        String id = "r" + (routes++);
        AtomicLong count = new AtomicLong();
        CountDownLatch end = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Processor counter = e -> {
            if (touchBody && view) {
                // zeroCopy: a view of the converted pixels, like PyAV's to_ndarray and JavaCV's image[0]
                java.nio.ByteBuffer b = e.getMessage().getBody(java.nio.ByteBuffer.class);
                if (b.remaining() == 0) {
                    throw new IllegalStateException("empty body");
                }
                touched += b.get(b.remaining() - 1);
            } else if (touchBody) {
                byte[] b = e.getMessage().getBody(byte[].class);
                if (b.length == 0) {
                    throw new IllegalStateException("empty body");
                }
            }
            // frames per second means video frames: a remux also carries the audio packets
            if ("video".equals(e.getMessage().getHeader(AvConstants.MEDIA_TYPE))) {
                count.incrementAndGet();
            }
            if (Boolean.TRUE.equals(e.getMessage().getHeader(AvConstants.END_OF_STREAM))) {
                end.countDown();
            }
        };
        ctx.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                onException(Exception.class).process(e -> {
                    failure.compareAndSet(null, e.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class));
                    end.countDown();
                });
                var r = from(from).routeId(id).process(counter);
                if (to != null) {
                    r.to(to);
                }
            }
        });
        try {
            if (!end.await(20, TimeUnit.MINUTES)) {
                throw new IllegalStateException("no end of stream from " + from);
            }
            // a warm pass of a route without an output ends with its last exchange; stopping and removing the route
            // (tens of ms of Camel lifecycle, not per frame) stays in the whole-process figures only. Routes with an
            // output are timed to the end of the stop, which writes the trailer.
            lastEnd = to == null ? System.nanoTime() : 0;
        } finally {
            ctx.getRouteController().stopRoute(id);
            ctx.removeRoute(id);
        }
        if (failure.get() != null) {
            throw new IllegalStateException("route failed", failure.get());
        }
        return count.get();
    }

    @Override
    public long passEnd() {
        long t = lastEnd;
        lastEnd = 0;
        return t;
    }

    @Override
    public Map<String, Object> special(String workload, Map<String, String> a) throws Exception {
        return switch (workload) {
            case "live" -> live(a);
            case "memory" -> memory(a);
            case "overhead" -> overhead(a);
            default -> null;
        };
    }

    /** N paced routes at once; each reports how far its last frame arrived behind the media clock. */
    private Map<String, Object> live(Map<String, String> a) throws Exception {
        LiveTrial trial = new LiveTrial(a);
        String extra = a.containsKey("opts") ? "&" + a.get("opts") : "";
        // experiment (issue 35 §2): touch=before|after reads the body's pixels as an array before or after the pacing
        // wait; with zeroCopy that is where the array is made, so it tells what a byte[] alive across the wait costs
        int touch = switch (a.getOrDefault("touch", "none")) {
            case "before" -> 1;
            case "after" -> 2;
            default -> 0;
        };
        ctx.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                for (int i = 0; i < trial.streams; i++) {
                    int k = i;
                    // one endpoint per source, as N cameras would have N URLs
                    // paced in the route like the peers' loops (not realtime=true, whose clock would start before
                    // the trial's barrier and then burst to catch up)
                    from("av:source" + k + "?url=RAW(" + a.get("clip") + ")&threadCount=1&maxFrames="
                         + trial.frames + extra).routeId("live" + k)
                            .process(e -> {
                                long origin = trial.arrived(k);
                                if (touch == 1 && e.getMessage().getBody() instanceof VideoFrame v) {
                                    touched += v.data()[0]; // the body's array made while the frame is held
                                }
                                trial.pace(k, origin);
                                if (touch == 2 && e.getMessage().getBody() instanceof VideoFrame v) {
                                    touched += v.data()[0]; // made as the exchange ends: garbage at once
                                }
                                if (Boolean.TRUE.equals(e.getMessage().getHeader(AvConstants.END_OF_STREAM))) {
                                    trial.ended(k);
                                }
                            });
                }
            }
        });
        return trial.await();
    }

    /** RSS after `at` decoded frames and after `frames` (looping the clip). */
    private Map<String, Object> memory(Map<String, String> a) throws Exception {
        long frames = Long.parseLong(a.get("frames"));
        long at = Long.parseLong(a.get("at"));
        AtomicLong count = new AtomicLong();
        long[] rss = new long[2];
        CountDownLatch end = new CountDownLatch(1);
        double c0 = Proc.cpuSeconds();
        long t0 = System.nanoTime();
        ctx.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("av:" + a.get("clip") + "?loop=true&maxFrames=" + frames).routeId("memory").process(e -> {
                    long c = count.incrementAndGet();
                    if (c == at) {
                        rss[0] = Proc.rssKb();
                    }
                    if (Boolean.TRUE.equals(e.getMessage().getHeader(AvConstants.END_OF_STREAM))) {
                        rss[1] = Proc.rssKb();
                        end.countDown();
                    }
                });
            }
        });
        end.await(60, TimeUnit.MINUTES);
        return memorySummary(count.get(), at, rss[0], rss[1], (System.nanoTime() - t0) / 1e9, Proc.cpuSeconds() - c0);
    }

    static Map<String, Object> memorySummary(long frames, long at, long rssAt, long rssEnd, double wall, double cpu) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("framesTotal", frames);
        out.put("sampleAt", at);
        out.put("rssAtKb", rssAt);
        out.put("rssEndKb", rssEnd);
        out.put("growthPct", rssAt > 0 ? (rssEnd - rssAt) * 100.0 / rssAt : null);
        out.put("wallSeconds", wall);
        out.put("cpuSeconds", cpu);
        return out;
    }

    /**
     * Per-exchange cost of Camel: the same packets (cheap to produce) read by a bare MediaReader loop and by a route,
     * alternately, several rounds; the difference of the best times divided by the items.
     */
    private Map<String, Object> overhead(Map<String, String> a) throws Exception {
        long items = Long.parseLong(a.get("items"));
        int rounds = Worker.intArg(a, "rounds", 5);
        String clip = a.get("clip");
        List<Double> reader = new ArrayList<>();
        List<Double> route = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            long t0 = System.nanoTime();
            ReaderOptions o = ReaderOptions.builder(clip).packets(true).loop(true).maxFrames(items).build();
            long n = 0;
            try (MediaReader mr = MediaReader.open(o)) {
                while (mr.next() != null) {
                    n++;
                }
            }
            reader.add((System.nanoTime() - t0) / 1e9 / n * 1e6);
            t0 = System.nanoTime();
            long m = route("av:" + clip + "?mode=packets&loop=true&maxFrames=" + items, null, false);
            route.add((System.nanoTime() - t0) / 1e9 / m * 1e6);
        }
        double bestReader = reader.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        double bestRoute = route.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("items", items);
        out.put("readerMicrosPerItem", reader);
        out.put("routeMicrosPerItem", route);
        out.put("overheadMicros", bestRoute - bestReader);
        return out;
    }

    @Override
    public void close() throws Exception {
        ctx.close();
    }
}
