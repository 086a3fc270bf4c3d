package org.camelav.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

import org.bytedeco.javacpp.Loader;

/**
 * Issue 35 §5, lazy native loading: loads FFmpeg's JavaCPP presets in the order given
 * ({@code NativeLoad avutil swresample swscale avcodec avformat avfilter avdevice}), each with
 * {@code Loader.load(org.bytedeco.ffmpeg.global.<name>.class)} (which loads the library, the libraries it inherits and
 * its JNI library), and prints the time and the RSS growth of each step, then which shared libraries the process has
 * mapped. {@code bench/startup} also runs whole processes with a subset, to see what loading only what a job needs
 * would save.
 */
public final class NativeLoad {

    private NativeLoad() {
    }

    public static void main(String[] args) throws Exception {
        long rss0 = Proc.rssKb();
        StringBuilder line = new StringBuilder("NATIVES");
        for (String name : args) {
            long t0 = System.nanoTime();
            long r0 = Proc.rssKb();
            if (name.equals("register")) {
                org.bytedeco.ffmpeg.global.avdevice.avdevice_register_all();
            } else {
                Loader.load(Class.forName("org.bytedeco.ffmpeg.global." + name));
            }
            line.append(String.format(" %s=%.1fms/+%dKB", name, (System.nanoTime() - t0) / 1e6, Proc.rssKb() - r0));
        }
        line.append(String.format(" rssGrowthKB=%d sharedLibs=%d ffmpegLibs=%s", Proc.rssKb() - rss0,
                mapped(false).size(), mapped(true)));
        System.out.println(line);
    }

    /** The shared objects in /proc/self/maps (only FFmpeg's and their JNI libraries when {@code ffmpegOnly}). */
    static Set<String> mapped(boolean ffmpegOnly) throws IOException {
        Set<String> libs = new TreeSet<>();
        for (String l : Files.readAllLines(Path.of("/proc/self/maps"))) {
            int slash = l.lastIndexOf('/');
            if (slash < 0 || !l.contains(".so")) {
                continue;
            }
            String file = l.substring(slash + 1);
            boolean ffmpeg = file.matches("lib(jni)?(av|sw|postproc).*");
            if (!ffmpegOnly || ffmpeg) {
                libs.add(ffmpegOnly ? file.replaceAll("\\.so.*", "") : file);
            }
        }
        return libs;
    }
}
