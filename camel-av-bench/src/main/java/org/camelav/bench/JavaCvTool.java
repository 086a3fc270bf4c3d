package org.camelav.bench;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.FFmpegLogCallback;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;

/** JavaCV's FFmpegFrameGrabber/FFmpegFrameRecorder, as its documentation uses them, on the same FFmpeg natives. */
final class JavaCvTool implements Worker.Tool {

    JavaCvTool() throws Exception {
        FFmpegFrameGrabber.tryLoad();
        org.bytedeco.ffmpeg.global.avutil.av_log_set_level(org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR);
    }

    @Override
    public String describe(String workload, Map<String, String> a) {
        return switch (workload) {
            case "decode" -> "FFmpegFrameGrabber imageMode=RAW, grabImage() loop";
            case "bgr24" -> "FFmpegFrameGrabber imageMode=COLOR (BGR24), grabImage() loop, reads image[0]";
            case "keyframes" -> "FFmpegFrameGrabber RAW, videoOption skip_frame=nokey, grabImage() loop";
            case "packets" -> "FFmpegFrameGrabber grabPacket() loop";
            case "remux" -> "grabPacket() -> FFmpegFrameRecorder(mkv).start(grabber.getFormatContext()).recordPacket()"
                             + " (codec tags cleared first)";
            case "encode" -> "grabImage() (BGR24) -> FFmpegFrameRecorder libopenh264 2 Mbit/s gop 60, record(frame)";
            case "encode-x264" -> "grabImage() (BGR24) -> FFmpegFrameRecorder libx264 preset=fast crf=28 tune=zerolatency";
            case "live" -> "N threads x FFmpegFrameGrabber RAW threads=1, grabImage() paced to 25 fps";
            case "memory" -> "FFmpegFrameGrabber RAW grabImage() loop, setTimestamp(0) at the end";
            default -> "?";
        };
    }

    private static FFmpegFrameGrabber grabber(String clip, FrameGrabber.ImageMode mode) {
        FFmpegFrameGrabber g = new FFmpegFrameGrabber(clip);
        g.setImageMode(mode);
        return g;
    }

    @Override
    public Worker.Pass pass(String workload, Map<String, String> a) {
        String clip = a.get("clip");
        String out = a.get("out");
        return switch (workload) {
            case "decode" -> () -> grabAll(grabber(clip, FrameGrabber.ImageMode.RAW), false);
            case "bgr24" -> () -> grabAll(grabber(clip, FrameGrabber.ImageMode.COLOR), true);
            case "keyframes" -> () -> {
                FFmpegFrameGrabber g = grabber(clip, FrameGrabber.ImageMode.RAW);
                g.setVideoOption("skip_frame", "nokey");
                return grabAll(g, false);
            };
            case "packets" -> () -> {
                long n = 0;
                try (FFmpegFrameGrabber g = grabber(clip, FrameGrabber.ImageMode.RAW)) {
                    g.start();
                    AVPacket p;
                    while ((p = g.grabPacket()) != null) {
                        if (p.stream_index() == g.getVideoStream()) {
                            n++;
                        }
                    }
                    g.stop();
                }
                return n;
            };
            case "remux" -> () -> {
                long n = 0;
                try (FFmpegFrameGrabber g = grabber(clip, FrameGrabber.ImageMode.RAW)) {
                    g.start();
                    // MP4's codec tags (avc1, mp4a) are not Matroska's; the ffmpeg CLI drops them, JavaCV copies them
                    for (int i = 0; i < g.getFormatContext().nb_streams(); i++) {
                        g.getFormatContext().streams(i).codecpar().codec_tag(0);
                    }
                    try (FFmpegFrameRecorder r = new FFmpegFrameRecorder(out, g.getAudioChannels())) {
                        r.setFormat("matroska");
                        r.start(g.getFormatContext());
                        AVPacket p;
                        while ((p = g.grabPacket()) != null) {
                            if (p.stream_index() == g.getVideoStream()) {
                                n++;
                            }
                            r.recordPacket(p);
                        }
                        r.stop();
                    }
                    g.stop();
                }
                return n;
            };
            case "encode", "encode-x264" -> () -> {
                long n = 0;
                try (FFmpegFrameGrabber g = grabber(clip, FrameGrabber.ImageMode.COLOR)) {
                    g.start();
                    try (FFmpegFrameRecorder r = new FFmpegFrameRecorder(out, g.getImageWidth(), g.getImageHeight(), 0)) {
                        r.setFormat("mp4");
                        r.setFrameRate(g.getFrameRate());
                        r.setGopSize(60);
                        r.setPixelFormat(AV_PIX_FMT_YUV420P);
                        if (workload.equals("encode")) {
                            r.setVideoCodecName("libopenh264");
                            r.setVideoBitrate(2_000_000);
                        } else {
                            r.setVideoCodecName("libx264");
                            r.setVideoOption("preset", "fast");
                            r.setVideoOption("crf", "28");
                            r.setVideoOption("tune", "zerolatency");
                        }
                        r.start();
                        Frame f;
                        while ((f = g.grabImage()) != null) {
                            r.record(f);
                            n++;
                        }
                        r.stop();
                    }
                    g.stop();
                }
                return n;
            };
            default -> throw new IllegalArgumentException("javacv has no workload " + workload);
        };
    }

