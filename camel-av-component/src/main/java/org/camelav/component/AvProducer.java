package org.camelav.component;

import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.Message;
import org.apache.camel.health.WritableHealthCheckRepository;
import org.apache.camel.spi.ExecutorServiceManager;
import org.apache.camel.support.DefaultAsyncProducer;
import org.camelav.media.FrameProps;
import org.camelav.media.MediaItem;
import org.camelav.media.UrlMasker;
import org.camelav.media.Rational;
import org.camelav.media.container.MediaInfo;
import org.camelav.media.container.MediaOperations;
import org.camelav.media.container.MediaWriter;
import org.camelav.media.container.ReaderOptions;
import org.camelav.media.container.WriterOptions;
import org.camelav.media.io.Interrupter;
import org.camelav.media.io.ByteSink;
import org.camelav.media.video.ImageFormat;
import org.camelav.media.video.VideoFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Encodes (frames) or remuxes (packets) exchange bodies into one FFmpeg output. The output opens with the first
 * exchange; stopping the producer flushes the encoder and writes the trailer, so a stopped route leaves a playable file.
 * With {@code pipelined=true} (the default) writes run on the producer's own thread ({@link AvWritePipeline}) and an
 * exchange completes asynchronously once its item is written; the other operations run on the caller's thread.
 */
public class AvProducer extends DefaultAsyncProducer {

    private static final Logger LOG = LoggerFactory.getLogger(AvProducer.class);

    private final AvEndpoint endpoint;
    private final AvProducerStats stats = new AvProducerStats();
    /** Guards opening, rolling and closing outputs; writes on one output are serialised by the writer itself. */
    private final Object writeLock = new Object();
    private volatile MediaWriter writer;
    private AvProducerHealthCheck healthCheck;
    private WritableHealthCheckRepository healthRepository;
    private AutoCloseable meters;
    private volatile AvWritePipeline pipeline;

    public AvProducer(AvEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
    }

    @Override
    public AvEndpoint getEndpoint() {
        return endpoint;
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        AvWritePipeline p = pipeline; // only operation=write has one
        if (p != null) {
            MediaItem item;
            try {
                item = item(exchange);
            } catch (Exception e) { // a body that is no frame fails here, on the sender's thread
                exchange.setException(e);
                callback.done(true);
                return true;
            }
            return p.submit(exchange, item, callback);
        }
        try {
            processNow(exchange);
        } catch (Exception e) {
            exchange.setException(e);
        }
        callback.done(true);
        return true;
    }

    private void processNow(Exchange exchange) throws Exception {
        switch (endpoint.getConfiguration().getOperation()) {
            case PROBE -> probe(exchange);
            case TRANSCODE -> transcode(exchange);
            case THUMBNAIL -> thumbnail(exchange);
            case SNAPSHOT -> AvSnapshot.into(endpoint, exchange.getMessage(), endpoint.getConfiguration().getTimeout());
            case CODECS, FORMATS, HWACCELS, FILTERS, PROTOCOLS, BSFS -> exchange.getMessage().setBody(
                    AvCapabilities.of(endpoint.getConfiguration().getOperation()));
            case LIVE -> AvLive.into(endpoint, exchange.getMessage());
            default -> write(exchange);
        }
    }

    /** The input of probe/thumbnail: the message body for path {@code body}, else the endpoint's URL. */
    private ReaderOptions input(Exchange exchange) {
        ReaderOptions o = endpoint.options().reader();
        return endpoint.isBodyPath() ? AvBodies.input(exchange, o) : o;
    }

    private void probe(Exchange exchange) {
        ReaderOptions in = input(exchange);
        MediaInfo info = stoppable(in, it -> MediaOperations.probe(in, it));
        exchange.getMessage().setBody(info);
    }

    /**
     * Runs a one-shot operation under an interrupter the component stops when the context stops (AvInFlight): a read
     * blocked on a stalled body then ends after stopTimeout rather than holding the shutdown for its whole timeout.
     */
    private <T> T stoppable(ReaderOptions in, java.util.function.Function<Interrupter, T> operation) {
        AvInFlight inFlight = endpoint.getComponent().inFlight();
        Interrupter it = inFlight.started(in.input().timeoutMillis(), endpoint.getConfiguration().getStopTimeout());
        try {
            return operation.apply(it);
        } finally {
            inFlight.finished(it);
        }
    }

