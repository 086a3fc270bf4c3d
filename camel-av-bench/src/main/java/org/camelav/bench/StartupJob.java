package org.camelav.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * Issue 35 §5: a short whole-process job as a one-off runs it: a CamelContext, one {@code operation=transcode} of a
 * {@code byte[]} body (a small MP4) to an MP4 {@code byte[]}, stop. {@code bench/startup} times the whole process
 * (JVM start to exit) under several JVM set-ups; this prints what the process allocated and collected, which is what a
 * pool of {@code byte[]} bodies could save at most.
 * <p>
 * {@code StartupJob <clip.mp4> [codec]}: prints one line {@code STARTUP key=value...}; codec {@code none} starts and
 * stops the context without the transcode (what Camel's own start allocates).
 */
public final class StartupJob {

    private StartupJob() {
    }

    public static void main(String[] args) throws Exception {
        byte[] in = Files.readAllBytes(Path.of(args[0]));
        String codec = args.length > 1 ? args[1] : "mpeg4";
        byte[] out;
        long jobStart = System.nanoTime();
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.start();
            ProducerTemplate template = camel.createProducerTemplate();
            out = codec.equals("none") ? new byte[0]
                    : template.requestBody("av:body?operation=transcode&format=mp4&codec=" + codec, in, byte[].class);
        }
        double jobSeconds = (System.nanoTime() - jobStart) / 1e9;
        long gcCount = 0;
        long gcMillis = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            gcCount += Math.max(0, gc.getCollectionCount());
            gcMillis += Math.max(0, gc.getCollectionTime());
        }
        long allocated = ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
                .getTotalThreadAllocatedBytes();
        double sinceJvmStart = (System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime()) / 1e3;
        System.out.printf("STARTUP in=%d out=%d jobSeconds=%.3f sinceJvmStart=%.3f gcCount=%d gcMillis=%d"
                          + " allocatedMB=%.1f heapCommittedMB=%.1f rssKb=%d sharedLibs=%d ffmpegLibs=%s%n", in.length, out.length, jobSeconds,
                sinceJvmStart, gcCount, gcMillis, allocated / 1048576.0,
                ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted() / 1048576.0, Proc.rssKb(),
                NativeLoad.mapped(false).size(), NativeLoad.mapped(true));
        if (out.length == 0 && !codec.equals("none")) {
            throw new IllegalStateException("empty output");
        }
    }
}
