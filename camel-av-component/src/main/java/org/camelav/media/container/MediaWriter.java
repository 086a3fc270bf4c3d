package org.camelav.media.container;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.camelav.media.AvException;
import org.camelav.media.MediaItem;
import org.camelav.media.MediaPacket;
import org.camelav.media.subtitles.Subtitle;
import org.camelav.media.UrlMasker;
import org.camelav.media.audio.AudioFrame;
import org.camelav.media.io.JavaIo;
import org.camelav.media.video.VideoFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Encodes frames and muxes them, or remuxes packets, into one output: PyAV's {@code add_stream}/{@code encode}/
 * {@code mux}. The output opens lazily: each stream is created from its first item (size, format, time base), and the
 * header is written once every stream of the source has shown up (or after {@link MuxingOptions#streamWaitItems}).
 * {@link #close()} flushes the encoders and writes the trailer so the result is playable.
 */
public final class MediaWriter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MediaWriter.class);
    /**
     * The longest media time held back waiting for a stream that does not come (audio announced in a camera's SDP that
     * never arrives): then the header is written with the streams seen. streamWaitItems alone let a 5 fps camera hold
     * 100 s off disk.
     */
    static final double STREAM_WAIT_SECONDS = 3.0;

    private final WriterOptions opts;
    private final TimestampOrigin origin;
    private volatile MediaOutput output;
    /** Bytes muxed by outputs of this writer already closed (statistics only). */
    private volatile long closedBytes;
    /** Output streams by source stream index, in creation order. */
    private final Map<Integer, StreamWriter> streams = new LinkedHashMap<>();
    private final List<MediaItem> pending = new ArrayList<>();
    /** Before the header: the first held item of each stream, by source stream index. */
    private final Map<Integer, MediaItem> firsts = new TreeMap<>();
    private boolean failed;
    /** Why closing failed (FFmpeg's reason), or null. */
    private String closeError;
    /** Closed by {@link #close()}: a writer is used once, so a later write can never reopen (truncate) its file. */
    private boolean closed;
    /** Images an image-sequence output wrote before it was closed. */
    private long images;
    /** Container tags for the header. */
    private Map<String, String> metadata = Map.of();

    public MediaWriter(WriterOptions opts) {
        this.opts = opts;
        this.origin = new TimestampOrigin(opts.muxing().copyTimestamps());
    }

    /** Container tags (comment, title...) written with the header; ignored once the header is written. */
    public synchronized void metadata(Map<String, String> tags) {
        this.metadata = Map.copyOf(tags);
    }

    /** The output's url (the file this writer writes). */
    public String url() {
        return opts.url();
    }

    /** Whether an output failure closed this writer (every later write throws), or its close could not complete it. */
    public synchronized boolean failed() {
        return failed;
    }

    /** Why the close could not complete the output (FFmpeg's or the OS's reason), or null. */
    public synchronized String closeError() {
        return closeError;
    }

    /** Encoder names in use (null entries for stream copies), once streams exist. */
    public List<String> encoderNames() {
        return streams.values().stream().map(StreamWriter::encoderName).toList();
    }

    /**
     * Files an image-sequence output (image2 muxer, {@code frame-%03d.png}) has written so far, closed or not; 0 for
     * other outputs. A writer that replaces this one continues the numbering from there instead of overwriting.
     */
    public synchronized long imagesWritten() {
        return output != null && output.isImageSequence() ? output.packetsWritten() : images;
    }

    /** Bytes of the packets muxed so far (payload); any thread, without waiting for a write in progress. */
    public long bytesWritten() {
        MediaOutput o = output;
        return closedBytes + (o == null ? 0 : o.bytesWritten());
    }

    /** Whether the container header has been written (every expected stream arrived). */
    public boolean started() {
        return output != null && output.headerWritten();
    }

    /**
     * Whether {@code item} can go into this output as it is: false for a stream that arrived after the header was
     * written, or a stream copy whose codec parameters changed (a camera reconfigured to another size or codec). Such
     * an item needs a new output; the caller closes this one first.
     */
    public synchronized boolean fits(MediaItem item) {
        if (output == null || !output.headerWritten()) {
            return true;
        }
        StreamWriter w = streams.get(item.streamIndex());
        return w != null && w.accepts(item);
    }

    /**
     * Writes one item. A failure of the output (an I/O error, a refused header) closes it and every later write throws;
     * a packet the muxer refuses (AVERROR(EINVAL): invalid timestamps) fails only that call and the output goes on.
     */
    public synchronized void write(MediaItem item) {
        if (failed || closed) {
            throw new AvException(failed ? "Output failed earlier and is closed" : "Output was closed", 0, opts.url());
        }
        if (item instanceof VideoFrame v && v.isReleased()) {
            // the caller's mistake, not the output's: refuse the frame and keep the output going
            throw new IllegalStateException("Cannot write a zeroCopy frame after its exchange completed; keep"
                                            + " VideoFrame.copy() for frames written later");
        }
        try {
            if (output == null) {
                OutputOptions out = opts.output();
                output = MediaOutput.create(out.url(), out.format(), out.timeoutMillis(),
                        out.sink() == null ? null : new JavaIo(out.sink()));
            }
            if (output.headerWritten()) {
                StreamWriter w = streams.get(item.streamIndex());
                if (w == null) {
                    throw new AvException("Stream #" + item.streamIndex() + " arrived after the output header was"
                                          + " written (only the streams that appear within the first "
                                          + opts.muxing().streamWaitItems() + " items are written; select them with the"
                                          + " consumer's streams option)", 0, opts.url());
                }
                if (origin.admit(item)) {
                    w.write(item);
                } else {
                    dropped(item);
                }
                return;
            }
            MediaItem held = item.copy(); // held past this call: a zero-copy frame would be released by then
            pending.add(held);
            firsts.putIfAbsent(item.streamIndex(), held);
            if (firsts.keySet().containsAll(item.streamGroup()) || pending.size() >= opts.muxing().streamWaitItems()
                || heldSeconds(held) >= STREAM_WAIT_SECONDS) {
                start();
            }
        } catch (AvException e) {
            if (!refusedItem(e)) {
                fail();
            }
            throw e;
        } catch (RuntimeException e) {
            fail();
            throw e;
        }
    }

    /** An item whose time still went back right after a splice (see {@link TimestampOrigin#admit}): not written. */
    private void dropped(MediaItem item) {
        LOG.debug("Dropped stream #{} at {} s of {}: before the spliced timeline", item.streamIndex(), item.time(),
                UrlMasker.mask(opts.url()));
    }

    /** The muxer refused one packet's timestamps; it wrote nothing and its state is unchanged. */
    private boolean refusedItem(AvException e) {
        return e instanceof PacketRefusedException && output != null;
    }

    private void fail() {
        failed = true;
        closeQuietly();
    }

    /** Media time from the first held item to {@code newest}, on {@code newest}'s stream; 0 when unknown. */
    private double heldSeconds(MediaItem newest) {
        Double t = newest.time();
        if (t == null) {
            return 0;
        }
        for (MediaItem p : pending) {
            if (p.streamIndex() == newest.streamIndex() && p.time() != null) {
                return t - p.time();
            }
        }
        return 0;
    }

    private StreamWriter addStream(MediaItem item) {
        OutputStreamSink sink = new OutputStreamSink(output, output.addStream().index());
        StreamWriter w;
        if (item instanceof VideoFrame v) {
            w = new VideoStreamEncoder(v, opts.encoding(), opts.muxing().bsf(), output, sink, origin);
        } else if (item instanceof AudioFrame a) {
            w = new AudioStreamEncoder(a, opts.encoding(), opts.muxing().bsf(), output, sink, origin);
        } else if (item instanceof MediaPacket p) {
            w = new PacketCopier(p, sink, origin, opts.muxing().bsf());
        } else if (item instanceof Subtitle s) {
            w = new SubtitleStreamEncoder(s, opts.encoding(), output, sink, origin);
        } else {
            throw new AvException("Cannot write " + item.getClass().getSimpleName(), 0, opts.url());
        }
        output.streamMetadata(sink.index(), opts.muxing().tags().of(item.mediaType()));
        streams.put(item.streamIndex(), w);
        return w;
    }

    /**
     * Creates the output streams in source stream order (what {@code ffmpeg -map 0 -c copy} writes, and players take
     * the first track as the default), not in the order their first items arrived; then writes the header and
     * everything held back, in arrival order.
     */
    private void start() {
        for (MediaItem first : firsts.values()) {
            addStream(first);
        }
        firsts.clear();
        output.metadata(metadata);
        output.writeHeader(opts.output().formatOptions());
        for (MediaItem p : pending) {
            origin.observe(p);
        }
        List<MediaItem> held = new ArrayList<>(pending);
        pending.clear();
        for (MediaItem p : held) {
            if (origin.admit(p)) {
                streams.get(p.streamIndex()).write(p);
            } else {
                dropped(p);
            }
        }
    }

    /** Thread-safe: ends a blocked network write. */
    public void interrupt() {
        MediaOutput o = output;
        if (o != null) {
            o.interrupt();
        }
    }

    /** Writes what is held back, flushes every encoder, writes the trailer and frees everything; idempotent. */
    @Override
    public synchronized void close() {
        closed = true;
        if (output == null) {
            return;
        }
        try {
            if (!failed) {
                if (!output.headerWritten() && !pending.isEmpty()) {
                    start();
                }
                if (output.headerWritten()) {
                    streams.values().forEach(StreamWriter::flush);
                }
            }
        } finally {
            closeQuietly();
        }
    }

    private void closeQuietly() {
        try {
            if (output != null) {
                if (output.isImageSequence()) {
                    images = output.packetsWritten();
                }
                closedBytes += output.bytesWritten();
                output.close();
            }
        } catch (RuntimeException e) {
            failed = true; // the trailer or the last buffered data did not reach the output
            closeError = e.getMessage();
            LOG.warn("Closing {}: {}", UrlMasker.mask(opts.url()), e.getMessage());
        } finally {
            output = null;
            streams.values().forEach(StreamWriter::close);
            streams.clear();
            pending.clear();
            firsts.clear();
        }
    }
}
