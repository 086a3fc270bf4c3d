package org.camelav.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads async-profiler's collapsed stacks and prints where the samples are: self time per frame (the top N) and the
 * share of samples under a few frames that tell the story (decoder, swscale, copies, Camel, GC, JIT).
 */
public final class Flat {

    private Flat() {
    }

    public static void main(String[] args) throws Exception {
        int top = args.length > 1 ? Integer.parseInt(args[1]) : 25;
        Map<String, Long> self = new HashMap<>();
        Map<String, Long> threads = new HashMap<>();
        long total = 0;
        String[] marks = { "libavcodec", "ff_h264", "sws_", "swscale", "ff_yuv", "av_image_copy", "memcpy",
            "Java_org_bytedeco", "org.apache.camel", "org.camelav.component", "org.camelav.media",
            "G1", "GC Thread", "C2Compiler", "C1Compiler", "Unsafe_SetMemory", "SetByteArrayRegion", "arraycopy",
            "libx264", "x264_", "openh264", "WelsEnc", "av_read_frame", "av_interleaved_write_frame" };
        Map<String, Long> under = new HashMap<>();
        for (String line : Files.readAllLines(Path.of(args[0]))) {
            int sp = line.lastIndexOf(' ');
            long n = Long.parseLong(line.substring(sp + 1));
            String stack = line.substring(0, sp);
            String[] frames = stack.split(";");
            self.merge(frames[frames.length - 1], n, Long::sum);
            threads.merge(frames[0], n, Long::sum);
            total += n;
            for (String m : marks) {
                if (stack.contains(m)) {
                    under.merge(m, n, Long::sum);
                }
            }
        }
        long t = total;
        System.out.println("samples: " + total);
        System.out.println("-- self time, top " + top);
        self.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(top)
                .forEach(e -> System.out.printf("%5.1f%%  %s%n", 100.0 * e.getValue() / t, trim(e.getKey())));
        System.out.println("-- samples with this frame anywhere on the stack");
        for (String m : marks) {
            Long n = under.get(m);
            if (n != null && n * 200 > t) {
                System.out.printf("%5.1f%%  %s%n", 100.0 * n / t, m);
            }
        }
        System.out.println("-- by thread (first frame)");
        threads.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(8)
                .forEach(e -> System.out.printf("%5.1f%%  %s%n", 100.0 * e.getValue() / t, trim(e.getKey())));
    }

    private static String trim(String s) {
        return s.length() > 140 ? s.substring(0, 140) + "..." : s;
    }

}
