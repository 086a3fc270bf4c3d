package org.camelav.springboot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * camel-av in Spring Boot: there is no Java route and no Camel configuration code. The route is
 * {@code src/main/resources/camel/thumbnails.camel.yaml} (Camel's YAML DSL), its source and output folder are
 * {@code app.*} properties, and the av component's options are {@code camel.component.av.*}, all in
 * {@code application.yaml}. camel-av-spring-boot-starter binds and checks {@code camel.component.av.*} (an unknown
 * option or an invalid value fails start-up), as Camel's own camel-*-starter modules do for theirs.
 */
@SpringBootApplication
public class AvSpringBootApplication {

    public static void main(String[] args) {
        SpringApplication.run(AvSpringBootApplication.class, args);
    }
}
