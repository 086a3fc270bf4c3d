package org.camelav.testsupport;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camelav.media.Ffmpeg;

/**
 * A live RTSP "IP camera" on 127.0.0.1: GStreamer's RTSP server run by {@code servers/rtsp_camera.py} with Debian's
 * {@code /usr/bin/python3}. Mounts (live, shared between clients, H.264 320x240@25, GOP 25): {@code /test} video only,
 * {@code /audio} video + AAC mono 48 kHz. With credentials, every mount needs Basic auth.
 * <p>
 * It can fail the ways cameras do: {@link #kill()} (crash), {@link #restart()} (back on the same port),
 * {@link #freeze()}/{@link #thaw()} (hangs with its sockets open). Use it in try-with-resources:
 *
 * <pre>{@code
 * try (RtspCameraServer cam = RtspCameraServer.start()) {
 *     ReaderOptions o = ReaderOptions.of(cam.url("/test"));
 *     ...
 * }
 * }</pre>
 *
 * A missing package skips the test (fails it with {@code CI=true}); see {@link Prerequisites}.
 */
public final class RtspCameraServer implements AutoCloseable {

    private static final Pattern READY = Pattern.compile("(?m)^READY (\\d+) (\\S+) (\\S+)");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30); // the first run builds GStreamer's registry

    private final String user;
    private final String password;
    private int cameras;
    private final Path script;
    private ServerProcess server;
    private int port;
    private String encoder;
    private String audioEncoder;
    private String ntpSource;
    private boolean sessionLog;

    private RtspCameraServer(String user, String password) {
        this.user = user;
        this.password = password;
        this.script = ServerProcess.resourceFile("/servers/rtsp_camera.py");
    }

    /** A camera without authentication on a free port. */
    public static RtspCameraServer start() {
        return start(null, null);
    }

    /** A camera that requires Basic auth with these credentials on every mount. */
    public static RtspCameraServer start(String user, String password) {
        return launched(new RtspCameraServer(user, password));
    }

    /**
     * A camera server with {@code n} more light video-only mounts {@code /cam01}..{@code /camNN} (160x120@10, GOP 10),
     * one per camera of a fleet.
     */
    public static RtspCameraServer startCameras(int n) {
        RtspCameraServer cam = new RtspCameraServer(null, null);
        cam.cameras = n;
        return launched(cam);
    }

    /** {@link #startCameras(int)} that also logs PLAY, TEARDOWN and CLOSED per client (see {@link #startWithSessionLog()}). */
    public static RtspCameraServer startCamerasWithSessionLog(int n) {
        RtspCameraServer cam = new RtspCameraServer(null, null);
        cam.cameras = n;
        cam.sessionLog = true;
        return launched(cam);
    }

    /** A camera that also logs PLAY, TEARDOWN and CLOSED per client, for {@link #count(String)} of those events. */
    public static RtspCameraServer startWithSessionLog() {
        RtspCameraServer cam = new RtspCameraServer(null, null);
        cam.sessionLog = true;
        return launched(cam);
    }

    /**
     * A camera whose RTCP sender reports lie: their NTP clock is GStreamer's {@code ntp-time-source} {@code source}
     * ({@code running-time}: seconds since the pipeline started, a wall clock near 1900, as a camera whose clock reset).
     */
    public static RtspCameraServer startWithClock(String source) {
        RtspCameraServer cam = new RtspCameraServer(null, null);
        cam.ntpSource = source;
        return launched(cam);
    }

    private static RtspCameraServer launched(RtspCameraServer cam) {
        Prerequisites.requireLinux();
        Prerequisites.requirePython();
        cam.launch(0); // the script binds port 0 and reports the port it got: no race with other programs
        return cam;
    }

    private void launch(int requestedPort) {
        List<String> cmd = new ArrayList<>(List.of(Prerequisites.PYTHON.toString(), script.toString(),
                String.valueOf(requestedPort)));
        Map<String, String> env = new HashMap<>();
        env.put("PYTHONUNBUFFERED", "1");
        env.put("RTSP_CAMERAS", String.valueOf(cameras));
        if (ntpSource != null) {
            env.put("RTSP_NTP_SOURCE", ntpSource);
        }
        if (sessionLog) {
            env.put("RTSP_SESSION_LOG", "1");
        }
        if (user != null) {
            env.put("RTSP_USER", user);
            env.put("RTSP_PASS", password);
        }
        ProcessBuilder pb = ServerProcess.command(cmd, env);
        pb.environment().remove("PYTHONPATH"); // Debian's python, Debian's modules
        pb.environment().remove("PYTHONHOME");
        server = new ServerProcess("rtsp-camera", pb);
        server.start();
        try {
            server.awaitReady(() -> READY.matcher(server.log()).find(), START_TIMEOUT, "ready (READY line)");
        } catch (ServerProcess.ServerExited e) {
            if (e.status == 3 && e.output.contains("MISSING")) {
                Prerequisites.missing("GStreamer RTSP server for Python: " + e.output.trim());
            }
            throw e;
        }
        Matcher m = READY.matcher(server.log());
        m.find();
        port = Integer.parseInt(m.group(1));
        encoder = m.group(2);
        audioEncoder = m.group(3);
        if (!ServerProcess.isListening(port)) {
            throw new IllegalStateException("rtsp_camera.py said READY but nothing listens on 127.0.0.1:" + port);
        }
    }

    public int port() {
        return port;
    }

    /** {@code rtsp://127.0.0.1:PORT/mount}, without credentials. */
    public String url(String mount) {
        return "rtsp://127.0.0.1:" + port + (mount.startsWith("/") ? mount : "/" + mount);
    }

    /** {@code rtsp://user:password@127.0.0.1:PORT/mount}. */
    public String url(String mount, String user, String password) {
        return "rtsp://" + user + ":" + password + "@127.0.0.1:" + port + (mount.startsWith("/") ? mount : "/" + mount);
    }

    /** The GStreamer H.264 encoder element in use (x264enc, openh264enc...). */
    public String videoEncoder() {
        return encoder;
    }

    /** The GStreamer audio encoder element of {@code /audio} (voaacenc, avenc_aac, opusenc), or "None". */
    public String audioEncoder() {
        return audioEncoder;
    }

    public long pid() {
        return server.pid();
    }

    public boolean isRunning() {
        return server.isAlive();
    }

    public boolean isFrozen() {
        return server.isFrozen();
    }

    /** SIGKILL: the camera crashes; the kernel closes its sockets. Returns once the process is gone. */
    public void kill() {
        server.kill();
    }

    /** Starts the camera again on the same port (stopping it first if it still runs); returns once it listens. */
    public void restart() {
        server.stop(Duration.ofSeconds(5));
        launch(port);
    }

    /** SIGSTOP: the camera hangs, its sockets stay open and connected clients get nothing more. */
    public void freeze() {
        server.freeze();
    }

    /** SIGCONT after {@link #freeze()}. */
    public void thaw() {
        server.thaw();
    }

    /** Everything the server printed (its READY line, GStreamer warnings). */
    public String log() {
        return server.log();
    }

    /** RTSP client connections the server accepted so far (its CLIENT lines). */
    public long clients() {
        return log().lines().filter("CLIENT"::equals).count();
    }

    /**
     * How many times the camera logged {@code event} since it last started: {@code PLAY} and {@code TEARDOWN} requests
     * (a client that ends its session says TEARDOWN; one that only drops the connection does not), {@code CLOSED}
     * connections, {@code CLIENT} connections.
     */
    public long count(String event) {
        return log().lines().filter(l -> l.equals(event) || l.startsWith(event + " ")).count();
    }

    /**
     * A client of the test's own (the bundled ffmpeg, reading to null) that holds {@code mount} prepared until closed:
     * gst-rtsp-server 1.22 aborts (gst_rtsp_media_get_rates assertion) when two clients set up a shared mount before
     * it is prepared, which routes that open one camera twice at start-up do. Returns once ffmpeg decoded a frame; it
     * counts as one more {@link #clients() client}.
     */
    public AutoCloseable prepared(String mount) throws IOException, InterruptedException {
        Process p = Ffmpeg.cli(false, List.of("-nostdin", "-v", "error", "-rtsp_transport", "tcp", "-i", url(mount),
                "-map", "0:v", "-f", "null", "-progress", "pipe:1", "-stats_period", "0.2", "-"))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        AutoCloseable stop = () -> {
            p.destroy();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        };
        try {
            var out = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(),
                    java.nio.charset.StandardCharsets.UTF_8));
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("frame=") && !line.equals("frame=0")) {
                    Thread drain = new Thread(() -> out.lines().forEach(l -> { }), "prepared-" + mount);
                    drain.setDaemon(true);
                    drain.start(); // keep reading its progress so ffmpeg never blocks on a full pipe
                    return stop;
                }
            }
            throw new IOException("ffmpeg ended before it read a frame from " + url(mount));
        } catch (IOException | RuntimeException e) {
            try {
                stop.close();
            } catch (Exception ignored) {
                // already failing
            }
            throw e;
        }
    }

    /** SIGTERM (after SIGCONT if frozen), then SIGKILL after 5 s. */
    @Override
    public void close() {
        server.stop(Duration.ofSeconds(5));
    }
}
