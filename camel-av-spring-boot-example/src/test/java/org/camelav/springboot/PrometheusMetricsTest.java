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

/** The av meters at Spring Boot's /actuator/prometheus, read with a real HTTP GET while the example's route runs. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "camel.main.duration-max-idle-seconds=0", "camel.main.run-controller=false", "app.seconds=2.5",
        "app.output=target/spring-boot-prometheus", "management.endpoints.web.exposure.include=prometheus" })
class PrometheusMetricsTest {

    @LocalServerPort
    int port;

    @Autowired
    CamelContext camel;

    @Test
    void theConsumersMetersAreScrapedFromActuatorPrometheus() throws Exception {
        AvConsumer consumer = (AvConsumer) camel.getRoute("av-thumbnails").getConsumer();
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (consumer.getExchanges() < 3 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertEquals(3, consumer.getExchanges(), "thumbnails at t = 0, 1 and 2 s");
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        String body = r.body();
        Matcher m = Pattern.compile("(?m)^av_consumer_exchanges_total\\{[^}]*routeId=\"av-thumbnails\"[^}]*} (\\S+)$")
                .matcher(body);
        assertTrue(m.find(), body.lines().filter(l -> l.startsWith("av_")).toList().toString());
        assertEquals(3.0, Double.parseDouble(m.group(1)));
        assertTrue(body.contains("av_consumer_frames_read_total{"), "frames read");
        assertTrue(body.contains("av_consumer_decode_lag_seconds{"), "decode lag");
        assertTrue(body.contains("av_consumer_fps{"), "fps");
    }
}
