#!/usr/bin/python3
"""PyAV side of bench/run: `pyav_worker.py <workload> <passes> key=value...`, one BENCH_RESULT json line out.

Runs under Debian's /usr/bin/python3 with python3-av (PyAV 10, linked against Debian's own FFmpeg 5.1), so the
libavcodec differs from the one camel-av, JavaCV and the ffmpeg CLI use: that difference is part of the comparison.
"""
import json
import os
import sys
import threading
import time

T0 = time.time()
import av  # noqa: E402  (import time counts as start-up)

av.logging.set_level(av.logging.ERROR)


def rss_kb(field="VmRSS:"):
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(field):
                return int(line.split()[1])
    return -1


def open_video(clip, threads="AUTO"):
    c = av.open(clip)
    s = c.streams.video[0]
    s.thread_type = threads
    return c, s


def decode(a):
    c, s = open_video(a["clip"])
    n = 0
    for _ in c.decode(s):
        n += 1
    c.close()
    return n


def bgr24(a):
    c, s = open_video(a["clip"])
    n = 0
    for f in c.decode(s):
        arr = f.to_ndarray(format="bgr24")
        if arr.shape[2] != 3:
            raise RuntimeError("not bgr")
        n += 1
    c.close()
    return n


def keyframes(a):
    c, s = open_video(a["clip"])
    s.codec_context.skip_frame = "NONKEY"
    n = 0
    for _ in c.decode(s):
        n += 1
    c.close()
    return n


def packets(a):
    c = av.open(a["clip"])
    s = c.streams.video[0]
    n = 0
    for p in c.demux(s):
        if p.size:
            n += 1
    c.close()
    return n


def remux(a):
    c = av.open(a["clip"])
    out = av.open(a["out"], "w", format="matroska")
    streams = {}
    for s in c.streams:
        streams[s.index] = out.add_stream(template=s)
    n = 0
    for p in c.demux():
        if p.dts is None:
            continue  # the flush packets demux() yields at the end
        if p.stream.type == "video":
            n += 1
        p.stream = streams[p.stream.index]
        out.mux(p)
    out.close()
    c.close()
    return n


def encode(a, x264=False):
    from fractions import Fraction
    c, s = open_video(a["clip"])
    out = av.open(a["out"], "w")
    rate = s.average_rate or Fraction(30)
    if x264:
        o = out.add_stream("libx264", rate=rate, options={"preset": "fast", "crf": "28", "tune": "zerolatency"})
    else:
        if "libopenh264" not in av.codecs_available:
            raise RuntimeError("Debian's FFmpeg 5.1 (under python3-av) has no libopenh264 encoder")
        o = out.add_stream("libopenh264", rate=rate)
        o.bit_rate = 2_000_000
    o.width = s.codec_context.width
    o.height = s.codec_context.height
    o.pix_fmt = "yuv420p"
    o.codec_context.gop_size = 60
    tb = Fraction(1, int(round(rate)))
    o.codec_context.time_base = tb
    n = 0
    for f in c.decode(s):
        # number the frames in the encoder's time base (pts=None lets libx264 emit non-monotonic dts on long runs)
        f.pts = n
        f.time_base = tb
        for p in o.encode(f):
            out.mux(p)
        n += 1
    for p in o.encode():
        out.mux(p)
    out.close()
    c.close()
    return n


