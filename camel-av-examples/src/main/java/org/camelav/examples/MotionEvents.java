package org.camelav.examples;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.main.Main;
import org.camelav.component.AvConsumer;
import org.camelav.media.Ffmpeg;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Motion and scene events: camel-main runs {@code routes/motion-events.camel.yaml}, which turns a camera into event
 * exchanges (a scene-score {@code select} on a low-resolution gray picture, at most one event a second), each carrying
 * {@code CamelAvTrigger}. With a clips folder it also runs {@code routes/motion-clips.camel.yaml} and sends the events,
 * with the camera's packets, through {@code direct:motion-clip} to one {@code clip=true&preRoll=5&postRoll=10} endpoint: "record 5 s before and 10 s after motion". Without one the
 * events go to {@code direct:motion-events}, which logs them.
 * <p>
 * Arguments: camera URL (default: a generated 11 s clip, still / moving from 4 s to 7 s / still, played in real time),
 * seconds to run (default: until the input ends, at most 60), clips folder (default: none).
 */
public final class MotionEvents {

    private static final Logger LOG = LoggerFactory.getLogger(MotionEvents.class);

    /** Where the events go when there is no clips folder. */
    public static final String EVENTS = "direct:motion-events";

    /** testsrc2's moving parts are small: about 0.005 of scene change a frame, a real camera's motion far more. */
    public static final String GENERATED_THRESHOLD = "0.003";

    private MotionEvents() {
    }

    public static void main(String[] args) throws Exception {
        String camera;
        String threshold = "0.02";
        if (args.length > 0 && !args[0].isEmpty()) {
            camera = args[0];
        } else {
            camera = generateMotionClip(Path.of("output", "motion", "motion.mp4")) + "?realtime=true";
            threshold = GENERATED_THRESHOLD;
        }
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        Path clips = args.length > 2 ? Path.of(args[2]).toAbsolutePath() : null;
        List<Exchange> events = run(camera, threshold, false, clips, seconds);
        LOG.info("{} motion events: {}", events.size(), events.stream().map(MotionEvents::time).toList());
    }

    /**
     * Runs the motion routes on {@code camera} until its input ends or {@code seconds} have passed; returns the event
     * exchanges that reached {@link #EVENTS} (none when {@code clips} is given: they went to the clip endpoint).
     */
    public static List<Exchange> run(String camera, String threshold, boolean reconnect, Path clips, int seconds)
            throws Exception {
        List<Exchange> events = new CopyOnWriteArrayList<>();
        Main main = new Main();
        String routes = "classpath:routes/motion-events.camel.yaml";
        String trigger = EVENTS;
        if (clips != null) {
            Files.createDirectories(clips);
            routes += ",classpath:routes/motion-clips.camel.yaml";
            trigger = "direct:motion-clip";
            main.addInitialProperty("motion.clip",
                    "av:" + clips + "/motion-%Y%m%d-%H%M%S.mp4?clip=true&preRoll=5&postRoll=10");
        }
        main.configure().withRoutesIncludePattern(routes);
        main.addInitialProperty("motion.camera", camera);
        main.addInitialProperty("motion.threshold", threshold);
        main.addInitialProperty("motion.reconnect", String.valueOf(reconnect));
        main.addInitialProperty("motion.trigger", trigger);
        main.configure().addRoutesBuilder(new RouteBuilder() {
            @Override
            public void configure() {
                from(EVENTS).routeId("motion-event-log").process(e -> events.add(e.copy()))
                        .log("event: ${header.CamelAvTrigger} (${header.CamelAvWidth}x${header.CamelAvHeight} "
                             + "${header.CamelAvPixelFormat})");
            }
        });
        main.start();
        try {
            awaitEnd(main.getCamelContext(), "motion-events", seconds);
        } finally {
            main.stop();
        }
        return new ArrayList<>(events);
    }

    /** The camera time of an event, in seconds. */
    public static double time(Exchange event) {
        return event.getMessage().getHeader("CamelAvTime", Double.class);
    }

    /**
     * Writes an 11 s 320x240 MPEG-4 clip with motion at known times: testsrc2's first picture held for 4 s, testsrc2
     * moving for 3 s, its last picture held for 4 s (the bundled ffmpeg, as {@code ffmpeg -filter_complex} would).
     */
    public static Path generateMotionClip(Path file) throws Exception {
        Files.createDirectories(file.toAbsolutePath().getParent());
        String src = "testsrc2=s=320x240:r=25";
        String graph = src + ":d=1,trim=end_frame=1,loop=loop=99:size=1,setpts=N/25/TB[still1];"
                + src + ":d=3[moving];"
                + src + ":d=3,trim=start_frame=74:end_frame=75,loop=loop=99:size=1,setpts=N/25/TB[still2];"
                + "[still1][moving][still2]concat=n=3[v]";
        Process p = Ffmpeg.cli(false, List.of("-nostdin", "-y", "-v", "error", "-filter_complex", graph,
                "-map", "[v]", "-c:v", "mpeg4", "-g", "25", "-bf", "0", "-b:v", "2M", file.toString()))
                .inheritIO().start();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException("ffmpeg could not write " + file);
        }
        return file.toAbsolutePath();
    }

    /** Waits until the route's consumer has read its whole (finite) input, or {@code seconds} have passed. */
    static void awaitEnd(CamelContext camel, String routeId, int seconds) throws InterruptedException {
        AvConsumer consumer = (AvConsumer) camel.getRoute(routeId).getConsumer();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline && !"ENDED".equals(consumer.getState())) {
            Thread.sleep(100);
        }
        Map<String, Object> state = Map.of("state", consumer.getState(), "frames", consumer.getFramesRead());
        LOG.info("motion route: {}", state);
    }
}
