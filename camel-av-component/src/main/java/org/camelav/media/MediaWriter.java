package org.camelav.media;

import static org.bytedeco.ffmpeg.global.avcodec.av_new_packet;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_from_context;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_get_pix_fmt_name;

import java.util.HashMap;
import java.util.Map;

import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Encodes frames and muxes them, or remuxes packets, into one output: PyAV's {@code add_stream}/{@code encode}/
 * {@code mux}. The output is opened lazily by the first item, whose size, format and time base decide the stream;
 * {@link #close()} flushes the encoders and writes the trailer so the result is playable.
 */
public final class MediaWriter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MediaWriter.class);

    private final WriterOptions opts;
    private MediaOutput output;
    /** Output streams by source stream index. */
    private final Map<Integer, OutStream> streams = new HashMap<>();
    private AVPacket pkt;
    private boolean failed;

    /** One output stream: either an encoder chain or a straight packet copy. */
    private static final class OutStream implements AutoCloseable {
        final int index;
        Encoder encoder;
        FrameBuilder frames;
        Rational sourceTimeBase;
        long nextPts;
        long lastPts = Long.MIN_VALUE;

        OutStream(int index) {
            this.index = index;
        }

        @Override
        public void close() {
            if (frames != null) {
                frames.close();
            }
            if (encoder != null) {
                encoder.close();
            }
        }
    }

    public MediaWriter(WriterOptions opts) {
        this.opts = opts;
    }

    /** Name of the video encoder in use, once the output is open. */
    public String videoEncoderName() {
        return streams.values().stream().filter(s -> s.encoder != null).map(s -> s.encoder.name()).findFirst()
                .orElse(null);
    }

    public synchronized void write(MediaItem item) {
        if (failed) {
            throw new AvException("Output failed earlier and is closed", 0, opts.url);
        }
        try {
            OutStream s = streams.get(item.streamIndex());
            if (s == null) {
                s = openStream(item);
            }
            if (item instanceof VideoFrame v) {
                encodeVideo(s, v);
            } else if (item instanceof MediaPacket p) {
                remux(s, p);
            } else {
                throw new AvException("Encoding " + item.mediaType().label() + " frames is not supported yet", 0, opts.url);
            }
        } catch (RuntimeException e) {
            failed = true;
            closeQuietly();
            throw e;
        }
    }

    private OutStream openStream(MediaItem item) {
        if (output == null) {
            output = MediaOutput.create(opts.url, opts.format, opts.timeoutMillis);
            pkt = av_packet_alloc();
        } else if (output.headerWritten()) {
            throw new AvException("Output already started: stream #" + item.streamIndex()
                                  + " arrived after the header was written", 0, opts.url);
        }
        OutStream s = new OutStream(output.streamCount());
        AVStream st = output.addStream();
        if (item instanceof VideoFrame v) {
            setUpVideoEncoder(s, st, v);
        } else if (item instanceof MediaPacket p) {
            if (p.stream() == null) {
                throw new AvException("Packet carries no stream parameters; cannot remux it", 0, opts.url);
            }
            p.stream().codecParameters().copyTo(st.codecpar());
            p.timeBase().copyTo(st.time_base());
            s.sourceTimeBase = p.timeBase();
        } else {
            throw new AvException("Cannot write " + item.getClass().getSimpleName(), 0, opts.url);
        }
        streams.put(item.streamIndex(), s);
        output.writeHeader(opts.formatOptions);
        return s;
    }

    private void setUpVideoEncoder(OutStream s, AVStream st, VideoFrame v) {
        AVCodec codec = Encoder.find(opts.codec, output.defaultVideoCodec());
        int pixFmt = opts.pixelFormat != null && !opts.pixelFormat.isBlank()
                ? VideoFrame.pixelFormatId(opts.pixelFormat) : Encoder.preferredPixelFormat(codec);
        int w = opts.width > 0 ? opts.width : (opts.height > 0 ? even(v.width() * opts.height / (double) v.height()) : v.width());
        int h = opts.height > 0 ? opts.height : (opts.width > 0 ? even(v.height() * opts.width / (double) v.width()) : v.height());
        Rational rate = frameRate(v);
        // keep the source's clock when the codec can use it, so pts survive unchanged; mpeg4 and others cap den at 65535
        Rational tb = v.timeBase().isValid() && v.pts() != null && v.timeBase().den() <= 65535 ? v.timeBase() : rate.invert();
        s.encoder = Encoder.openVideo(codec, new Encoder.VideoSettings(w, h, pixFmt, tb, rate, opts.bitRate,
                opts.gopSize, opts.maxBFrames, output.needsGlobalHeader(), opts.codecOptions), opts.url);
        LOG.info("Encoding {}x{} {} with {} to {}", w, h, av_get_pix_fmt_name(pixFmt).getString(), s.encoder.name(),
                UrlMasker.mask(opts.url));
        AvErrors.check(avcodec_parameters_from_context(st.codecpar(), s.encoder.context()), "Cannot set stream parameters");
        tb.copyTo(st.time_base());
        rate.copyTo(st.avg_frame_rate());
        s.frames = new FrameBuilder(w, h, pixFmt, opts.interpolation);
        s.sourceTimeBase = v.timeBase().isValid() ? v.timeBase() : tb;
    }

    private static int even(double d) {
        return Math.max(2, (int) Math.round(d / 2) * 2);
    }

    private Rational frameRate(VideoFrame v) {
        if (opts.frameRate != null && !opts.frameRate.isBlank()) {
            return Rational.parse(opts.frameRate);
        }
        if (v.stream() != null && v.stream().averageRate().isValid()) {
            return v.stream().averageRate();
        }
        return new Rational(25, 1);
    }

    private void encodeVideo(OutStream s, VideoFrame v) {
        AVFrame f = s.frames.fill(v);
        Rational encTb = Rational.of(s.encoder.context().time_base());
        long pts = v.pts() != null && v.timeBase().isValid() ? Rational.rescale(v.pts(), v.timeBase(), encTb) : s.nextPts;
        // never hand the encoder a non-increasing pts: a repeated or backwards timestamp would fail the muxer
        if (pts <= s.lastPts) {
            pts = s.lastPts + 1;
        }
        f.pts(pts);
        s.lastPts = pts;
        s.nextPts = pts + Math.max(1, Rational.rescale(1, Rational.of(s.encoder.context().framerate()).invert(), encTb));
        s.encoder.send(f);
        drainEncoder(s);
    }

    private void drainEncoder(OutStream s) {
        AVStream st = output.stream(s.index);
        while (s.encoder.receive(pkt)) {
            pkt.stream_index(s.index);
            av_packet_rescale_ts(pkt, s.encoder.context().time_base(), st.time_base());
            output.write(pkt);
        }
    }

    private void remux(OutStream s, MediaPacket p) {
        AVStream st = output.stream(s.index);
        AvErrors.check(av_new_packet(pkt, p.size()), "Cannot allocate packet");
        try {
            if (p.size() > 0) {
                pkt.data().put(p.data(), 0, p.size());
            }
            Rational from = p.timeBase().isValid() ? p.timeBase() : s.sourceTimeBase;
            Rational to = Rational.of(st.time_base());
            pkt.pts(p.pts() == null ? AV_NOPTS_VALUE : Rational.rescale(p.pts(), from, to));
            pkt.dts(p.dts() == null ? AV_NOPTS_VALUE : Rational.rescale(p.dts(), from, to));
            pkt.duration(Rational.rescale(p.duration(), from, to));
            pkt.flags(p.flags());
            pkt.stream_index(s.index);
            output.write(pkt);
        } finally {
            av_packet_unref(pkt);
        }
    }

    /** Thread-safe: ends a blocked network write. */
    public void interrupt() {
        if (output != null) {
            output.interrupt();
        }
    }

    /** Flushes every encoder, writes the trailer and frees everything; safe to call more than once. */
    @Override
    public synchronized void close() {
        if (output == null) {
            return;
        }
        try {
            if (!failed && output.headerWritten()) {
                for (OutStream s : streams.values()) {
                    if (s.encoder != null) {
                        s.encoder.send(null);
                        drainEncoder(s);
                    }
                }
            }
        } finally {
            closeQuietly();
        }
    }

    private void closeQuietly() {
        try {
            if (output != null) {
                output.close();
            }
        } catch (RuntimeException e) {
            LOG.warn("Closing {}: {}", UrlMasker.mask(opts.url), e.getMessage());
        } finally {
            output = null;
            streams.values().forEach(OutStream::close);
            streams.clear();
            if (pkt != null) {
                av_packet_free(pkt);
                pkt = null;
            }
        }
    }
}
