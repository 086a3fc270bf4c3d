package org.camelav.media.container;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_CAP_VARIABLE_FRAME_SIZE;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_from_context;
import static org.bytedeco.ffmpeg.global.avutil.av_audio_fifo_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_audio_fifo_free;
import static org.bytedeco.ffmpeg.global.avutil.av_audio_fifo_read;
import static org.bytedeco.ffmpeg.global.avutil.av_audio_fifo_size;
import static org.bytedeco.ffmpeg.global.avutil.av_audio_fifo_write;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_copy;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_default;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_from_string;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_uninit;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_make_writable;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;
import static org.bytedeco.ffmpeg.global.avutil.av_sample_fmt_is_planar;
import static org.bytedeco.ffmpeg.global.avutil.av_samples_fill_arrays;
import static org.bytedeco.ffmpeg.global.swresample.swr_alloc_set_opts2;
import static org.bytedeco.ffmpeg.global.swresample.swr_convert_frame;
import static org.bytedeco.ffmpeg.global.swresample.swr_free;
import static org.bytedeco.ffmpeg.global.swresample.swr_init;

import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avutil.AVAudioFifo;
import org.bytedeco.ffmpeg.avutil.AVChannelLayout;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swresample.SwrContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;
import org.camelav.media.AvErrors;
import org.camelav.media.AvException;
import org.camelav.media.BitStreamFilters;
import org.camelav.media.MediaItem;
import org.camelav.media.MediaType;
import org.camelav.media.Rational;
import org.camelav.media.UrlMasker;
import org.camelav.media.audio.AudioConverter;
import org.camelav.media.audio.AudioFrame;
import org.camelav.media.codec.Encoder;
import org.camelav.media.codec.PacketSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Encodes {@link AudioFrame}s into one output stream. Samples are converted by one SwrContext into the encoder's
 * format and queued in an AVAudioFifo, because most encoders (AAC: 1024) take fixed-size frames while decoders deliver
 * any size; pts count samples from the first frame's (rebased) time.
 */
final class AudioStreamEncoder implements StreamWriter {

    private static final Logger LOG = LoggerFactory.getLogger(AudioStreamEncoder.class);

    private final OutputStreamSink sink;
    private final TimestampOrigin origin;
    private final Encoder encoder;
    private final int frameSize;
    private final int inFormat;
    private final int inRate;
    private final int inChannels;
    private final AVChannelLayout inLayout = new AVChannelLayout();
    private SwrContext swr;
    private AVAudioFifo fifo;
    private AVFrame input;
    private AVFrame converted;
    private AVFrame chunk;
    private PacketSink toMuxer;
    private FilteredOutput out;
    private BytePointer staging;
    private Long nextPts;

