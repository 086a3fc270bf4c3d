package org.camelav.component;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.camelav.live.LiveTranscode;
import org.camelav.live.LiveView;
import org.camelav.live.LiveViewer;
import org.camelav.media.AvTimeoutException;
import org.camelav.media.AvUnsupportedException;

/**
 * {@code operation=live}: a new viewer of the endpoint source's live fragmented MP4 as the body, muxed once per camera
 * from the packets consumer of the same URL (see {@link org.camelav.live.LiveFragments}). The body is an InputStream,
 * so platform-http streams it as chunked HTTP as it is; a WebSocket bridge reads it whole chunk by chunk
 * ({@link LiveViewer#poll()}). Content-Type carries the codecs for {@code MediaSource.addSourceBuffer}.
 */
final class AvLive {

    private AvLive() {
    }

    static void into(AvEndpoint endpoint, Message m) throws InterruptedException {
        LiveView view = endpoint.liveViews().find(endpoint.getUrl());
        if (view == null) {
            throw new AvUnsupportedException("operation=live needs a consumer of " + endpoint.maskedUrl()
                                             + " in packets mode running in this CamelContext", 0, null);
        }
        boolean audio = endpoint.getConfiguration().isLiveAudio();
        AvConfiguration c = endpoint.getConfiguration();
        LiveViewer viewer = view.watch(c.getLiveQueueBytes(), audio, LiveTranscode.of(c.getLiveTranscode()),
                c.getTimeout());
        String codecs;
        try {
            codecs = viewer.awaitCodecs(endpoint.getConfiguration().getTimeout());
        } catch (InterruptedException e) {
            viewer.close();
            throw e;
        }
        if (codecs == null) {
            String why = viewer.problem();
            viewer.close();
            throw why != null ? new AvUnsupportedException(why, 0, null)
                    : new AvTimeoutException("No key frame within " + endpoint.getConfiguration().getTimeout()
                                             + " ms for a live stream", 0, null);
        }
        m.setBody(viewer);
        m.setHeader(Exchange.CONTENT_TYPE, "video/mp4; codecs=\"" + codecs + "\"");
    }
}
