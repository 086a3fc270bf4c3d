package org.camelav.media.container;

import static org.bytedeco.ffmpeg.global.avformat.AVFMT_GLOBALHEADER;
import static org.bytedeco.ffmpeg.global.avformat.AVFMT_NOFILE;
import static org.bytedeco.ffmpeg.global.avformat.AVIO_FLAG_WRITE;
import static org.bytedeco.ffmpeg.global.avformat.av_interleaved_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_write_trailer;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_write_header;
import static org.bytedeco.ffmpeg.global.avformat.avio_closep;
import static org.bytedeco.ffmpeg.global.avformat.avio_open2;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EINVAL;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_MUXER_NOT_FOUND;

import java.util.Map;

import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.camelav.media.AvDictionary;
import org.camelav.media.AvErrors;
import org.camelav.media.AvException;
import org.camelav.media.Ffmpeg;
import org.camelav.media.OpenedSecrets;
import org.camelav.media.UrlMasker;
import org.camelav.media.io.Interrupter;
import org.camelav.media.io.JavaIo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** An output container (AVFormatContext with a muxer): PyAV's {@code av.open(url, "w")}. */
public final class MediaOutput implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MediaOutput.class);

    private static final int AVFMT_FLAG_CUSTOM_IO = 0x0080;

    private final String url;
    private final Interrupter interrupter;
    private JavaIo io;
    private AVFormatContext ctx;
    private boolean headerWritten;
    /** The image2 muxer: one file per packet, numbered from its start_number option. */
    private final boolean imageSequence;
    private long packetsWritten;
    /** Sizes of the packets muxed; one writing thread, read by others for statistics. */
    private volatile long bytesWritten;

    private MediaOutput(String url, Interrupter interrupter, AVFormatContext ctx) {
        this.url = url;
        this.interrupter = interrupter;
        this.imageSequence = "image2".equals(ctx.oformat().name().getString());
        this.ctx = ctx;
    }

    /**
     * Allocates the muxer, writing through {@code io} (owned from here on) when it is not null; nothing is opened or
     * written until {@link #writeHeader}.
     */
    public static MediaOutput create(String url, String format, long timeoutMillis, JavaIo io) {
        try {
            MediaOutput out = createContext(url, format, timeoutMillis);
            if (io != null) {
                io.interruptedBy(out.interrupter);
                out.io = io;
                out.ctx.pb(io.context());
                out.ctx.flags(out.ctx.flags() | AVFMT_FLAG_CUSTOM_IO);
            }
            return out;
        } catch (RuntimeException e) {
            if (io != null) {
                io.close();
            }
            throw e;
        }
    }

    private static MediaOutput createContext(String url, String format, long timeoutMillis) {
        Ffmpeg.init();
        AVFormatContext ctx = new AVFormatContext(null);
        OpenedSecrets.remember(url); // before FFmpeg can log a line that repeats the password
        String named = format == null || format.isBlank() ? null : format;
        int ret = avformat_alloc_output_context2(ctx, null, named, url);
        if ((ret < 0 || ctx.isNull()) && named != null && Ffmpeg.devicesAvailable()) {
            // maybe an output device (alsa, pulse, v4l2...): FFmpeg's devices are registered on first need
            ctx = new AVFormatContext(null);
            ret = avformat_alloc_output_context2(ctx, null, named, url);
        }
        if (ret < 0 || ctx.isNull()) {
            // FFmpeg answers EINVAL when no muxer has that name or suits that file name: a muxer not found
            throw AvErrors.exception(format != null ? "Unknown output format '" + format + "'"
                    : "Cannot guess an output format from the file name; set format=",
                    ret == AVERROR_EINVAL() ? AVERROR_MUXER_NOT_FOUND : ret, url);
        }
        Interrupter interrupter = new Interrupter(timeoutMillis);
        interrupter.install(ctx);
        return new MediaOutput(url, interrupter, ctx);
    }

    public String url() {
        return url;
    }

    public String formatName() {
        return ctx.oformat().name().getString();
    }

    /** The muxer's default video codec id (e.g. H.264 for mp4). */
    int defaultVideoCodec() {
        return ctx.oformat().video_codec();
    }

    /** The muxer's default audio codec id (e.g. AAC for mp4). */
    int defaultAudioCodec() {
        return ctx.oformat().audio_codec();
    }

    /** The muxer's default subtitle codec id (ass for matroska), or AV_CODEC_ID_NONE (FFmpeg 8's mp4 names none). */
    int defaultSubtitleCodec() {
        return ctx.oformat().subtitle_codec();
    }

    /** Whether the muxer can store {@code codecId} (avformat_query_codec, normal compliance). */
    boolean canStore(int codecId) {
        return org.bytedeco.ffmpeg.global.avformat.avformat_query_codec(ctx.oformat(), codecId, 0) == 1;
    }

    boolean needsGlobalHeader() {
        return (ctx.oformat().flags() & AVFMT_GLOBALHEADER) != 0;
    }

    AVStream addStream() {
        if (headerWritten) {
            throw new AvException("Cannot add a stream after the output header was written", 0, url);
        }
        AVStream st = avformat_new_stream(ctx, (AVCodec) null);
        if (st == null || st.isNull()) {
            throw new AvException("Cannot add stream", 0, url);
        }
        return st;
    }

    AVStream stream(int index) {
        return ctx.streams(index);
    }

    /** Container tags (title, comment, creation_time...) the header will carry; call before {@link #writeHeader}. */
    void metadata(Map<String, String> tags) {
        ctx.metadata(tagged(ctx.metadata(), tags)); // freed with the context
    }

    /** Tags of one stream (language, title), as {@code -metadata:s}; call before {@link #writeHeader}. */
    void streamMetadata(int index, Map<String, String> tags) {
        stream(index).metadata(tagged(stream(index).metadata(), tags)); // freed with the context
    }

    private static org.bytedeco.ffmpeg.avutil.AVDictionary tagged(org.bytedeco.ffmpeg.avutil.AVDictionary m,
            Map<String, String> tags) {
        if (tags.isEmpty()) {
            return m;
        }
        if (m == null || m.isNull()) {
            m = new org.bytedeco.ffmpeg.avutil.AVDictionary(null);
        }
        for (Map.Entry<String, String> t : tags.entrySet()) {
            org.bytedeco.ffmpeg.global.avutil.av_dict_set(m, t.getKey(), t.getValue(), 0); // updates m in place
        }
        return m;
    }

    /** Opens the file/connection and writes the container header with the muxer options. */
    void writeHeader(Map<String, ?> options) {
        requireLocalFolder();
        try (AvDictionary dict = new AvDictionary(options)) {
            if (io == null && (ctx.oformat().flags() & AVFMT_NOFILE) == 0) {
                AVIOContext pb = new AVIOContext(null);
                interrupter.arm();
                check(avio_open2(pb, url, AVIO_FLAG_WRITE, ctx.interrupt_callback(), dict.pointer()),
                        "Cannot open output", url);
                ctx.pb(pb);
            }
            interrupter.arm();
            check(avformat_write_header(ctx, dict.pointer()), "Cannot write header", url);
            headerWritten = true;
            Map<String, String> unused = dict.leftovers();
            if (!unused.isEmpty()) {
                LOG.warn("FFmpeg ignored format options {} for {}", unused.keySet(), UrlMasker.mask(url));
            }
        }
    }

    /**
     * Image-sequence and segment muxers open their files later, one by one, and a missing folder would only show up
     * as "Input/output error" on the first packet: check a local output's folder up front instead.
     */
    private void requireLocalFolder() {
        if (io != null || url.contains("://") && !url.startsWith("file:")) {
            return;
        }
        java.nio.file.Path parent = java.nio.file.Path.of(url.startsWith("file:") ? url.substring(5) : url)
                .toAbsolutePath().getParent();
        if (parent != null && !java.nio.file.Files.isDirectory(parent)) {
            throw new AvException("Output folder does not exist: " + parent, 0, url);
        }
    }

    boolean headerWritten() {
        return headerWritten;
    }

    /** Muxes one packet (timestamps already in the stream's time base); the packet is unreferenced. */
    void write(AVPacket pkt) {
        interrupter.arm();
        int size = pkt.size(); // the muxer unreferences the packet
        int ret = av_interleaved_write_frame(ctx, pkt);
        if (ret == AVERROR_EINVAL()) {
            throw AvErrors.withReason(new PacketRefusedException("Cannot write packet", ret, url));
        }
        check(ret, "Cannot write packet", url);
        packetsWritten++;
        bytesWritten += size; // single writer: no lost update
    }

    /**
     * Muxes one packet at once, not interleaved (a live fragmented MP4 must not wait for the other stream's packets);
     * then, with {@code flush}, asks the muxer to cut what it holds (movflags frag_custom: av_write_frame(NULL)).
     */
    void writeUninterleaved(AVPacket pkt, boolean flush) {
        interrupter.arm();
        int size = pkt.size();
        int ret = av_write_frame(ctx, pkt);
        if (ret == AVERROR_EINVAL()) {
            throw AvErrors.withReason(new PacketRefusedException("Cannot write packet", ret, url));
        }
        check(ret, "Cannot write packet", url);
        packetsWritten++;
        bytesWritten += size;
        if (flush) {
            check(av_write_frame(ctx, null), "Cannot flush fragment", url);
        }
    }

    boolean isImageSequence() {
        return imageSequence;
    }

    /** Packets handed to the muxer successfully (for an image sequence: files written); still valid after close. */
    long packetsWritten() {
        return packetsWritten;
    }

    /** Bytes of the packets handed to the muxer (payload, not container overhead); any thread. */
    long bytesWritten() {
        return bytesWritten;
    }

    /** Thread-safe: ends a blocked write. */
    public void interrupt() {
        interrupter.stop();
    }

    /** Like {@link AvErrors#check}, typing a failure our interrupt callback caused by the timeout as a timeout. */
    private void check(int ret, String what, String url) {
        if (ret < 0) {
            throw AvErrors.exception(what, ret, url, interrupter.timedOut());
        }
    }

    /** Writes the trailer (when the header was written), closes the file or connection and frees the muxer. */
    @Override
    public void close() {
        if (ctx == null) {
            return;
        }
        try {
            if (headerWritten && !interrupter.isStopped()) {
                interrupter.arm();
                check(av_write_trailer(ctx), "Cannot write trailer", url);
            }
        } finally {
            AVIOContext pb = ctx.pb();
            if (io != null) {
                ctx.pb(null);
                io.close(); // flushes and frees our own AVIOContext
                io = null;
            } else if (pb != null && !pb.isNull() && (ctx.oformat().flags() & AVFMT_NOFILE) == 0) {
                avio_closep(pb);
                ctx.pb(null);
            }
            avformat_free_context(ctx);
            ctx = null;
            interrupter.close();
        }
    }
}
