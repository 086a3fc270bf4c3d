package org.camelav.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.camelav.media.container.MediaInfo;
import org.camelav.testsupport.DamagedMedia;
import org.camelav.testsupport.QuietFfmpeg;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Damaged files of eight containers through everything a route can do with them: frames and packets consumers, probe
 * and transcode of a body. Every case must end visibly (frames, an end-of-stream exchange, or an error) within its
 * timeout, and the JVM must live through all of them (surefire runs this in a forked JVM: a native crash fails the
 * build as "the forked VM terminated"). {@code -Dav.fuzz.count=1000 -Dav.fuzz.seed=N} is bench/fuzz's full run.
 */
@ExtendWith(QuietFfmpeg.class)
class DamagedMediaFuzzTest extends CamelTestSupport {

    private static final long SEED = Long.getLong("av.fuzz.seed", 16);
    private static final int COUNT = Integer.getInteger("av.fuzz.count", 300);
    private static final long CASE_TIMEOUT_S = 30;
    private static final List<String> OPS = List.of("frames", "packets", "probe", "transcode");

    private final AtomicInteger routes = new AtomicInteger();
    private final ExecutorService calls = Executors.newCachedThreadPool();

    @Test
    void everyDamagedFileEndsVisiblyWithoutCrashOrHang() throws Exception {
        Path dir = Path.of("target", "fuzz");
        List<DamagedMedia.Case> corpus = DamagedMedia.corpus(SEED, COUNT, dir);
        Map<String, Map<String, Integer>> outcomes = new TreeMap<>();
        List<String> bad = new ArrayList<>();
        long t0 = System.nanoTime();
        for (DamagedMedia.Case c : corpus) {
            Path file = dir.resolve(c.name());
            Files.write(file, c.bytes());
            for (String op : OPS) {
                String outcome = switch (op) {
                    case "frames", "packets" -> consume(file, op);
                    case "probe" -> call(() -> probe(c));
                    default -> call(() -> transcode(c));
                };
                outcomes.computeIfAbsent(op, k -> new TreeMap<>()).merge(outcome, 1, Integer::sum);
                if (outcome.equals("hang") || outcome.startsWith("silent")) {
                    bad.add(op + " " + c + ": " + outcome);
                }
            }
            Files.delete(file);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        String report = report(outcomes, seconds);
        Files.writeString(dir.resolve("report-" + SEED + "-" + COUNT + ".md"), report);
        System.out.println("MEASURED fuzz seed " + SEED + ", " + COUNT + " files, " + String.format("%.1f", seconds)
                           + " s:\n" + report);
        assertTrue(bad.isEmpty(), bad.size() + " cases hung or ended silently: " + bad);
        assertEquals(4, outcomes.size());
        // the JVM is alive here, and each operation met at least one case that opened and one that failed
        for (String op : OPS) {
            assertTrue(outcomes.get(op).keySet().stream().anyMatch(k -> k.startsWith("ok")), op + ": " + outcomes);
            assertTrue(outcomes.get(op).keySet().stream().anyMatch(k -> k.startsWith("error")), op + ": " + outcomes);
        }
    }

    /** A consumer route on the file: "ok" (frames, the last one marked), "eos-empty", "error ...", "silent", "hang". */
    private String consume(Path file, String mode) throws Exception {
        String id = "fuzz-" + routes.incrementAndGet();
        CompletableFuture<String> outcome = new CompletableFuture<>();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                onException(Exception.class).handled(true).process(e -> outcome.complete(error(
                        e.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class))));
                from("av:" + file + "?mode=" + mode + "&timeout=5000&bridgeErrorHandler=true").routeId(id)
                        .process(e -> {
                            Message m = e.getMessage();
                            if (Boolean.TRUE.equals(m.getHeader(AvConstants.END_OF_STREAM))) {
                                outcome.complete(m.getBody() == null ? "eos-empty" : "ok");
                            }
                        });
            }
        });
        AvConsumer consumer = (AvConsumer) context.getRoute(id).getConsumer();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(CASE_TIMEOUT_S);
        long endedAt = 0;
        String result = null;
        while (result == null) {
            if (outcome.isDone()) {
                result = outcome.get();
            } else if (System.nanoTime() > deadline) {
                result = "hang";
            } else if ("ENDED".equals(consumer.getState())) {
                endedAt = endedAt == 0 ? System.nanoTime() : endedAt;
                if (System.nanoTime() - endedAt > TimeUnit.SECONDS.toNanos(2)) {
                    result = "silent (ended with no end-of-stream exchange and no error)";
                }
            }
            if (result == null) {
                Thread.sleep(5);
            }
        }
        context.getRouteController().stopRoute(id);
        context.removeRoute(id);
        return result;
    }

    private String probe(DamagedMedia.Case c) {
        Object body = template.requestBodyAndHeader("av:body?operation=probe", c.bytes(), Exchange.FILE_NAME,
                c.name());
        return body instanceof MediaInfo ? "ok" : "silent (probe body " + body + ")";
    }

    private String transcode(DamagedMedia.Case c) {
        byte[] out = template.requestBody("av:body?operation=transcode&format=matroska&codec=mpeg4&audioCodec=flac",
                c.bytes(), byte[].class);
        if (out == null || out.length == 0) {
            return "silent (transcode gave " + (out == null ? "null" : "0 bytes") + ")";
        }
        MediaInfo info = template.requestBody("av:body?operation=probe", out, MediaInfo.class);
        return info.streams().isEmpty() ? "silent (transcode wrote no stream)" : "ok";
    }

    /** Runs a producer call with the per-case timeout; a failure is an outcome named by its exception type. */
    private String call(java.util.concurrent.Callable<String> job) throws InterruptedException {
        Future<String> f = calls.submit(job);
        try {
            return f.get(CASE_TIMEOUT_S, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            return "hang";
        } catch (ExecutionException e) {
            return error(e.getCause());
        }
    }

    private static String error(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && !(t instanceof org.camelav.media.AvException)
               && !(t instanceof IllegalArgumentException)) {
            t = t.getCause();
        }
        return "error " + t.getClass().getSimpleName();
    }

    private static String report(Map<String, Map<String, Integer>> outcomes, double seconds) {
        StringBuilder sb = new StringBuilder("| operation | outcome | cases |\n|---|---|---:|\n");
        outcomes.forEach((op, m) -> m.forEach((k, n) -> sb.append("| ").append(op).append(" | ").append(k)
                .append(" | ").append(n).append(" |\n")));
        sb.append(String.format("%nseed %d, %d files, %.1f s%n", SEED, COUNT, seconds));
        return sb.toString();
    }
}
