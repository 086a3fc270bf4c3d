package org.camelav.component;

import java.util.concurrent.atomic.AtomicLong;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * The recording JVM that {@link CrashRecordingTest} kills with SIGKILL: records a paced, looped file with the README's
 * recording options and prints {@code WROTE n} after each video packet the recorder took, so the parent knows what
 * was handed to the file before the kill. Args: source file, recording path pattern.
 */
public final class RecordingChild {

    private RecordingChild() {
    }

    public static void main(String[] args) throws Exception {
        AtomicLong written = new AtomicLong();
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("av:file:" + args[0] + "?mode=packets&realtime=true&loop=true")
                            .to("av:" + args[1] + "?record=true&segmentDuration=60&retainHours=72")
                            .process(e -> {
                                System.out.println("WROTE " + written.incrementAndGet());
                                System.out.flush();
                            });
                }
            });
            context.start();
            Thread.sleep(Long.MAX_VALUE); // until the parent kills this JVM
        }
    }
}
