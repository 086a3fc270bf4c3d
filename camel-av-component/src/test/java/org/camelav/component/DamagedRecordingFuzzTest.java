package org.camelav.component;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.camelav.testsupport.DamagedMedia;
import org.camelav.testsupport.QuietFfmpeg;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * DamagedMediaFuzzTest's damaged files into the recording paths: a packets consumer feeding {@code record=true}, and
 * one feeding {@code clip=true} triggered on its first video key frame. Each case ends with an error or with a
 * non-empty file once the route stops, never a hang, a crash or, after a key frame was delivered, no file and no
 * error. {@code -Dav.fuzz.recordings=N} sets the number of files.
 */
@ExtendWith(QuietFfmpeg.class)
class DamagedRecordingFuzzTest extends CamelTestSupport {

    private static final long SEED = Long.getLong("av.fuzz.seed", 16);
    private static final int COUNT = Integer.getInteger("av.fuzz.recordings", 48);
    private static final long CASE_TIMEOUT_S = 30;

    private final AtomicInteger routes = new AtomicInteger();


    @Test
    void everyDamagedFileRecordsSomethingOrFailsVisibly() throws Exception {
        Path dir = Path.of("target", "fuzz-recording");
        List<DamagedMedia.Case> corpus = DamagedMedia.corpus(SEED, COUNT, dir);
        Map<String, Integer> outcomes = new TreeMap<>();
        List<String> bad = new ArrayList<>();
        for (DamagedMedia.Case c : corpus) {
            Path file = dir.resolve(c.name());
            Files.write(file, c.bytes());
            for (String op : new String[] { "record", "clip" }) {
                String outcome = run(file, op, dir);
                outcomes.merge(op + " " + outcome, 1, Integer::sum);
                if (outcome.equals("hang") || outcome.startsWith("silent")) {
                    bad.add(op + " " + c + ": " + outcome);
                }
            }
            Files.delete(file);
        }
        System.out.println("MEASURED recording fuzz seed " + SEED + ", " + COUNT + " files: " + outcomes);
        assertTrue(bad.isEmpty(), bad.size() + " cases hung or ended silently: " + bad);
        assertTrue(outcomes.keySet().stream().anyMatch(k -> k.startsWith("record ok")), outcomes.toString());
        assertTrue(outcomes.keySet().stream().anyMatch(k -> k.startsWith("clip ok")), outcomes.toString());
    }

    /** "ok" (a non-empty file), "error X", "no key frame" (nothing to record), "silent ...", "hang". */
    private String run(Path file, String op, Path dir) throws Exception {
        String id = "rec-" + routes.incrementAndGet();
        Path out = Files.createDirectories(dir.resolve(id));
        CompletableFuture<String> ended = new CompletableFuture<>();
        AtomicBoolean keyFrame = new AtomicBoolean();
        String target = "av:" + out + "/%H%M%S.mkv?" + (op.equals("record") ? "record=true&segmentDuration=600"
                : "clip=true&preRoll=1&postRoll=1");
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                onException(Exception.class).handled(true).process(e -> ended.complete(error(
                        e.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class))));
                from("av:" + file + "?mode=packets&streams=all&timeout=5000&bridgeErrorHandler=true").routeId(id)
                        .process(e -> {
                            Message m = e.getMessage();
                            if ("video".equals(m.getHeader(AvConstants.MEDIA_TYPE))
                                && Boolean.TRUE.equals(m.getHeader(AvConstants.KEY_FRAME))
                                && keyFrame.compareAndSet(false, true)) {
                                m.setHeader(AvConstants.TRIGGER, "fuzz");
                            }
                        })
                        .filter(body().isNotNull()).to(target).end()
                        .process(e -> {
                            if (Boolean.TRUE.equals(e.getMessage().getHeader(AvConstants.END_OF_STREAM))) {
                                ended.complete("eos");
                            }
                        });
            }
        });
        AvConsumer consumer = (AvConsumer) context.getRoute(id).getConsumer();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(CASE_TIMEOUT_S);
        long endedAt = 0;
        String result = null;
        while (result == null) {
            if (ended.isDone()) {
                result = ended.get();
            } else if (System.nanoTime() > deadline) {
                result = "hang";
            } else if ("ENDED".equals(consumer.getState())) {
                endedAt = endedAt == 0 ? System.nanoTime() : endedAt;
                if (System.nanoTime() - endedAt > TimeUnit.SECONDS.toNanos(2)) {
                    result = "ended"; // without an end-of-stream exchange: DamagedMediaFuzzTest fails that case
                }
            }
            if (result == null) {
                Thread.sleep(5);
            }
        }
        context.getRouteController().stopRoute(id); // closes the open segment or clip
        context.removeRoute(id);
        if (result.equals("hang") || result.startsWith("error")) {
            return result;
        }
        long bytes;
        try (Stream<Path> files = Files.list(out)) {
            bytes = files.filter(p -> p.toString().endsWith(".mkv")).mapToLong(p -> p.toFile().length()).sum();
        }
        if (bytes > 0) {
            return "ok";
        }
        return keyFrame.get() ? "silent (a key frame was delivered, no file and no error)" : "no key frame";
    }

    private static String error(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && !(t instanceof org.camelav.media.AvException)) {
            t = t.getCause();
        }
        return "error " + t.getClass().getSimpleName();
    }
}
