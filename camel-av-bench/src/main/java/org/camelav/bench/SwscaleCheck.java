package org.camelav.bench;

import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_BT470BG;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_BT709;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_image_fill_arrays;
import static org.bytedeco.ffmpeg.global.avutil.av_opt_set_int;
import static org.bytedeco.ffmpeg.global.swscale.SWS_ACCURATE_RND;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BILINEAR;
import static org.bytedeco.ffmpeg.global.swscale.sws_alloc_context;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCoefficients;
import static org.bytedeco.ffmpeg.global.swscale.sws_getContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_init_context;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;
import static org.bytedeco.ffmpeg.global.swscale.sws_setColorspaceDetails;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Issue 35 §3: is a yuv420p -> bgr24 conversion with BT.709 coefficients (what camel-av sets for HD, as libavfilter's
 * scale filter does) slower in swscale than one with its BT.601 default (what JavaCV gets)? Converts one noisy
 * 1920x1080 picture with each set-up, interleaved rounds, and prints ms per picture and whether the BT.709 set-ups
 * give identical pixels. {@code java -cp ... org.camelav.bench.SwscaleCheck [frames-per-round] [rounds]}
 */
public final class SwscaleCheck {

    private SwscaleCheck() {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int w = 1920;
        int h = 1080;
        AVFrame src = frame(w, h, AV_PIX_FMT_YUV420P);
        Random r = new Random(42);
        for (int p = 0; p < 3; p++) {
            int size = src.linesize(p) * (p == 0 ? h : h / 2);
            byte[] noise = new byte[size];
            r.nextBytes(noise);
            for (int i = 0; i < size; i++) {
                noise[i] = (byte) (16 + (noise[i] & 0xff) * 219 / 255); // limited range
            }
            src.data(p).capacity(size).put(noise);
        }
        Map<String, SwsContext> setups = new LinkedHashMap<>();
        setups.put("getContext, BT.601 default (JavaCV)", sws_getContext(w, h, AV_PIX_FMT_YUV420P, w, h,
                AV_PIX_FMT_BGR24, SWS_BILINEAR, null, null, (double[]) null));
        setups.put("alloc+init, ranges 0/1, details BT.709 (camel-av)", configured(w, h, AVCOL_SPC_BT709, 0));
        setups.put("alloc+init, ranges 0/1, details BT.601", configured(w, h, AVCOL_SPC_BT470BG, 0));
        setups.put("getContext, then details BT.709 ranges 0/0", detailsAfter(w, h, AVCOL_SPC_BT709));
        setups.put("alloc+init, ranges 0/1, details BT.709, ACCURATE_RND", configured(w, h, AVCOL_SPC_BT709,
                SWS_ACCURATE_RND));
        Map<String, List<Double>> ms = new LinkedHashMap<>();
        Map<String, byte[]> outputs = new LinkedHashMap<>();
        for (int round = 0; round < rounds + 1; round++) {
            for (var e : setups.entrySet()) {
                AVFrame dst = frame(w, h, AV_PIX_FMT_BGR24);
                long t0 = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    sws_scale(e.getValue(), src.data(), src.linesize(), 0, h, dst.data(), dst.linesize());
                }
                double per = (System.nanoTime() - t0) / 1e6 / n;
                if (round > 0) { // round 0 warms up
                    ms.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(per);
                }
                byte[] px = new byte[dst.linesize(0) * h];
                dst.data(0).capacity(px.length).get(px);
                outputs.put(e.getKey(), px);
                av_frame_free(dst);
            }
        }
        byte[] reference = outputs.get("alloc+init, ranges 0/1, details BT.709 (camel-av)");
        System.out.println("load average " + Machine.load() + "; " + n + " pictures 1920x1080 per round, " + rounds
                           + " rounds");
        for (var e : ms.entrySet()) {
            List<Double> v = new ArrayList<>(e.getValue());
            v.sort(null);
            System.out.printf(Locale.ROOT, "%-60s median %.3f ms  min %.3f ms  same pixels as camel-av: %s%n",
                    e.getKey(), v.get(v.size() / 2), v.get(0),
                    java.util.Arrays.equals(reference, outputs.get(e.getKey())));
        }
        destinations(setups.get("alloc+init, ranges 0/1, details BT.709 (camel-av)"), src, w, h, n, rounds);
        setups.values().forEach(c -> sws_freeContext(c));
        av_frame_free(src);
    }

    /**
     * The same camel-av set-up into the destinations the pipeline uses: a frame of av_frame_get_buffer (what the first
     * table writes into), a pooled direct ByteBuffer as zeroCopy's PixelBufferPool allocates it, JavaCPP's
     * {@code new BytePointer(n)} as the default path's staging buffer, and one 64-byte aligned block written at offsets
     * 0, 16 and 32: does where the destination starts (not its stride, 5760 for every one) change swscale's speed?
     */
    private static void destinations(SwsContext c, AVFrame src, int w, int h, int n, int rounds) {
        int size = w * h * 3;
        ByteBuffer direct = ByteBuffer.allocateDirect(size + 64);
        BytePointer javacpp = new BytePointer(size + 64L);
        ByteBuffer block = ByteBuffer.allocateDirect(size + 192);
        long blockAt = new BytePointer(block).address();
        int to64 = (int) ((64 - blockAt % 64) % 64);
        AVFrame frame = frame(w, h, AV_PIX_FMT_BGR24);
        Map<String, BytePointer> dsts = new LinkedHashMap<>();
        dsts.put("av_frame_get_buffer", frame.data(0));
        dsts.put("ByteBuffer.allocateDirect (zeroCopy's pool)", new BytePointer(direct));
        dsts.put("new BytePointer(n) (default path's staging)", javacpp);
        for (int off : new int[] { 0, 16, 32 }) {
            dsts.put("64-byte aligned + " + off, new BytePointer(block).position(to64 + off));
        }
        Map<String, List<Double>> ms = new LinkedHashMap<>();
        try (PointerPointer<BytePointer> data = new PointerPointer<>(4); IntPointer lines = new IntPointer(4)) {
            for (int round = 0; round < rounds + 1; round++) {
                for (var e : dsts.entrySet()) {
                    av_image_fill_arrays(data, lines, e.getValue(), AV_PIX_FMT_BGR24, w, h, 1);
                    long t0 = System.nanoTime();
                    for (int i = 0; i < n; i++) {
                        sws_scale(c, src.data(), src.linesize(), 0, h, data, lines);
                    }
                    if (round > 0) {
                        ms.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add((System.nanoTime() - t0) / 1e6 / n);
                    }
                }
            }
        }
        System.out.println("camel-av's set-up (BT.709) into each destination, stride 5760:");
        for (var e : ms.entrySet()) {
            List<Double> v = new ArrayList<>(e.getValue());
            v.sort(null);
            long at = dsts.get(e.getKey()).address() + dsts.get(e.getKey()).position();
            System.out.printf(Locale.ROOT, "%-60s median %.3f ms  min %.3f ms  address %% 64 = %d%n", e.getKey(),
                    v.get(v.size() / 2), v.get(0), at % 64);
        }
        av_frame_free(frame);
        javacpp.close();
    }

    private static AVFrame frame(int w, int h, int format) {
        AVFrame f = av_frame_alloc();
        f.width(w).height(h).format(format);
        if (av_frame_get_buffer(f, 0) < 0) {
            throw new IllegalStateException("av_frame_get_buffer");
        }
        return f;
    }

    /** As camel-av's VideoScaler: options, init, then the source's matrix with sws_setColorspaceDetails. */
    private static SwsContext configured(int w, int h, int space, int extraFlags) {
        SwsContext c = sws_alloc_context();
        String[] names = { "srcw", "srch", "src_format", "src_range", "dstw", "dsth", "dst_format", "dst_range" };
        int[] values = { w, h, AV_PIX_FMT_YUV420P, 0, w, h, AV_PIX_FMT_BGR24, 1 };
        for (int i = 0; i < names.length; i++) {
            av_opt_set_int(c, names[i], values[i], 0);
        }
        av_opt_set_int(c, "sws_flags", SWS_BILINEAR | extraFlags, 0);
        if (sws_init_context(c, null, null) < 0) {
            throw new IllegalStateException("sws_init_context");
        }
        sws_setColorspaceDetails(c, sws_getCoefficients(space), 0, sws_getCoefficients(space), 1, 0, 1 << 16, 1 << 16);
        return c;
    }

    private static SwsContext detailsAfter(int w, int h, int space) {
        SwsContext c = sws_getContext(w, h, AV_PIX_FMT_YUV420P, w, h, AV_PIX_FMT_BGR24, SWS_BILINEAR, null, null,
                (double[]) null);
        sws_setColorspaceDetails(c, sws_getCoefficients(space), 0, sws_getCoefficients(space), 0, 0, 1 << 16, 1 << 16);
        return c;
    }

}
