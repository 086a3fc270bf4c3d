package org.camelav.media.container;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;

import java.util.List;

import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.camelav.media.BitStreamFilter;
import org.camelav.media.FrameProps;
import org.camelav.media.MediaItem;
import org.camelav.media.MediaPacket;
import org.camelav.media.MediaType;
import org.camelav.media.Rational;
import org.camelav.media.StreamInfo;
import org.camelav.media.UrlMasker;
import org.camelav.media.audio.AudioConverter;
import org.camelav.media.codec.Decoder;
import org.camelav.media.codec.DecoderOptions;
import org.camelav.media.codec.FrameSink;
import org.camelav.media.codec.SubtitleDecoder;
import org.camelav.media.audio.AudioFrame;
import org.camelav.media.filter.AudioFilter;
import org.camelav.media.filter.SimpleFilterGraph;
import org.camelav.media.filter.VideoFilter;
import org.camelav.media.video.Rotation;
import org.camelav.media.video.VideoFrame;
import org.camelav.media.video.VideoReformatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One selected stream of a {@link MediaReader}, from packet to item: its decoder, optional filter graph and video
 * reformatter or audio converter (a subtitle decoder for subtitle streams), with the stream's timestamp bookkeeping and
 * counters. In packets mode, or for data streams, there is no decoder and each packet becomes a {@link MediaPacket}.
 */
final class StreamChain implements AutoCloseable, SourceWatchdog.Judged {

    private static final Logger LOG = LoggerFactory.getLogger(StreamChain.class);
    private static final int AV_FRAME_FLAG_KEY = 1 << 1; // not exported by the presets

    /** Where the chain's items go: the reader's queue, which applies the reader-wide bounds. */
    interface Output {
        void accept(StreamChain chain, MediaItem item);
    }

    /**
     * The stream's facts, with the decoder that runs once there is one; under a bitstream filter, its output parameters
     * as of the last packet (the reader thread's alone: only the index and codec name are read elsewhere).
     */
    StreamInfo info;
    private final Double startTime;
    private final List<Integer> group;
    private final Output out;
    private final FrameSink decoded = f -> deliver(f, true);
    private Decoder decoder;
    private SubtitleDecoder subtitles;
    private SimpleFilterGraph filter;
    private BitStreamFilter bsf;
    private VideoReformatter reformatter;
    private AudioConverter audio;
    private AVFrame filtered;
    private long count;
    private Long firstRawPts;
    private long ptsOffset;
    private long lastEnd = Long.MIN_VALUE;
    /** The stream's first timestamp as FFmpeg found it while probing (AVStream.start_time), or AV_NOPTS_VALUE. */
    private final long streamStart;

