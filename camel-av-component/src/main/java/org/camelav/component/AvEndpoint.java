package org.camelav.component;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.PollingConsumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;
import org.camelav.live.Backoff;
import org.camelav.live.LiveViews;
import org.camelav.media.UrlMasker;

/**
 * Decode any FFmpeg input (file, HTTP/HLS, RTSP, device, lavfi) into frames or packets, and encode or remux them into
 * any FFmpeg output (file, HLS, RTSP, RTMP, UDP, SRT).
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "av", title = "AV (FFmpeg)", syntax = "av:url",
             category = { Category.TRANSFORMATION, Category.IOT }, headersClass = AvConstants.class,
             lenientProperties = true)
public class AvEndpoint extends DefaultEndpoint {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(AvEndpoint.class);

    @UriPath(description = "FFmpeg input or output: a file name, file: URL, http(s)/HLS, rtsp://, rtmp://, udp://, srt://"
                           + " URL, a device (/dev/video0 with format=v4l2) or an lavfi graph (testsrc2=size=640x480 with"
                           + " format=lavfi), exactly as ffmpeg -i would take it. A network URL keeps its own query"
                           + " string: parameters that are no av option (channel=1&subtype=0 of rtsp://cam/live) are"
                           + " appended to the URL in the order written; FFmpeg protocol options (the mode of srt://)"
                           + " go in formatOptions. On other paths an unknown parameter fails the endpoint."
                           // no question mark in here: Camel's catalog generator drops it from descriptions
                           + " The url option with RAW(...) also takes a whole URL, e.g. one whose query names an av"
                           + " option.")
    @Metadata(required = true)
    private String url;

    @UriParam
    private AvConfiguration configuration;

    /** The media layer's view of the configuration, built and checked once when the endpoint initialises. */
    private volatile AvMediaOptions options;
    private volatile String maskedUri;
    /** Images the producers' closed writers wrote to this image-sequence output: where the numbering goes on. */
    private final AtomicLong imagesWritten = new AtomicLong();
    private final AvOutputFiles outputFiles = new AvOutputFiles();
    private final AvRecording recording = new AvRecording();
    /** Started consumers and producers, for the av dev console. */
    private final Set<AvConsumer> consumers = ConcurrentHashMap.newKeySet();
    private final Set<AvProducer> producers = ConcurrentHashMap.newKeySet();

    public AvEndpoint(String uri, AvComponent component, AvConfiguration configuration) {
        super(uri, component);
        this.configuration = configuration;
    }

    @Override
    protected void doInit() throws Exception {
        super.doInit();
        options = AvMediaOptions.of(url, configuration); // a bad option fails the route as it is created
        if (UrlMasker.password(url) != null) {
            // camel-av masks it everywhere it can; Camel's model dumps print the route as written
            LOG.warn("{} has a password in its user info: Camel's route dumps (dump-routes, the route-dump console,"
                     + " JMX dumpRoutesAsXml) print it. Use the username and password options with a property"
                     + " placeholder instead (README, Security)", maskedUrl());
        }
        if (isRecordingPath()) {
            AvRecordingProducer.options(this); // the pattern, clock and durations too
        }
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        options = AvMediaOptions.of(url, configuration); // the configuration may have been changed since
    }

    /** pollEnrich of a snapshot endpoint: each poll is one picture, no consumer thread of its own. */
    @Override
    public PollingConsumer createPollingConsumer() throws Exception {
        if (configuration.getOperation() != AvOperation.SNAPSHOT) {
            return super.createPollingConsumer();
        }
        return new AvSnapshotPollingConsumer(this);
    }

    /** The recorder every producer of this endpoint shares (record=true, clip=true). */
    AvRecording recording() {
        return recording;
    }

    LiveViews liveViews() {
        return ((AvComponent) getComponent()).liveViews();
    }

    @Override
    public AvComponent getComponent() {
        return (AvComponent) super.getComponent();
    }

    @Override
    public Producer createProducer() throws Exception {
        AvOptionConflicts.check(AvOptionConflicts.PRODUCER, configuration);
        if (isRecordingPath()) {
            return new AvRecordingProducer(this);
        }
        return new AvProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        AvOptionConflicts.check(AvOptionConflicts.CONSUMER, configuration);
        AvConsumer consumer = new AvConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    @Override
    protected String createEndpointUri() {
        return "av:" + url;
    }

    /**
     * The URI with its secrets masked (user-info password, password option). Camel prints {@code getEndpointUri()}
     * unsanitised in the endpoint dev console ({@code camel get endpoint}) and elsewhere. Camel finds an endpoint by
     * the URI the route wrote and removes one by identity, so this text is only shown, never resolved again.
     */
    @Override
    public String getEndpointUri() {
        String masked = maskedUri;
        if (masked == null) {
            masked = UrlMasker.mask(super.getEndpointUri());
            maskedUri = masked;
        }
        return masked;
    }

    /** By the URI as written: two endpoints that differ only in their password are not the same endpoint. */
    @Override
    public boolean equals(Object o) {
        return o instanceof AvEndpoint that && super.getEndpointUri().equals(that.rawUri())
               && getCamelContext() == that.getCamelContext();
    }

    @Override
    public int hashCode() {
        return super.getEndpointUri().hashCode();
    }

    private String rawUri() {
        return super.getEndpointUri();
    }

    /** URL safe for logs: credentials masked. */
    String maskedUrl() {
        return UrlMasker.mask(url);
    }

    /** The path is a recording's pattern: recorded (record, clip), or listed and exported. */
    boolean isRecordingPath() {
        AvOperation op = configuration.getOperation();
        return configuration.isRecord() || configuration.isClip() || op.readsRecording();
    }

    /** The path {@code body}: the operation works on the message body rather than a URL. */
    boolean isBodyPath() {
        return "body".equals(url);
    }

    /** The option records; the endpoint builds them when it initialises (before any consumer or producer starts). */
    AvMediaOptions options() {
        AvMediaOptions o = options;
        if (o == null) {
            throw new IllegalStateException("av: endpoint " + maskedUrl() + " is not initialised");
        }
        return o;
    }

    Backoff backoff() {
        return new Backoff(configuration.getReconnectDelay(), configuration.getReconnectMaxDelay(),
                configuration.getReconnectAttempts());
    }

    Set<AvConsumer> consumers() {
        return consumers;
    }

    Set<AvProducer> producers() {
        return producers;
    }

    AvOutputFiles outputFiles() {
        return outputFiles;
    }

    AtomicLong imagesWritten() {
        return imagesWritten;
    }

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    public AvConfiguration getConfiguration() {
        return configuration;
    }

    /** The endpoint's options; the component gives each endpoint a copy of its own configuration. */
    public void setConfiguration(AvConfiguration configuration) {
        this.configuration = configuration;
    }
}
