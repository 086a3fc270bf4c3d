package org.camelav.component;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.camelav.live.LiveView;
import org.camelav.media.container.MediaOperations;
import org.camelav.media.video.ImageFormat;

/**
 * {@code operation=snapshot}: the newest picture of the endpoint's source as an image, from a consumer of the same URL
 * running in this CamelContext (no second connection to the camera), else from the source opened for its first key
 * frame and closed again. Used by the producer and by pollEnrich's polling consumer.
 */
final class AvSnapshot {

    static final String FROM_CONSUMER = "consumer";
    static final String FROM_SOURCE = "source";

    private AvSnapshot() {
    }

    /**
     * Sets the image, its content type, {@link AvConstants#SNAPSHOT_SOURCE} and, for a consumer's picture,
     * {@link AvConstants#SNAPSHOT_AGE} on {@code m}.
     */
    static void into(AvEndpoint endpoint, Message m, long timeoutMillis) throws InterruptedException {
        ImageFormat format = endpoint.options().imageFormat();
        int quality = endpoint.getConfiguration().getQuality();
        LiveView view = endpoint.liveViews().find(endpoint.getUrl());
        byte[] image;
        if (view != null) {
            image = view.snapshot(format, quality, timeoutMillis);
            m.setHeader(AvConstants.SNAPSHOT_SOURCE, FROM_CONSUMER);
            m.setHeader(AvConstants.SNAPSHOT_AGE, view.ageMillis());
        } else {
            image = MediaOperations.thumbnail(endpoint.options().reader(), null, format, quality);
            m.setHeader(AvConstants.SNAPSHOT_SOURCE, FROM_SOURCE);
        }
        m.setBody(image);
        m.setHeader(Exchange.CONTENT_TYPE, format.mimeType());
    }
}