    StreamChain(StreamInfo info, AVStream stream, DecoderOptions decoderOptions, DeliveryOptions opts, String url,
            List<Integer> group, Output out) {
        boolean rotate = opts.autorotate() && !opts.packets() && info.mediaType() == MediaType.VIDEO;
        String rotation = rotate ? Rotation.autorotateFilters(Rotation.displayMatrix(info)) : null;
        StreamInfo delivered = rotate ? Rotation.upright(info) : info;
        this.startTime = opts.startTime();
        this.streamStart = stream.start_time();
        this.group = group;
        this.out = out;
        if (!opts.packets() && info.mediaType() == MediaType.SUBTITLE) {
            // decoded as PyAV's container.decode(subtitles=0) does; the user's codecOptions are for audio/video
            subtitles = new SubtitleDecoder(stream, java.util.Map.of(), url);
            this.info = delivered.withDecoder(subtitles.name(), null);
            return;
        }
        if (opts.packets() || info.mediaType() != MediaType.VIDEO && info.mediaType() != MediaType.AUDIO) {
            String chain = opts.packets() ? opts.bsf().of(info.mediaType()) : null;
            // the delivered packets are the chain's output: so are the parameters a producer copies into its stream
            bsf = chain == null ? null : new BitStreamFilter(chain, info.codecParameters(), info.timeBase());
            this.info = bsf == null ? delivered : delivered.withCodecParameters(bsf.outputParameters());
            return;
        }
        // hardware decoding is for pictures: audio decoders have no device path
        DecoderOptions decoding = info.mediaType() == MediaType.VIDEO ? decoderOptions
                : decoderOptions.withoutHwaccel();
        decoder = new Decoder(stream, decoding, url);
        this.info = delivered.withDecoder(decoder.name(), decoder.hwaccel());
        try {
            if (!decoder.unusedOptions().isEmpty()) {
                LOG.warn("Decoder {} ignored options {} for {}", decoder.name(), decoder.unusedOptions().keySet(),
                        UrlMasker.mask(url));
            }
            if (info.mediaType() == MediaType.VIDEO) {
                String graph = opts.filter() == null || opts.filter().isBlank() ? rotation
                        : rotation == null ? opts.filter() : rotation + "," + opts.filter();
                filter = graph == null ? null : new VideoFilter(graph);
                filtered = filter == null ? null : av_frame_alloc();
                reformatter = new VideoReformatter(opts.pixelFormat(), opts.width(), opts.height(), opts.interpolation(),
                        opts.zeroCopy(), opts.deferCopy());
            } else {
                boolean audioGraph = opts.audioFilter() != null && !opts.audioFilter().isBlank();
                filter = audioGraph ? new AudioFilter(opts.audioFilter()) : null;
                filtered = audioGraph ? av_frame_alloc() : null;
                audio = new AudioConverter(opts.sampleFormat(), opts.sampleRate(), opts.channelLayout());
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    boolean decodes() {
        return decoder != null || subtitles != null;
    }

    /** Items this stream delivered. */
    long count() {
        return count;
    }

    void counted() {
        count++;
    }

    /** Packets or pictures the decoder rejected as corrupt; each was skipped, as the ffmpeg CLI does. */
    long decodeErrors() {
        return decoder != null ? decoder.errors() : subtitles != null ? subtitles.errors() : 0;
    }

    @Override
    public String label() {
        return "Stream #" + info.index() + " (" + info.codecName() + ")";
    }

    /** What this stream has produced so far: frames its decoder gave, or packets passed on when it has none. */
    @Override
    public long progress() {
        return decoder == null ? count : decoder.frames();
    }

    /** Packets or pictures its decoder rejected since the last frame it gave. */
    @Override
    public long consecutiveDecodeErrors() {
        return decoder == null ? 0 : decoder.consecutiveErrors();
    }

    @Override
    public int lastDecodeError() {
        return decoder == null ? 0 : decoder.lastError();
    }

    /** Decodes a packet of this stream, or passes it on as it is when there is no decoder. */
    void push(AVPacket pkt) {
        if (subtitles != null) {
            long dts = pkt.dts();
            emit(subtitles.decode(pkt, (pts, duration) -> props(pts, dts, duration, true, info.timeBase())));
        } else if (bsf != null) {
            bsf.filter(pkt, this::filtered);
        } else if (decoder == null) {
            out.accept(this, packetItem(pkt));
        } else {
            decoder.decode(pkt, decoded);
        }
    }

    /** At the end of the input: what the decoder, the filter graph and the resampler still hold. */
    void flush() {
        if (bsf != null) {
            bsf.filter(null, this::filtered);
        }
        if (decoder != null) {
            decoder.decode(null, decoded);
            if (filter != null) {
                filter.push(null, info.timeBase());
                pullFiltered();
            }
        }
        if (audio != null && lastEnd != Long.MIN_VALUE) {
            // lastEnd is in the time base of the last frame: the filter graph's output when there is one
            Rational tb = filter != null && filter.outputTimeBase() != null ? filter.outputTimeBase() : info.timeBase();
            emit(audio.flush(props(lastEnd - ptsOffset, AV_NOPTS_VALUE, 0, true, tb)));
        }
    }

    /** Before the input starts over: timestamps continue from where this pass ended, so they stay monotonic. */
    void rewind() {
        if (decoder != null) {
            decoder.flushBuffers();
        }
        if (bsf != null) {
            bsf.reset();
        }
        if (filter != null) {
            filter.reset(); // flush() drained it: the next pass gets a new one
        }
        if (firstRawPts != null && lastEnd != Long.MIN_VALUE) {
            ptsOffset = lastEnd - firstRawPts;
        }
    }

    /** A packet out of the bitstream filter, under the parameters it has by now (new extradata arrives on a packet). */
    private void filtered(AVPacket p) {
        if (bsf.outputParameters() != info.codecParameters()) {
            info = info.withCodecParameters(bsf.outputParameters());
        }
        out.accept(this, packetItem(p));
    }

    private void deliver(AVFrame f, boolean fromDecoder) {
        if (fromDecoder && filter != null) {
            // the graph times frames by pts: give it the best-effort one (a camera's first frame may have none),
            // as ffmpeg's decoder output does
            if (f.best_effort_timestamp() != AV_NOPTS_VALUE) {
                f.pts(f.best_effort_timestamp());
            }
            filter.push(f, info.timeBase());
            pullFiltered();
        } else {
            emit(frameItem(f, fromDecoder ? info.timeBase() : filter.outputTimeBase(), fromDecoder));
        }
    }

    private void pullFiltered() {
        while (filter.pull(filtered)) {
            try {
                deliver(filtered, false);
            } finally {
                av_frame_unref(filtered);
            }
        }
    }

    private void emit(MediaItem item) {
        if (item != null) {
            out.accept(this, item);
        }
    }

    private FrameProps props(long rawPts, long rawDts, long duration, boolean key, Rational tb) {
        if (firstRawPts == null && rawPts != AV_NOPTS_VALUE) {
            firstRawPts = rawPts;
        }
        Long pts = rawPts == AV_NOPTS_VALUE ? null : rawPts + ptsOffset;
        Long dts = rawDts == AV_NOPTS_VALUE ? null : rawDts + ptsOffset;
        if (pts != null) {
            lastEnd = Math.max(lastEnd, pts + Math.max(duration, 1));
        }
        return new FrameProps(info.index(), pts, dts, duration, tb, key, count, info, group, false, false);
    }

    private MediaItem packetItem(AVPacket pkt) {
        byte[] data = new byte[pkt.size()];
        if (data.length > 0) {
            pkt.data().get(data);
        }
        boolean key = (pkt.flags() & AV_PKT_FLAG_KEY) != 0;
        long pts = pkt.pts();
        long dts = pkt.dts();
        if (pts == AV_NOPTS_VALUE && dts == AV_NOPTS_VALUE) {
            pts = dts = untimed(pkt.duration());
        }
        Rational tb = bsf == null ? info.timeBase() : bsf.outputTimeBase();
        return new MediaPacket(props(pts, dts, pkt.duration(), key, tb), info.mediaType(), data, pkt.flags());
    }

    /**
     * The time of a packet FFmpeg gives no timestamp at all, as the ffmpeg CLI predicts it: right after the previous
     * packet, or for the first packet of the stream one duration before the stream's first timestamp. An RTSP source
     * gives the first packet of every connection, a key frame, no timestamp; without one, recorders could not place
     * it and dropped the whole first GOP. AV_NOPTS_VALUE when there is nothing to predict from.
     */
    private long untimed(long duration) {
        if (lastEnd != Long.MIN_VALUE) {
            return lastEnd - ptsOffset;
        }
        return streamStart == AV_NOPTS_VALUE ? AV_NOPTS_VALUE : streamStart - Math.max(duration, 1);
    }

    /** @param decoded true for a decoder's frame (best_effort_timestamp is valid), false for a filter's output */
    private MediaItem frameItem(AVFrame f, Rational tb, boolean decoded) {
        long pts = decoded && f.best_effort_timestamp() != AV_NOPTS_VALUE ? f.best_effort_timestamp() : f.pts();
        boolean key = (f.flags() & AV_FRAME_FLAG_KEY) != 0;
        if (startTime != null && pts != AV_NOPTS_VALUE && tb.isValid()
            && (pts + ptsOffset) * tb.toDouble() < startTime - 1e-9) {
            return null; // decoded only to reach the exact start time
        }
        FrameProps t = props(pts, f.pkt_dts(), f.duration(), key, tb);
        if (reformatter != null) {
            VideoFrame v = reformatter.frame(f, t);
            return decoded ? v : v.withMetadata(SimpleFilterGraph.metadata(f));
        }
        AudioFrame a = audio.convert(f, t);
        return decoded ? a : a.withMetadata(SimpleFilterGraph.metadata(f));
    }

    @Override
    public void close() {
        if (bsf != null) {
            bsf.close();
            bsf = null;
        }
        if (filter != null) {
            filter.close();
            filter = null;
        }
        if (filtered != null) {
            av_frame_free(filtered);
            filtered = null;
        }
        if (reformatter != null) {
            reformatter.close();
            reformatter = null;
        }
        if (audio != null) {
            audio.close();
            audio = null;
        }
        if (decoder != null) {
            decoder.close();
            decoder = null;
        }
        if (subtitles != null) {
            subtitles.close();
            subtitles = null;
        }
    }
}
