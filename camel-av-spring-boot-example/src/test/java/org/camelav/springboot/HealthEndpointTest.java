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
 * The av consumer's health check as Spring Boot users look for it: at /actuator/health, with the details that the
 * README's Spring Boot section and the example's application.yaml switch on (camel.health.exposure-level=full,
 * management.endpoint.health.show-details=always).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "camel.main.duration-max-idle-seconds=0", "camel.main.run-controller=false", "app.seconds=2.5",
        "app.output=target/spring-boot-health" })
class HealthEndpointTest {

    @LocalServerPort
    int port;

    @Autowired
    CamelContext camel;

    @Test
    void theAvConsumersCheckIsInActuatorHealthWithItsDetails() throws Exception {
        AvConsumer consumer = (AvConsumer) camel.getRoute("av-thumbnails").getConsumer();
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (consumer.getExchanges() < 1 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        String body = r.body();
        assertEquals(200, r.statusCode(), body);
        // Camel's "camelHealth" contributor, with the av consumer's check under its route id and its counters
        Matcher m = Pattern.compile("\"camelHealth\":.*\"consumer:av-thumbnails\":\"UP\",\"consumer:av-thumbnails"
                                    + "\\.data\":\\{([^}]*)}").matcher(body);
        assertTrue(m.find(), body);
        for (String detail : new String[] {"\"frames\":", "\"reconnects\":\"0\"", "\"errors\":\"0\"", "\"state\":",
                                           "\"endpoint.uri\":\"av:testsrc2=size=1280x720:rate=25\""}) {
            assertTrue(m.group(1).contains(detail), detail + " in " + m.group(1));
        }
    }
}