    private static long grabAll(FFmpegFrameGrabber g, boolean touch) throws Exception {
        long n = 0;
        try (g) {
            g.start();
            Frame f;
            while ((f = g.grabImage()) != null) {
                if (touch && ((ByteBuffer) f.image[0]).get(0) == 0x7f && n < 0) {
                    n--;
                }
                n++;
            }
            g.stop();
        }
        return n;
    }

    @Override
    public Map<String, Object> special(String workload, Map<String, String> a) throws Exception {
        return switch (workload) {
            case "live" -> live(a);
            case "memory" -> memory(a);
            default -> null;
        };
    }

    private Map<String, Object> live(Map<String, String> a) throws Exception {
        LiveTrial trial = new LiveTrial(a);
        for (int i = 0; i < trial.streams; i++) {
            int k = i;
            Thread t = new Thread(() -> {
                try (FFmpegFrameGrabber g = grabber(a.get("clip"), FrameGrabber.ImageMode.RAW)) {
                    g.setVideoOption("threads", "1");
                    g.start();
                    while (trial.count(k) < trial.frames) {
                        Frame f = g.grabImage();
                        if (f == null) {
                            break;
                        }
                        trial.pace(k, trial.arrived(k));
                    }
                    g.stop();
                } catch (Exception e) {
                    e.printStackTrace();
                } finally {
                    trial.ended(k);
                }
            });
            t.start();
        }
        return trial.await();
    }

    private Map<String, Object> memory(Map<String, String> a) throws Exception {
        long frames = Long.parseLong(a.get("frames"));
        long at = Long.parseLong(a.get("at"));
        long n = 0;
        long rssAt = 0;
        double c0 = Proc.cpuSeconds();
        long t0 = System.nanoTime();
        try (FFmpegFrameGrabber g = grabber(a.get("clip"), FrameGrabber.ImageMode.RAW)) {
            g.start();
            while (n < frames) {
                Frame f = g.grabImage();
                if (f == null) {
                    g.setTimestamp(0);
                    continue;
                }
                if (++n == at) {
                    rssAt = Proc.rssKb();
                }
            }
            long rssEnd = Proc.rssKb();
            g.stop();
            return CamelAvTool.memorySummary(n, at, rssAt, rssEnd, (System.nanoTime() - t0) / 1e9,
                    Proc.cpuSeconds() - c0);
        }
    }

    static {
        // keep JavaCV's own FFmpeg log quiet, as the other tools run at error level
        try {
            FFmpegLogCallback.setLevel(org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR);
        } catch (Throwable ignored) {
            // older JavaCV
        }
    }
}
