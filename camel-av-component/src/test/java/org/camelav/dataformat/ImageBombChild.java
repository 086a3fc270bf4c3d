package org.camelav.dataformat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * Run by {@link ImageBombTest} in a JVM of its own with a small heap: decodes the image file {@code args[0]} through
 * the route {@code args[1]} (unmarshal: {@code custom("av-image")}; thumbnail: {@code av:body?operation=thumbnail})
 * and prints one RESULT line and the peak resident size (VmHWM) of this process.
 */
public final class ImageBombChild {

    public static void main(String[] args) throws Exception {
        byte[] image = Files.readAllBytes(Path.of(args[0]));
        int code = 0;
        try (CamelContext ctx = new DefaultCamelContext()) {
            ctx.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:unmarshal").unmarshal().custom("av-image");
                    from("direct:thumbnail").to("av:body?operation=thumbnail&imageFormat=png");
                }
            });
            ctx.start();
            Exchange e = ctx.createProducerTemplate().send("direct:" + args[1], x -> x.getMessage().setBody(image));
            Exception ex = e.getException();
            System.out.println(ex == null ? "RESULT decoded " + e.getMessage().getBody().getClass().getSimpleName()
                    : "RESULT " + ex.getClass().getName() + ": " + ex.getMessage());
        } catch (OutOfMemoryError oom) {
            System.out.println("RESULT " + oom);
            code = 3;
        }
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM")) {
                System.out.println(line.replaceAll("\\s+", " "));
            }
        }
        System.exit(code);
    }
}
