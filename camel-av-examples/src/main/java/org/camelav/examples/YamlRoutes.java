package org.camelav.examples;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.camelav.component.AvConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes beyond Java: camel-main loads {@code routes/saving-keyframes.camel.yaml} (Camel's YAML DSL) from the
 * classpath — the {@link SavingKeyframes} route, key frames as JPEG quality 80 named by pts — with its input and
 * output folder as properties. Stops after the input's last frame.
 * <p>
 * Arguments: output folder (default {@code output/keyframes-yaml}), input video (default: a generated 10 s clip).
 */
public final class YamlRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(YamlRoutes.class);

    private YamlRoutes() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "output/keyframes-yaml").toAbsolutePath().normalize();
        Path input = args.length > 1 ? Path.of(args[1])
                : SavingKeyframes.generateClip(Files.createDirectories(out).resolve("source.mp4"), 10);
        run(out, input);
    }

    /** Runs the YAML route on {@code input}; returns the JPEGs written into {@code out}, sorted. */
    public static List<Path> run(Path out, Path input) throws Exception {
        Examples.cleanDir(out, ".jpg");
        Main main = new Main();
        main.configure().withRoutesIncludePattern("classpath:routes/saving-keyframes.camel.yaml");
        main.addInitialProperty("keyframes.input", input.toAbsolutePath().toString());
        main.addInitialProperty("keyframes.output", out.toAbsolutePath().toString());
        NotifyBuilder[] ended = new NotifyBuilder[1];
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void afterConfigure(BaseMainSupport m) {
                // before the routes start: a short input may be done before main.start() returns
                ended[0] = new NotifyBuilder(m.getCamelContext()).fromRoute("saving-keyframes-yaml")
                        .filter(e -> Boolean.TRUE.equals(e.getMessage().getHeader(AvConstants.END_OF_STREAM)))
                        .whenDone(1).create();
            }
        });
        main.start();
        try {
            if (!ended[0].matches(120, TimeUnit.SECONDS)) {
                throw new IllegalStateException("The YAML route did not reach the end of " + input);
            }
        } finally {
            main.stop();
        }
        try (Stream<Path> files = Files.list(out)) {
            List<Path> jpegs = files.filter(p -> p.toString().endsWith(".jpg")).sorted().toList();
            LOG.info("The YAML route saved {} key frames of {} to {}", jpegs.size(), input, out);
            return jpegs;
        }
    }
}