    private void thumbnail(Exchange exchange) {
        ImageFormat format = endpoint.options().imageFormat();
        ReaderOptions in = input(exchange);
        byte[] image = stoppable(in, it -> MediaOperations.thumbnail(in, endpoint.getConfiguration().getThumbnailTime(),
                format, endpoint.getConfiguration().getQuality(), it));
        exchange.getMessage().setBody(image);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, format.mimeType());
    }

    private void transcode(Exchange exchange) {
        ReaderOptions in = AvBodies.input(exchange, endpoint.options().transcodeInput());
        WriterOptions out = endpoint.options().writer();
        ByteSink sink = null;
        if (endpoint.isBodyPath()) { // format= is set: the endpoint checked it when it started
            sink = new ByteSink();
            out = out.withSink(sink);
        }
        WriterOptions output = out;
        stoppable(in, it -> MediaOperations.transcode(in, output, it));
        if (sink != null) {
            exchange.getMessage().setBody(sink.toByteArray());
        }
    }

    /**
     * An image sequence written by an earlier writer of this endpoint (closed by a failure or a route stop) is
     * continued, not overwritten: the image2 muxer's start_number moves on by the images already written.
     */
    private WriterOptions continuedNumbering(WriterOptions o) {
        long imagesBefore = endpoint.imagesWritten().get();
        if (imagesBefore == 0) {
            return o;
        }
        Object start = o.output().formatOptions().get("start_number");
        long first = start == null ? 1 : Long.parseLong(start.toString().trim());
        Map<String, Object> options = new java.util.HashMap<>(o.output().formatOptions());
        options.put("start_number", String.valueOf(first + imagesBefore));
        return o.withFormatOptions(options);
    }

    /**
     * Writes the exchange's item into the current output, opening one when there is none. An item the output cannot
     * take as it is (a stream copy whose parameters changed, a stream that came after the header) closes it and goes
     * into a new one; {@code CamelAvEndOfStream=true} writes the item, then closes the output (trailer written) so the
     * file is complete while the route runs on. A refused packet fails only its exchange; a failed output is closed,
     * and the next exchange opens a new one. New outputs never replace what this endpoint wrote (see AvOutputFiles).
     */
    private void write(Exchange exchange) throws Exception {
        write(exchange, item(exchange));
    }

    /** The exchange's item; null for an end of stream without a body. */
    private static MediaItem item(Exchange exchange) throws InvalidPayloadException {
        Message m = exchange.getMessage();
        return endOfStream(m) && m.getBody() == null ? null : toItem(exchange);
    }

    private static boolean endOfStream(Message m) {
        return Boolean.TRUE.equals(m.getHeader(AvConstants.END_OF_STREAM, Boolean.class));
    }

    private void write(Exchange exchange, MediaItem item) {
        Message m = exchange.getMessage();
        boolean end = endOfStream(m);
        synchronized (writeLock) {
            if (item != null) {
                MediaWriter w = writeItem(item);
                w.encoderNames().stream().filter(java.util.Objects::nonNull).findFirst()
                        .ifPresent(name -> m.setHeader(AvConstants.CODEC_NAME, name));
            }
            if (end && writer != null) {
                LOG.debug("End of stream: closing {}", UrlMasker.mask(writer.url()));
                finish(writer);
            }
        }
    }

    private MediaWriter writeItem(MediaItem item) {
        MediaWriter w = writer;
        if (w != null && !w.fits(item)) {
            LOG.info("Stream #{} changed or arrived late: closing {} and continuing in a new output",
                    item.streamIndex(), UrlMasker.mask(w.url()));
            finish(w);
            w = null;
        }
        if (w == null) {
            AvConfiguration c = endpoint.getConfiguration();
            w = new MediaWriter(endpoint.outputFiles().next(continuedNumbering(endpoint.options().writer()),
                    c.getFileExist()));
            writer = w;
            stats.opened(w);
        }
        try {
            w.write(item);
            stats.written(item);
            return w;
        } catch (RuntimeException e) {
            stats.failed(e);
            if (w.failed()) {
                released(w); // it closed itself; the next exchange starts a new output
            }
            throw e;
        }
    }

    /** Closes {@code w} (flush, trailer) and forgets it; the next item opens a new output. */
    private void finish(MediaWriter w) {
        try {
            closeWithGrace(w);
        } finally {
            released(w);
        }
    }

    private void released(MediaWriter w) {
        if (writer == w) {
            writer = null;
        }
        endpoint.imagesWritten().addAndGet(w.imagesWritten());
        stats.closed(w);
        if (w.bytesWritten() == 0) {
            endpoint.outputFiles().discardIfEmpty(w.url());
        }
    }

    /**
     * A frame or packet body as is; anything a type converter turns into a frame (a BufferedImage); or raw pixels
     * (byte[]) with width/height/pixel-format headers. Converted and raw bodies take their timestamp from the PTS and
     * time-base headers when present.
     */
    private static MediaItem toItem(Exchange exchange) throws InvalidPayloadException {
        Message m = exchange.getMessage();
        Object body = m.getBody();
        if (body instanceof MediaItem item) {
            return item;
        }
        VideoFrame converted = body == null || body instanceof byte[] ? null
                : exchange.getContext().getTypeConverter().tryConvertTo(VideoFrame.class, exchange, body);
        if (converted != null) {
            return converted.withProps(headerProps(m));
        }
        Integer w = m.getHeader(AvConstants.WIDTH, Integer.class);
        Integer h = m.getHeader(AvConstants.HEIGHT, Integer.class);
        String fmt = m.getHeader(AvConstants.PIXEL_FORMAT, String.class);
        if (w == null || h == null || fmt == null) {
            throw new IllegalArgumentException("av: producer needs a frame or packet body, an image, or raw pixels with"
                                               + " headers " + AvConstants.WIDTH + ", " + AvConstants.HEIGHT + " and "
                                               + AvConstants.PIXEL_FORMAT + "; got "
                                               + (body == null ? "null" : body.getClass().getName()));
        }
        byte[] pixels = m.getMandatoryBody(byte[].class);
        return new VideoFrame(headerProps(m), w, h, fmt, pixels, null);
    }

    private static FrameProps headerProps(Message m) {
        Long pts = m.getHeader(AvConstants.PTS, Long.class);
        String tb = m.getHeader(AvConstants.TIME_BASE, String.class);
        return FrameProps.timestamp(pts, tb == null ? null : timeBase(tb));
    }

    /** A header time base FFmpeg can rescale with: both terms positive ({@code 1/0} would divide by zero). */
    private static Rational timeBase(String text) {
        Rational r;
        try {
            r = Rational.parse(text);
        } catch (RuntimeException e) {
            r = null;
        }
        if (r == null || r.num() <= 0 || r.den() <= 0) {
            throw new IllegalArgumentException("av: header " + AvConstants.TIME_BASE + " '" + text
                                               + "' is not a valid time base: expected num/den with both positive,"
                                               + " e.g. 1/25");
        }
        return r;
    }

    @Override
    protected void doStop() throws Exception {
        AvWritePipeline p = pipeline;
        if (p != null) {
            pipeline = null;
            // what is queued is written first (route stop drains) within closeTimeout, the producer's own stop bound
            // (stopTimeout belongs to the consumer and to one-shot operations); a write blocked on a stalled server is
            // interrupted after it, and the close below then gets its own closeTimeout for the trailer
            p.stop(endpoint.getConfiguration().getCloseTimeout(), () -> {
                MediaWriter blocked = writer;
                if (blocked != null) {
                    blocked.interrupt();
                }
            });
        }
        // not under writeLock: a write blocked on a stalled server holds it, and closeWithGrace interrupts that write
        MediaWriter w = writer;
        if (w != null) {
            finish(w);
        }
        endpoint.producers().remove(this);
        AvMetrics.unbind(meters);
        meters = null;
        if (healthRepository != null) {
            healthRepository.removeHealthCheck(healthCheck);
            healthRepository = null;
        }
        super.doStop();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        healthCheck = new AvProducerHealthCheck(this);
        healthRepository = healthCheck.registerAsProducer();
        meters = AvMetrics.bindProducer(this);
        endpoint.producers().add(this);
        AvConfiguration c = endpoint.getConfiguration();
        if (c.isPipelined() && c.getOperation() == AvOperation.WRITE) {
            pipeline = new AvWritePipeline(this, "AvProducer[" + endpoint.maskedUrl() + "]",
                    getEndpoint().getCamelContext().getExecutorServiceManager(), this::write);
        }
    }

    AvProducerStats stats() {
        return stats;
    }

    /**
     * A write blocked on a stalled server holds the writer (and so close) until the timeout: give flushing and the
     * trailer a grace period, then interrupt the blocked call. The watchdog is a thread of Camel's executor manager
     * (named, tracked, shut down with the context), never the common ForkJoinPool shared with the application.
     */
    private void closeWithGrace(MediaWriter w) {
        ExecutorServiceManager manager = getEndpoint().getCamelContext().getExecutorServiceManager();
        ScheduledExecutorService watchdog = manager.newSingleThreadScheduledExecutor(this, "AvProducerStop");
        try {
            watchdog.schedule(w::interrupt, endpoint.getConfiguration().getCloseTimeout(), TimeUnit.MILLISECONDS);
            w.close();
        } finally {
            manager.shutdownNow(watchdog);
        }
    }
}
