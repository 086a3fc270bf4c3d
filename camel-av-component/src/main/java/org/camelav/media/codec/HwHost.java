package org.camelav.media.codec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What this host lacks for a hardware device type: the driver libraries FFmpeg loads at run time and the device nodes
 * it opens. FFmpeg's own failure is a bare error code (its log line goes to the log bridge), so the warning a user
 * reads names the missing piece from here. Looks only, never loads a library.
 */
final class HwHost {

    /** The driver libraries FFmpeg dlopen()s for each device type (libavutil/hwcontext_*.c, compat/cuda). */
    private static final Map<String, List<String>> LIBRARIES = Map.of(
            "cuda", List.of("libcuda.so.1"),
            "vulkan", List.of("libvulkan.so.1"),
            "vdpau", List.of("libvdpau.so.1"),
            "opencl", List.of("libOpenCL.so.1"));
    /** Extra libraries decoding or encoding needs on top of the device (NVDEC, NVENC). */
    private static final Map<String, String> DECODE = Map.of("cuda", "libnvcuvid.so.1");
    private static final Map<String, String> ENCODE = Map.of("cuda", "libnvidia-encode.so.1");
    /** One of these is the oneVPL/Media SDK runtime QSV needs. */
    private static final List<String> QSV_RUNTIMES = List.of("libmfx-gen.so.1.2", "libvpl.so.2", "libmfxhw64.so.1");
    private static final List<Path> LIBRARY_DIRS = List.of(Path.of("/usr/lib/x86_64-linux-gnu"),
            Path.of("/lib/x86_64-linux-gnu"), Path.of("/usr/lib64"), Path.of("/usr/lib"), Path.of("/lib64"),
            Path.of("/usr/local/cuda/lib64"), Path.of("/usr/lib/wsl/lib"), Path.of("/usr/lib/aarch64-linux-gnu"));

    private HwHost() {
    }

    /**
     * Why {@code type} cannot work here, e.g. "libcuda.so.1 not found (the NVIDIA driver)"; null when nothing known is
     * missing.
     *
     * @param device the requested device, for types whose device is a node such as /dev/dri/renderD128
     * @param encode whether an encoder (rather than a decoder) will use it
     */
    static String missing(String type, String device, boolean encode) {
        List<String> absent = new ArrayList<>();
        for (String lib : LIBRARIES.getOrDefault(type, List.of())) {
            library(lib, absent);
        }
        String extra = (encode ? ENCODE : DECODE).get(type);
        if (extra != null) {
            library(extra, absent);
        }
        switch (type) {
            case "vaapi", "qsv" -> renderNode(device, absent);
            case "drm" -> node(device, "card", absent);
            default -> {
            }
        }
        if ("qsv".equals(type) && QSV_RUNTIMES.stream().noneMatch(HwHost::hasLibrary)) {
            absent.add("no oneVPL/Media SDK runtime (" + String.join(", ", QSV_RUNTIMES) + ")");
        }
        if (absent.isEmpty()) {
            return null;
        }
        String hint = "cuda".equals(type) ? " (the NVIDIA driver's libraries)" : "";
        return String.join("; ", absent) + hint;
    }

    private static void library(String name, List<String> absent) {
        if (!hasLibrary(name)) {
            absent.add(name + " not found");
        }
    }

    private static void renderNode(String device, List<String> absent) {
        node(device, "renderD", absent);
    }

    /** A device given as a path must exist; without one, the type's default node must (any /dev/dri/PREFIX*). */
    private static void node(String device, String prefix, List<String> absent) {
        if (device != null && device.startsWith("/")) {
            if (!Files.exists(Path.of(device))) {
                absent.add("no device " + device);
            }
            return;
        }
        try (Stream<Path> nodes = Files.list(Path.of("/dev/dri"))) {
            if (nodes.noneMatch(p -> p.getFileName().toString().startsWith(prefix))) {
                absent.add("no /dev/dri/" + prefix + "* device");
            }
        } catch (IOException e) {
            absent.add("no /dev/dri/" + prefix + "* device (no /dev/dri)");
        }
    }

    /** Whether the dynamic linker would find {@code name}: LD_LIBRARY_PATH, the ld.so cache, the usual folders. */
    static boolean hasLibrary(String name) {
        String ldPath = System.getenv("LD_LIBRARY_PATH");
        if (ldPath != null) {
            for (String dir : ldPath.split(":")) {
                if (!dir.isEmpty() && Files.exists(Path.of(dir, name))) {
                    return true;
                }
            }
        }
        if (LIBRARY_DIRS.stream().anyMatch(dir -> Files.exists(dir.resolve(name)))) {
            return true;
        }
        try {
            // the cache lists every soname ldconfig found, as NUL-terminated strings
            String cache = new String(Files.readAllBytes(Path.of("/etc/ld.so.cache")), StandardCharsets.ISO_8859_1);
            return cache.contains(name + '\0');
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
