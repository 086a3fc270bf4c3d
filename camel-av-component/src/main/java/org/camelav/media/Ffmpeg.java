package org.camelav.media;

import org.bytedeco.ffmpeg.global.avdevice;
import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.ffmpeg.global.avutil;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;

/** Process-wide FFmpeg facts: versions, the bundled ffmpeg/ffprobe programs, one-time initialisation. */
public final class Ffmpeg {

    private static volatile boolean initialised;
    private static volatile boolean devicesRegistered;
    private static volatile String devicesUnavailable;

    private Ffmpeg() {
    }

    /**
     * Everything one of FFmpeg's opaque-state iterators gives ({@code av_codec_iterate}, {@code av_muxer_iterate},
     * {@code av_filter_iterate}, {@code avio_enum_protocols}...), in its order; the state must start NULL.
     */
    public static <T extends Pointer> List<T> iterate(Function<PointerPointer<Pointer>, T> next) {
        init();
        List<T> all = new ArrayList<>();
        try (PointerPointer<Pointer> opaque = new PointerPointer<>(1)) {
            opaque.put(0, (Pointer) null);
            for (T t = next.apply(opaque); t != null && !t.isNull(); t = next.apply(opaque)) {
                all.add(t);
            }
        }
        return all;
    }

    /**
     * Loads the natives, installs the log bridge and initialises networking, once. FFmpeg's devices are registered
     * later, on first need ({@link #devicesAvailable}).
     */
    public static void init() {
        if (!initialised) {
            synchronized (Ffmpeg.class) {
                if (!initialised) {
                    loadNatives();
                    FfmpegLog.install();
                    avformat.avformat_network_init();
                    initialised = true;
                }
            }
        }
    }

    /**
     * Fails with what to add when the platform's natives are missing (a Camel JBang {@code --dep} of the component gets
     * none: its resolver drops ffmpeg-platform's classifier jars), instead of an UnsatisfiedLinkError from a class
     * initialiser.
     */
    private static void loadNatives() {
        try {
            Loader.load(avutil.class);
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            String platform = Loader.getPlatform();
            String version = Ffmpeg.class.getPackage().getImplementationVersion();
            AvException missing = new AvException("FFmpeg's native libraries for " + platform
                    + " are not on the class path (" + e.getMessage() + "). Maven/Gradle: depend on"
                    + " org.bytedeco:ffmpeg-platform (camel-av does) or on org.bytedeco:ffmpeg and org.bytedeco:javacpp"
                    + " with classifier " + platform + "; Camel JBang: --dep=org.camelav:camel-av-jbang:"
                    + (version == null ? "VERSION" : version) + " instead of camel-av-component");
            missing.initCause(e);
            throw missing;
        }
    }

    /**
     * lavfi, v4l2, alsa... live in libavdevice, which links the system's libpulse.so.0. Without it, files and network
     * inputs still work; only device inputs fail, with {@link #requireDevices}'s explanation.
     * <p>
     * Registered once, on first need (issue 35 §5): loading libavdevice also loads libavfilter and about 30 system
     * libraries (PulseAudio, ALSA, X11/xcb, systemd...), 32 more shared objects mapped, about 0.15 s of CPU and 8 MB of
     * RSS that a job on files or network streams never uses.
     */
    private static void registerDevices() {
        if (!devicesRegistered) {
            synchronized (Ffmpeg.class) {
                if (!devicesRegistered) {
                    init();
                    try {
                        avdevice.avdevice_register_all();
                    } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
                        devicesUnavailable = e.getMessage();
                        org.slf4j.LoggerFactory.getLogger(Ffmpeg.class).warn("FFmpeg devices (lavfi, v4l2...) are"
                                + " unavailable: {}. On Debian/Ubuntu: apt-get install libpulse0", e.getMessage());
                    }
                    devicesRegistered = true;
                }
            }
        }
    }

    /**
     * True when libavdevice loaded, so format=lavfi/v4l2 inputs can be opened; registers FFmpeg's devices on the first
     * call. Whoever looks a format up by name, lists formats or lets FFmpeg probe a URL that a device may claim
     * ({@link #mayBeDevice}) calls this first.
     */
    public static boolean devicesAvailable() {
        registerDevices();
        return devicesUnavailable == null;
    }

    /**
     * Whether FFmpeg's probe could give this URL to a device demuxer without a format name: v4l2 claims
     * {@code /dev/video*} by its name alone, so {@code av:/dev/video0} works without {@code format=v4l2}.
     */
    public static boolean mayBeDevice(String url) {
        return url != null && url.startsWith("/dev/");
    }

    /** Throws a clear error for a device format when libavdevice could not be loaded. */
    public static void requireDevices(String format) {
        if (!devicesAvailable()) {
            throw new AvException("Input format '" + format + "' is an FFmpeg device, but libavdevice could not be loaded ("
                                  + devicesUnavailable + "); on Debian/Ubuntu install libpulse0");
        }
    }

    /** e.g. {@code 8.0.1} as reported by libavutil. */
    public static String version() {
        init();
        return avutil.av_version_info().getString();
    }

    /** Path of the {@code ffmpeg} program shipped in the natives jar (extracted to JavaCPP's cache). */
    public static String ffmpegPath() {
        return Loader.load(org.bytedeco.ffmpeg.ffmpeg.class);
    }

    /** Path of the {@code ffprobe} program shipped in the natives jar. */
    public static String ffprobePath() {
        return Loader.load(org.bytedeco.ffmpeg.ffprobe.class);
    }

    /**
     * A ProcessBuilder for the bundled {@code ffmpeg} (or {@code ffprobe}) with {@code args}. The bundled libraries
     * find their siblings (libva, libdrm) only through the loader path, so it points LD_LIBRARY_PATH at their folder.
     */
    public static ProcessBuilder cli(boolean probe, java.util.List<String> args) {
        String program = probe ? ffprobePath() : ffmpegPath();
        java.util.List<String> cmd = new java.util.ArrayList<>();
        cmd.add(program);
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        String dir = java.nio.file.Path.of(program).getParent().toString();
        String old = pb.environment().get("LD_LIBRARY_PATH");
        pb.environment().put("LD_LIBRARY_PATH", old == null || old.isEmpty() ? dir : dir + java.io.File.pathSeparator + old);
        return pb;
    }
}
