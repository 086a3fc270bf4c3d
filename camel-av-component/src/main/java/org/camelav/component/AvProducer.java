package org.camelav.component;

import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultProducer;
import org.camelav.media.MediaItem;
import org.camelav.media.MediaWriter;
import org.camelav.media.Rational;
import org.camelav.media.VideoFrame;

/**
 * Encodes (frames) or remuxes (packets) exchange bodies into one FFmpeg output. The output opens with the first
 * exchange; stopping the producer flushes the encoder and writes the trailer, so a stopped route leaves a playable file.
 */
public class AvProducer extends DefaultProducer {

    private final AvEndpoint endpoint;
    private MediaWriter writer;

    public AvProducer(AvEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        MediaItem item = toItem(exchange);
        MediaWriter w;
        synchronized (this) {
            if (writer == null) {
                writer = new MediaWriter(endpoint.writerOptions());
            }
            w = writer;
        }
        try {
            w.write(item);
        } catch (RuntimeException e) {
            // the writer closed itself; the next exchange starts a fresh output
            synchronized (this) {
                if (writer == w) {
                    writer = null;
                }
            }
            throw e;
        }
        w.encoderNames().stream().filter(java.util.Objects::nonNull).findFirst()
                .ifPresent(name -> exchange.getMessage().setHeader(AvConstants.CODEC_NAME, name));
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
            return new VideoFrame(headerTiming(m), converted.width(), converted.height(), converted.pixelFormat(),
                    converted.data(), null);
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
        return new VideoFrame(headerTiming(m), w, h, fmt, pixels, null);
    }

    private static MediaItem.Timing headerTiming(Message m) {
        Long pts = m.getHeader(AvConstants.PTS, Long.class);
        String tb = m.getHeader(AvConstants.TIME_BASE, String.class);
        return new MediaItem.Timing().pts(pts).timeBase(tb == null ? null : Rational.parse(tb));
    }

    @Override
    protected void doStop() throws Exception {
        MediaWriter w;
        synchronized (this) {
            w = writer;
            writer = null;
        }
        if (w != null) {
            w.close();
        }
        super.doStop();
    }
}
