package org.camelav.component;

import org.apache.camel.Exchange;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.support.PollingConsumerSupport;

/**
 * pollEnrich of an {@code operation=snapshot} endpoint: each receive is one picture (see {@link AvSnapshot}), taken on
 * the caller's thread; nothing runs between polls.
 */
final class AvSnapshotPollingConsumer extends PollingConsumerSupport {

    private final AvEndpoint endpoint;

    AvSnapshotPollingConsumer(AvEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
    }

    @Override
    public Exchange receive() {
        return receive(endpoint.getConfiguration().getTimeout());
    }

    /** A running consumer's newest picture only: null when there is none yet (never opens the source). */
    @Override
    public Exchange receiveNoWait() {
        if (endpoint.liveViews().find(endpoint.getUrl()) == null) {
            return null;
        }
        return receive(0);
    }

    @Override
    public Exchange receive(long timeout) {
        Exchange exchange = endpoint.createExchange();
        try {
            AvSnapshot.into(endpoint, exchange.getMessage(), timeout);
            return exchange;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (RuntimeException e) {
            throw e instanceof RuntimeCamelException rce ? rce : new RuntimeCamelException(e);
        }
    }

    @Override
    protected void doStart() {
        // nothing to open: each receive takes its picture
    }

    @Override
    protected void doStop() {
        // nothing held between receives
    }
}