    AudioStreamEncoder(AudioFrame first, EncoderOptions opts, BitStreamFilters bsf, MediaOutput output,
            OutputStreamSink sink, TimestampOrigin origin) {
        this.sink = sink;
        this.origin = origin;
        inFormat = AudioConverter.sampleFormatId(first.sampleFormat());
        inRate = first.sampleRate();
        inChannels = first.channels();
        if (inChannels > 8 && av_sample_fmt_is_planar(inFormat) != 0) {
            throw new AvException("Planar audio with more than 8 channels is not supported");
        }
        av_channel_layout_default(inLayout, inChannels);
        AVCodec codec = Encoder.find(opts.audioCodec(), output.defaultAudioCodec());
        int rate = Encoder.supportedSampleRate(codec, opts.sampleRate() > 0 ? opts.sampleRate() : inRate);
        AVChannelLayout outLayout = new AVChannelLayout();
        try {
            if (opts.channelLayout() != null && !opts.channelLayout().isBlank()) {
                if (av_channel_layout_from_string(outLayout, opts.channelLayout()) < 0) {
                    throw new IllegalArgumentException("Unknown channel layout '" + opts.channelLayout() + "'");
                }
            } else {
                av_channel_layout_default(outLayout, inChannels);
            }
            encoder = Encoder.openAudio(codec, Encoder.preferredSampleFormat(codec), rate, outLayout,
                    opts.audioBitRate(), output.needsGlobalHeader(), opts.codecOptions(), output.url());
        } finally {
            av_channel_layout_uninit(outLayout);
            outLayout.close();
        }
        boolean variable = (codec.capabilities() & AV_CODEC_CAP_VARIABLE_FRAME_SIZE) != 0;
        int anySize = opts.audioFrameSize() > 0 ? opts.audioFrameSize() : 1024;
        frameSize = variable || encoder.context().frame_size() <= 0 ? anySize : encoder.context().frame_size();
        try {
            AvErrors.check(avcodec_parameters_from_context(sink.stream().codecpar(), encoder.context()),
                    "Cannot set stream parameters");
            sink.stream().time_base().num(1).den(rate);
            SwrContext ctx = new SwrContext(null);
            AvErrors.check(swr_alloc_set_opts2(ctx, encoder.context().ch_layout(), encoder.context().sample_fmt(), rate,
                    inLayout, inFormat, inRate, 0, (Pointer) null), "Cannot configure resampler");
            swr = ctx;
            AvErrors.check(swr_init(swr), "Cannot initialise resampler");
            fifo = av_audio_fifo_alloc(encoder.context().sample_fmt(), encoder.context().ch_layout().nb_channels(),
                    frameSize * 4);
            input = av_frame_alloc();
            converted = av_frame_alloc();
            chunk = av_frame_alloc();
            out = new FilteredOutput(sink, MediaType.AUDIO, bsf, Rational.of(encoder.context().time_base()));
            toMuxer = pkt -> out.write(pkt, encoder.context().time_base());
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        LOG.info("Encoding audio {} Hz {} ch with {} to {}", rate, encoder.context().ch_layout().nb_channels(),
                encoder.name(), UrlMasker.mask(output.url()));
    }

    @Override
    public String encoderName() {
        return encoder.name();
    }

    /** Frames in the format the resampler was set up for; another one needs a new output. */
    @Override
    public boolean accepts(MediaItem item) {
        return item instanceof AudioFrame a && AudioConverter.sampleFormatId(a.sampleFormat()) == inFormat
               && a.sampleRate() == inRate && a.channels() == inChannels;
    }

    @Override
    public void write(MediaItem item) {
        AudioFrame a = (AudioFrame) item;
        if (!accepts(a)) {
            throw new AvException("Audio format changed mid-stream (" + a + "); not supported yet");
        }
        if (nextPts == null) {
            Long shifted = origin.shift(a.pts(), a.timeBase(), Rational.of(encoder.context().time_base()));
            nextPts = shifted == null ? 0L : shifted;
        }
        // wrap the Java samples in an AVFrame (staging copy), convert, queue
        if (staging == null || staging.capacity() < a.data().length) {
            if (staging != null) {
                staging.close();
            }
            staging = new BytePointer(Math.max(a.data().length, 4096));
        }
        staging.position(0).put(a.data(), 0, a.data().length);
        input.format(inFormat).sample_rate(inRate).nb_samples(a.samples());
        av_channel_layout_copy(input.ch_layout(), inLayout);
        // point the frame's inline data[8] at the staging buffer (not refcounted: nothing for unref to free)
        AvErrors.check(av_samples_fill_arrays(input.data(), input.linesize(), staging, inChannels, a.samples(), inFormat,
                1), "Cannot wrap samples");
        input.extended_data(input.data());
        try {
            convertAndQueue(input);
        } finally {
            av_frame_unref(input);
        }
        encodeChunks(false);
    }

    private void convertAndQueue(AVFrame in) {
        converted.format(encoder.context().sample_fmt()).sample_rate(encoder.context().sample_rate());
        av_channel_layout_copy(converted.ch_layout(), encoder.context().ch_layout());
        try {
            AvErrors.check(swr_convert_frame(swr, converted, in), "Resampling failed");
            if (converted.nb_samples() > 0) {
                AvErrors.check(av_audio_fifo_write(fifo, converted.extended_data(), converted.nb_samples()),
                        "Cannot queue samples");
            }
        } finally {
            av_frame_unref(converted);
        }
    }

    /** Encodes every full frame in the FIFO, and at the end the partial rest. */
    private void encodeChunks(boolean last) {
        while (av_audio_fifo_size(fifo) >= frameSize || (last && av_audio_fifo_size(fifo) > 0)) {
            int n = Math.min(frameSize, av_audio_fifo_size(fifo));
            chunk.format(encoder.context().sample_fmt()).sample_rate(encoder.context().sample_rate()).nb_samples(n);
            av_channel_layout_copy(chunk.ch_layout(), encoder.context().ch_layout());
            AvErrors.check(av_frame_get_buffer(chunk, 0), "Cannot allocate audio frame");
            try {
                AvErrors.check(av_frame_make_writable(chunk), "Cannot make frame writable");
                AvErrors.check(av_audio_fifo_read(fifo, chunk.extended_data(), n), "Cannot read queued samples");
                chunk.pts(nextPts);
                nextPts += n;
                encoder.encode(chunk, toMuxer);
            } finally {
                av_frame_unref(chunk);
            }
        }
    }

    @Override
    public void flush() {
        if (nextPts == null) {
            nextPts = 0L;
        }
        convertAndQueue(null); // the resampler's buffered tail
        encodeChunks(true);
        encoder.encode(null, toMuxer);
        out.flush();
    }

    @Override
    public void close() {
        if (out != null) {
            out.close();
        }
        if (swr != null) {
            swr_free(swr);
            swr = null;
        }
        if (fifo != null) {
            av_audio_fifo_free(fifo);
            fifo = null;
        }
        for (AVFrame f : new AVFrame[] { input, converted, chunk }) {
            if (f != null) {
                av_frame_free(f);
            }
        }
        input = converted = chunk = null;
        if (staging != null) {
            staging.close();
            staging = null;
        }
        av_channel_layout_uninit(inLayout);
        inLayout.close();
        if (encoder != null) {
            encoder.close();
        }
    }
}
