package org.camelav.springboot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.camel.CamelContext;
import org.camelav.component.AvConsumer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The av meters at Spring Boot's /actuator/prometheus and the av consumer's health check at /actuator/health, read
 * with real HTTP GETs while the example's route runs, with the example's own management and camel.health settings
 * (application.yaml: exposure-level full, health details shown).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "camel.main.duration-max-idle-seconds=0", "camel.main.run-controller=false", "app.seconds=2.5",
        "app.output=target/spring-boot-prometheus" })
class PrometheusMetricsTest {

    @LocalServerPort
    int port;

    @Autowired
    CamelContext camel;

    @Test
    void theConsumersMetersAreScrapedFromActuatorPrometheus() throws Exception {
        assertEquals(3, awaitExchanges(3), "thumbnails at t = 0, 1 and 2 s");
        String body = get("/actuator/prometheus");
        Matcher m = Pattern.compile("(?m)^av_consumer_exchanges_total\\{[^}]*routeId=\"av-thumbnails\"[^}]*} (\\S+)$")
                .matcher(body);
        assertTrue(m.find(), body.lines().filter(l -> l.startsWith("av_")).toList().toString());
        assertEquals(3.0, Double.parseDouble(m.group(1)));
        assertTrue(body.contains("av_consumer_frames_read_total{"), "frames read");
        assertTrue(body.contains("av_consumer_decode_lag_seconds{"), "decode lag");
        assertTrue(body.contains("av_consumer_fps{"), "fps");
    }

    /** The consumer's check under camel-spring-boot's camelHealth contributor, with its counters as details. */
    @Test
    void theAvConsumersCheckIsInActuatorHealthWithItsDetails() throws Exception {
        awaitExchanges(1);
        String body = get("/actuator/health");
        Matcher m = Pattern.compile("\"camelHealth\":.*\"consumer:av-thumbnails\":\"UP\",\"consumer:av-thumbnails"
                                    + "\\.data\":\\{([^}]*)}").matcher(body);
        assertTrue(m.find(), body);
        for (String detail : new String[] {"\"frames\":", "\"reconnects\":\"0\"", "\"errors\":\"0\"", "\"state\":",
                                           "\"endpoint.uri\":\"av:testsrc2=size=1280x720:rate=25\""}) {
            assertTrue(m.group(1).contains(detail), detail + " in " + m.group(1));
        }
    }

    private long awaitExchanges(long n) throws InterruptedException {
        AvConsumer consumer = (AvConsumer) camel.getRoute("av-thumbnails").getConsumer();
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (consumer.getExchanges() < n && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        return consumer.getExchanges();
    }

    private String get(String path) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + path)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return r.body();
    }
}
