package org.camelav.component;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.HealthCheckComponent;
import org.camelav.live.LiveViews;
import org.camelav.media.Ffmpeg;
import org.camelav.media.FfmpegLog;

/** The {@code av:} component: FFmpeg inputs as consumers, FFmpeg outputs as producers. */
@Component("av")
public class AvComponent extends HealthCheckComponent {

    @Metadata(description = "Options every endpoint of this component starts from (timeout, the reconnect options,"
                            + " threadCount, formatOptions.rtsp_transport... set once for a fleet of cameras); each"
                            + " endpoint gets its own copy, which its URI parameters override.")
    private AvConfiguration configuration = new AvConfiguration();
    private final LiveViews liveViews = new LiveViews();
    private final AvInFlight inFlight = new AvInFlight();

    @Metadata(label = "advanced", defaultValue = "WARNING",
              enums = "QUIET,PANIC,FATAL,ERROR,WARNING,INFO,VERBOSE,DEBUG,TRACE",
              description = "FFmpeg's log level (like ffmpeg -loglevel or PyAV's av.logging.set_level). FFmpeg messages"
                            + " at or above it go to SLF4J logger org.camelav.ffmpeg. The level is JVM-wide, as FFmpeg's"
                            + " own is: a component changes it only when this option is set, so a second CamelContext"
                            + " does not undo the level the first one chose. Unset, FFmpeg logs at WARNING.")
    private String logLevel;
    /** Set once doInit applied the level: from then on setLogLevel applies at once (isInit() is false once started). */
    private volatile boolean levelApplied;

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        AvEndpoint endpoint = new AvEndpoint(uri, this,
                configuration == null ? new AvConfiguration() : configuration.copy());
        endpoint.setUrl(AvUris.decodePath(remaining));
        AvUriParameters.checkNumbers(uri, parameters);
        Map<String, Object> raw = new LinkedHashMap<>(parameters);
        AvUris.decodeParameters(parameters);
        setProperties(endpoint, parameters); // the endpoint's own values win; formatOptions.x adds to the copied map
        AvUriParameters.checkTypos(uri, endpoint.getUrl(), parameters.keySet());
        if (!parameters.isEmpty() && AvUriParameters.hasOwnQuery(endpoint.getUrl())) {
            // the URL's own query (rtsp://cam/live?channel=1&subtype=0): back into the URL, as written
            endpoint.setUrl(AvUriParameters.withQuery(endpoint.getUrl(), AvUriParameters.unclaimed(raw, parameters)));
            parameters.clear();
        }
        return endpoint; // anything left fails as an unknown parameter (DefaultComponent.validateParameters)
    }

    /** Raw, so that {@link AvUris} decodes exactly once and keeps {@code +}: see there. */
    @Override
    public boolean useRawUri() {
        return true;
    }

    @Override
    protected void doInit() throws Exception {
        super.doInit();
        Ffmpeg.init();
        if (logLevel != null) {
            FfmpegLog.setLevel(FfmpegLog.parse(logLevel));
        }
        levelApplied = true;
        getCamelContext().getManagementStrategy().addEventNotifier(inFlight);
        org.apache.camel.support.service.ServiceHelper.startService(inFlight); // Camel only tells started notifiers
    }

    @Override
    protected void doShutdown() throws Exception {
        getCamelContext().getManagementStrategy().removeEventNotifier(inFlight);
        org.apache.camel.support.service.ServiceHelper.stopAndShutdownService(inFlight);
        super.doShutdown();
    }

    /** The producers' running one-shot operations, interrupted when the context stops (see AvInFlight). */
    AvInFlight inFlight() {
        return inFlight;
    }

    /** The pictures of the sources this component's consumers read, for snapshots. */
    public LiveViews liveViews() {
        return liveViews;
    }

    public AvConfiguration getConfiguration() {
        return configuration;
    }

    /** The configuration new endpoints copy; endpoints created before keep theirs. */
    public void setConfiguration(AvConfiguration configuration) {
        this.configuration = configuration;
    }

    public String getLogLevel() {
        return logLevel;
    }

    /** Checked as it is set, so that a bad value fails the binding that set it (camel-main, Quarkus) by name. */
    public void setLogLevel(String logLevel) {
        FfmpegLog.Level level = logLevel == null ? null : FfmpegLog.parse(logLevel);
        this.logLevel = logLevel;
        if (levelApplied && level != null) {
            FfmpegLog.setLevel(level);
        }
    }
}
