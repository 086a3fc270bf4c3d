package org.camelav.bench;

import static org.camelav.bench.Commands.ff;
import static org.camelav.bench.Commands.java;

import java.util.ArrayList;
import java.util.List;

import org.camelav.bench.Workload.Entry;

/** The workload table: every section of the report in its order, with each tool's command line for it. */
final class Workloads {

    private final BenchContext ctx;
    private final Clips clips;
    private final ThroughputSection throughput;
    private final LiveSection live;
    private final MemorySection memory;

    Workloads(BenchContext ctx, Clips clips) {
        this.ctx = ctx;
        this.clips = clips;
        this.throughput = new ThroughputSection(ctx);
        this.live = new LiveSection(ctx);
        this.memory = new MemorySection(ctx);
    }

    List<Workload> all() {
        String cp = ctx.options().cp();
        String ffmpeg = ctx.tools().ffmpeg();
        String gplFfmpeg = ctx.tools().gplFfmpeg();
        String gplCp = ctx.tools().gplCp();
        String pyavWhyNot = ctx.tools().pyavWhyNot();
        List<Workload> w = new ArrayList<>();
        Clip c1080 = clips.get("c1080");
        Clip c720 = clips.get("c720");
        Clip av720 = clips.get("av720");
        Clip c360 = clips.get("c360");
        for (Clip c : ctx.options().quick() ? List.of(c1080) : List.of(c1080, c720)) {
            String res = c == c1080 ? "1080p" : "720p";
            String clip = "clip=" + c.path();
            w.add(new Workload("decode-" + res, "1. decode to nothing, " + res, c, c.frames(), List.of(
                    new Entry("ffmpeg", "-threads 0 -i clip -f null -",
                            n -> ff(ffmpeg, "-threads", "0", "-i", c.path().toString(), "-f", "null", "-"), false, null),
                    new Entry("camel-av", null, n -> java(cp, "camel-av", "decode", n, clip), true, null),
                    new Entry("camel-av MediaReader", null, n -> java(cp, "camel-av", "decode", n, clip, "media=1"), true,
                            null),
                    new Entry("camel-av zeroCopy", null, n -> java(cp, "camel-av", "decode", n, clip,
                            "opts=zeroCopy=true"), true, null),
                    pyav("decode", clip),
                    new Entry("javacv", null, n -> java(cp, "javacv", "decode", n, clip), true, null),
                    new Entry("javacpp loop", null, n -> java(cp, "javacpp", "decode", n, clip), true, null)),
                    throughput::run));
        }
        String clip = "clip=" + c1080.path();
        w.add(new Workload("bgr24-1080p", "2. decode + bgr24 delivery, 1080p", c1080, c1080.frames(), List.of(
                new Entry("ffmpeg", "-threads 0 -i clip -pix_fmt bgr24 -f null -",
                        n -> ff(ffmpeg, "-threads", "0", "-i", c1080.path().toString(), "-pix_fmt", "bgr24", "-f", "null",
                                "-"), false, null),
                new Entry("camel-av", null, n -> java(cp, "camel-av", "bgr24", n, clip), true, null),
                new Entry("camel-av MediaReader", null, n -> java(cp, "camel-av", "bgr24", n, clip, "media=1"), true,
                        null),
                new Entry("camel-av zeroCopy", null, n -> java(cp, "camel-av", "bgr24", n, clip, "opts=zeroCopy=true"),
                        true, null),
                pyav("bgr24", clip),
                new Entry("javacv", null, n -> java(cp, "javacv", "bgr24", n, clip), true, null)), throughput::run));
        w.add(new Workload("keyframes-1080p", "3. key frames only, 1080p", c1080, c1080.keyFrames(), List.of(
                new Entry("ffmpeg", "-skip_frame nokey -threads 0 -i clip -f null -",
                        n -> ff(ffmpeg, "-skip_frame", "nokey", "-threads", "0", "-i", c1080.path().toString(), "-f",
                                "null", "-"), false, null),
                new Entry("camel-av", null, n -> java(cp, "camel-av", "keyframes", n, clip), true, null),
                pyav("keyframes", clip),
                new Entry("javacv", null, n -> java(cp, "javacv", "keyframes", n, clip), true, null),
                new Entry("javacpp loop", null, n -> java(cp, "javacpp", "keyframes", n, clip), true, null)),
                throughput::run));
        w.add(new Workload("packets-1080p", "4a. packets only, 1080p", c1080, c1080.frames(), List.of(
                new Entry("ffmpeg", "-i clip -c copy -f null -",
                        n -> ff(ffmpeg, "-i", c1080.path().toString(), "-c", "copy", "-f", "null", "-"), false, null),
                new Entry("camel-av", null, n -> java(cp, "camel-av", "packets", n, clip), true, null),
                pyav("packets", clip),
                new Entry("javacv", null, n -> java(cp, "javacv", "packets", n, clip), true, null)), throughput::run));
        String avc = "clip=" + av720.path();
        w.add(new Workload("remux-720p-aac", "4b. remux MP4 (H.264 + AAC) to MKV, 720p", av720, av720.frames(), List.of(
                new Entry("ffmpeg", "-i clip -map 0 -c copy -y out.mkv",
                        n -> ff(ffmpeg, "-i", av720.path().toString(), "-map", "0", "-c", "copy", "-y", outFile("ffmpeg",
                                "mkv")), false, null),
                new Entry("camel-av", null, n -> java(cp, "camel-av", "remux", n, avc, "out=" + outFile("camel-av", "mkv")),
                        true, null),
                pyav("remux", avc, "out=" + outFile("pyav", "mkv")),
                new Entry("javacv", null, n -> java(cp, "javacv", "remux", n, avc, "out=" + outFile("javacv", "mkv")),
                        true, null)), throughput::run));
        String c7 = "clip=" + c720.path();
        w.add(new Workload("encode-720p-openh264", "5a. decode + encode H.264 720p, default (LGPL) encoder libopenh264"
                + " 2 Mbit/s GOP 60", c720, c720.frames(), List.of(
                new Entry("ffmpeg", "-i clip -c:v libopenh264 -b:v 2M -g 60 -y out.mp4",
                        n -> ff(ffmpeg, "-i", c720.path().toString(), "-c:v", "libopenh264", "-b:v", "2M", "-g", "60", "-y",
                                outFile("ffmpeg", "mp4")), false, null),
                new Entry("camel-av", null, n -> java(cp, "camel-av", "encode", n, c7, "out=" + outFile("camel-av",
                        "mp4")), true, null),
                new Entry("camel-av zeroCopy", null, n -> java(cp, "camel-av", "encode", n, c7, "out="
                        + outFile("camel-av-zc", "mp4"), "opts=zeroCopy=true"), true, null),
                new Entry("camel-av serial", "before issue 35: maxInflightExchanges=1, pipelined=false",
                        n -> java(cp, "camel-av", "encode", n, c7, "out=" + outFile("camel-av-serial", "mp4"),
                                "opts=maxInflightExchanges=1", "outOpts=pipelined=false"), true, null),
                pyav("encode", c7, "out=" + outFile("pyav", "mp4")),
                new Entry("javacv", null, n -> java(cp, "javacv", "encode", n, c7, "out=" + outFile("javacv", "mp4")),
                        true, null)), throughput::run));
        String gplNo = gplCp == null ? "GPL natives not available: " + ctx.tools().gplWhyNot() : null;
        w.add(new Workload("encode-720p-x264", "5b. decode + encode H.264 720p, GPL build: libx264 preset=fast crf=28"
                + " tune=zerolatency GOP 60", c720, c720.frames(), List.of(
                new Entry("ffmpeg", "-i clip -c:v libx264 -preset fast -crf 28 -tune zerolatency -g 60 -y out.mp4 (GPL"
                        + " natives jar's ffmpeg)",
                        n -> ff(gplFfmpeg, "-i", c720.path().toString(), "-c:v", "libx264", "-preset", "fast", "-crf", "28",
                                "-tune", "zerolatency", "-g", "60", "-y", outFile("ffmpeg-x264", "mp4")), false, gplNo),
                new Entry("camel-av", "-Dgpl class path", n -> java(gplCp, "camel-av", "encode-x264", n, c7,
                        "out=" + outFile("camel-av-x264", "mp4")), true, gplNo),
                new Entry("camel-av serial", "-Dgpl class path; before issue 35: maxInflightExchanges=1, pipelined=false",
                        n -> java(gplCp, "camel-av", "encode-x264", n, c7, "out=" + outFile("camel-av-x264-serial",
                                "mp4"), "opts=maxInflightExchanges=1", "outOpts=pipelined=false"), true, gplNo),
                pyav("encode-x264", c7, "out=" + outFile("pyav-x264", "mp4")),
                new Entry("javacv", "-Dgpl class path", n -> java(gplCp, "javacv", "encode-x264", n, c7,
                        "out=" + outFile("javacv-x264", "mp4")), true, gplNo)), throughput::run));
        w.add(new Workload("live-360p", "6. live: concurrent 640x360@25 sources paced in real time (file read like"
                + " ffmpeg -re), decoder threads=1 each", c360, c360.frames(), List.of(
                new Entry("ffmpeg", "N processes: -re -threads 1 -i clip -frames:v F -f null -", null, false, null),
                new Entry("camel-av", null, null, true, null),
                new Entry("camel-av zeroCopy", null, null, true, null),
                new Entry("pyav", null, null, true, pyavWhyNot),
                new Entry("javacv", null, null, true, null)), live::run));
        w.add(new Workload("memory-360p", "7. memory: RSS after " + memory.at() + " vs " + memory.frames()
                + " decoded frames (clip looped)", c360, c360.frames(), List.of(
                new Entry("ffmpeg", "-stream_loop -1 -i clip -frames:v F -f null -, VmRSS from /proc via -progress",
                        null, false, null),
                new Entry("camel-av", null, null, true, null),
                new Entry("pyav", null, null, true, pyavWhyNot),
                new Entry("javacv", null, null, true, null)), memory::run));
        return w;
    }

    private Entry pyav(String workload, String... args) {
        return new Entry("pyav", null, n -> ctx.commands().py(workload, n, args), true, ctx.tools().pyavWhyNot());
    }

    private String outFile(String tool, String ext) {
        return ctx.options().tmp().resolve(tool + "." + ext).toString();
    }
}