def live(a):
    # like LiveTrial: every source waits at its first frame until all have one, then all clocks start together
    n = int(a["streams"])
    frames = int(a["frames"])
    fps = float(a.get("fps", 25))
    opened = [0.0] * n
    last = [0.0] * n
    counts = [0] * n
    origin = [0.0]
    cpu_at_origin = [0.0]
    half = [0.0, 0.0]  # process CPU and time when source 0 is half-way: the second half is the steady state

    def release():
        cpu_at_origin[0] = time.process_time()
        origin[0] = time.monotonic()

    barrier = threading.Barrier(n, action=release, timeout=60)

    def run(k):
        c, s = open_video(a["clip"], threads="NONE")
        for _ in c.decode(s):
            if counts[k] == 0:
                opened[k] = time.monotonic()
                barrier.wait()
            last[k] = time.monotonic()
            counts[k] += 1
            if k == 0 and counts[k] == frames // 2:
                half[0], half[1] = time.process_time(), time.monotonic()
            if counts[k] >= frames:
                break
            wait = origin[0] + counts[k] / fps - time.monotonic()
            if wait > 0:
                time.sleep(wait)
        c.close()

    c0 = time.process_time()
    t0 = time.monotonic()
    threads = [threading.Thread(target=run, args=(k,)) for k in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    lags = [(last[k] - origin[0]) - (counts[k] - 1) / fps if counts[k] else float("inf") for k in range(n)]
    total = sum(counts)
    return {"streams": n, "framesPerStream": frames, "framesTotal": total, "finished": total == n * frames,
            "maxLagSeconds": max(lags), "meanLagSeconds": sum(lags) / n,
            "openSpreadSeconds": max(opened) - min(opened), "allRunningSeconds": min(last) - origin[0],
            "coresBusyRunning": (time.process_time() - cpu_at_origin[0]) / (time.monotonic() - origin[0]),
            "coresBusySecondHalf": (time.process_time() - half[0]) / (time.monotonic() - half[1]) if half[1] else None,
            "wallSeconds": time.monotonic() - t0, "cpuSeconds": time.process_time() - c0}


def memory(a):
    frames = int(a["frames"])
    at = int(a["at"])
    c, s = open_video(a["clip"])
    n = 0
    rss_at = 0
    c0 = time.process_time()
    t0 = time.monotonic()
    while n < frames:
        got = False
        for _ in c.decode(s):
            got = True
            n += 1
            if n == at:
                rss_at = rss_kb()
            if n >= frames:
                break
        if not got:
            break
        c.seek(0)
    rss_end = rss_kb()
    c.close()
    return {"framesTotal": n, "sampleAt": at, "rssAtKb": rss_at, "rssEndKb": rss_end,
            "growthPct": (rss_end - rss_at) * 100.0 / rss_at if rss_at else None,
            "wallSeconds": time.monotonic() - t0, "cpuSeconds": time.process_time() - c0}


PASSES = {"decode": decode, "bgr24": bgr24, "keyframes": keyframes, "packets": packets, "remux": remux,
          "encode": encode, "encode-x264": lambda a: encode(a, True)}
SPECIAL = {"live": live, "memory": memory}
DESCRIBE = {
    "decode": "container.decode(video=0), thread_type=AUTO",
    "bgr24": "container.decode(video=0), frame.to_ndarray(format='bgr24')",
    "keyframes": "codec_context.skip_frame='NONKEY', container.decode(video=0)",
    "packets": "container.demux(video=0)",
    "remux": "container.demux() -> add_stream(template=...) mkv, mux(packet)",
    "encode": "decode -> add_stream('libopenh264', bit_rate 2M, gop 60) -> encode/mux",
    "encode-x264": "decode -> add_stream('libx264', preset=fast crf=28 tune=zerolatency, gop 60) -> encode/mux",
    "live": "N threads x container.decode(video=0), thread_type=NONE, paced to 25 fps",
    "memory": "container.decode(video=0) loop, seek(0) at the end",
}


def main():
    workload = sys.argv[1]
    passes = int(sys.argv[2])
    a = dict(x.split("=", 1) for x in sys.argv[3:])
    out = {"tool": "pyav", "workload": workload, "describe": DESCRIBE.get(workload, "?"),
           "pyav": av.__version__, "libavcodec": ".".join(map(str, av.library_versions["libavcodec"]))}
    try:
        if workload in SPECIAL:
            out.update(SPECIAL[workload](a))
        else:
            fn = PASSES[workload]
            frames, wall, cpu = [], [], []
            for p in range(passes):
                if p == 0:
                    out["startupSeconds"] = time.time() - T0
                c0 = time.process_time()
                t0 = time.perf_counter()
                frames.append(fn(a))
                wall.append(time.perf_counter() - t0)
                cpu.append(time.process_time() - c0)
            out.update(frames=frames, passSeconds=wall, passCpuSeconds=cpu)
    except Exception as e:  # the row says why
        out["error"] = "%s: %s" % (type(e).__name__, e)
    out["rssKb"] = rss_kb()
    out["peakRssKb"] = rss_kb("VmHWM:")
    print("BENCH_RESULT " + json.dumps(out), flush=True)


if __name__ == "__main__":
    main()
