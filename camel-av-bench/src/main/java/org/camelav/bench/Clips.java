package org.camelav.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The test clips, made once per frame count with the bundled ffmpeg and listed in the report. */
final class Clips {

    private final BenchContext ctx;
    private final Map<String, Clip> byName = new LinkedHashMap<>();

    private Clips(BenchContext ctx) {
        this.ctx = ctx;
    }

    static Clips make(BenchContext ctx) throws Exception {
        Clips c = new Clips(ctx);
        c.makeAll();
        return c;
    }

    Clip get(String name) {
        return byName.get(name);
    }

    private void makeAll() throws Exception {
        int f = ctx.options().clipFrames();
        String noise = ",noise=alls=20:allf=t+u";
        clip("c1080", "1920x1080", 30, "8M", false, f, noise);
        clip("c720", "1280x720", 30, "4M", false, f, noise);
        clip("av720", "1280x720", 30, "4M", true, f, noise);
        // the live row's clip lasts its trial (--live-seconds) and a second more
        int live = (int) Math.ceil(ctx.options().liveSeconds() * 25) + 25;
        clip("c360", "640x360", 25, "1M", false, Math.max(ctx.options().quick() ? 250 : 600, live), noise);
        Report r = ctx.report();
        r.line("Clips (bundled ffmpeg, testsrc2 + temporal noise, libopenh264, GOP 60, yuv420p):");
        r.line("");
        for (Map.Entry<String, Clip> e : byName.entrySet()) {
            r.line("- `" + e.getKey() + "`: " + e.getValue().desc() + ", " + e.getValue().frames() + " frames, "
                   + e.getValue().keyFrames() + " key frames");
        }
        r.line("");
    }

    private void clip(String name, String size, int rate, String bitrate, boolean audio, int frames, String noise)
            throws Exception {
        Path clips = ctx.options().clips();
        Path p = clips.resolve(name + "-" + frames + ".mp4");
        List<String> cmd = new ArrayList<>(List.of(ctx.tools().ffmpeg(), "-hide_banner", "-nostdin", "-loglevel",
                "error", "-y", "-f", "lavfi", "-i", "testsrc2=size=" + size + ":rate=" + rate + noise));
        if (audio) {
            cmd.addAll(List.of("-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000,aformat=channel_layouts=stereo"));
        }
        cmd.addAll(List.of("-frames:v", String.valueOf(frames), "-c:v", "libopenh264", "-b:v", bitrate, "-g", "60",
                "-pix_fmt", "yuv420p"));
        if (audio) {
            cmd.addAll(List.of("-c:a", "aac", "-b:a", "128k", "-shortest"));
        }
        cmd.add(p.toString());
        if (!Files.exists(p)) {
            Path part = clips.resolve(name + "-" + frames + ".part.mp4");
            cmd.set(cmd.size() - 1, part.toString());
            Exec.Res r = ctx.exec().exec(cmd, 1800, true);
            if (r.exit() != 0) {
                throw new IllegalStateException("clip " + name + " failed: " + r.stderr());
            }
            Files.move(part, p);
        }
        String probe = ClipProbe.countFrames(p);
        String[] counts = probe.split(" ");
        byName.put(name, new Clip(p, Integer.parseInt(counts[0]), Integer.parseInt(counts[1]),
                size + "@" + rate + " H.264 " + bitrate + "bit/s" + (audio ? " + AAC 48 kHz stereo 128k" : "")));
    }
}
