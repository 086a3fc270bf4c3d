package org.camelav.component;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;
import org.camelav.media.AudioFrame;
import org.camelav.media.MediaItem;
import org.camelav.media.MediaReader;
import org.camelav.media.VideoFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads an FFmpeg input on one thread of its own and emits one exchange per frame or packet, synchronously, so a slow
 * route slows the reader instead of queueing frames. Stopping interrupts a blocked FFmpeg call through the input's
 * interrupt callback; the reader thread closes every native resource itself.
 */
public class AvConsumer extends DefaultConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(AvConsumer.class);
    private static final long STOP_WAIT_MILLIS = 10_000;

    private final AvEndpoint endpoint;
    private ExecutorService executor;
    private volatile MediaReader reader;

    public AvConsumer(AvEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.endpoint = endpoint;
    }

    @Override
    public AvEndpoint getEndpoint() {
        return endpoint;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        executor = getEndpoint().getCamelContext().getExecutorServiceManager()
                .newSingleThreadExecutor(this, "AvConsumer[" + endpoint.maskedUrl() + "]");
        executor.submit(this::readLoop);
    }

    @Override
    protected void doStop() throws Exception {
        MediaReader r = reader;
        if (r != null) {
            r.interrupt();
        }
        if (executor != null) {
            executor.shutdownNow();
            if (!executor.awaitTermination(STOP_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                LOG.warn("Reader of {} did not stop within {} ms", endpoint.maskedUrl(), STOP_WAIT_MILLIS);
            }
            getEndpoint().getCamelContext().getExecutorServiceManager().shutdown(executor);
            executor = null;
        }
        super.doStop();
    }

    private void readLoop() {
        try (MediaReader r = MediaReader.open(endpoint.readerOptions())) {
            reader = r;
            if (!isRunAllowed()) {
                return;
            }
            LOG.info("Reading {} ({}): {}", endpoint.maskedUrl(), r.input().formatName(), r.selectedStreams());
            MediaItem item;
            while (isRunAllowed() && (item = r.next()) != null) {
                emit(item);
            }
            LOG.debug("Finished reading {}", endpoint.maskedUrl());
        } catch (Exception e) {
            if (isRunAllowed()) {
                getExceptionHandler().handleException("Error reading " + endpoint.maskedUrl(), e);
            }
        } finally {
            reader = null;
        }
    }

    private void emit(MediaItem item) {
        Exchange exchange = createExchange(false);
        try {
            populate(exchange.getMessage(), item);
            getProcessor().process(exchange);
        } catch (Exception e) {
            exchange.setException(e);
        }
        if (exchange.getException() != null) {
            getExceptionHandler().handleException("Error processing " + item, exchange, exchange.getException());
        }
        releaseExchange(exchange, false);
    }

    static void populate(Message m, MediaItem item) {
        m.setBody(item);
        m.setHeader(AvConstants.MEDIA_TYPE, item.mediaType().label());
        m.setHeader(AvConstants.STREAM_INDEX, item.streamIndex());
        m.setHeader(AvConstants.PTS, item.pts());
        m.setHeader(AvConstants.DTS, item.dts());
        m.setHeader(AvConstants.TIME_BASE, item.timeBase().toString());
        m.setHeader(AvConstants.TIME, item.time());
        m.setHeader(AvConstants.DURATION, item.duration());
        m.setHeader(AvConstants.KEY_FRAME, item.keyFrame());
        m.setHeader(AvConstants.FRAME_INDEX, item.frameIndex());
        m.setHeader(AvConstants.END_OF_STREAM, item.endOfStream());
        if (item.stream() != null) {
            m.setHeader(AvConstants.STREAM_INFO, item.stream());
            m.setHeader(AvConstants.CODEC_NAME, item.stream().codecName());
        }
        if (item instanceof VideoFrame v) {
            m.setHeader(AvConstants.WIDTH, v.width());
            m.setHeader(AvConstants.HEIGHT, v.height());
            m.setHeader(AvConstants.PIXEL_FORMAT, v.pixelFormat());
            m.setHeader(AvConstants.PICT_TYPE, v.pictType());
        } else if (item instanceof AudioFrame a) {
            m.setHeader(AvConstants.SAMPLE_RATE, a.sampleRate());
            m.setHeader(AvConstants.CHANNELS, a.channels());
            m.setHeader(AvConstants.SAMPLE_FORMAT, a.sampleFormat());
            m.setHeader(AvConstants.SAMPLES, a.samples());
        }
    }
}
