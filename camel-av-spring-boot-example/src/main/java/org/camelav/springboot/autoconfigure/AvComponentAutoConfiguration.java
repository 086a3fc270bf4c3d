package org.camelav.springboot.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.spi.ComponentCustomizer;
import org.apache.camel.spi.PropertyConfigurer;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.PropertyBindingSupport;
import org.apache.camel.util.StringHelper;
import org.camelav.component.AvComponent;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * {@code camel.component.av.*} from Spring Boot's environment (application.yaml, environment variables, command line)
 * onto the av component, through its generated configurer ({@code AvComponentConfigurer}): the property binding
 * camel-main does for {@code camel.component.*}.
 * <p>
 * Why this is needed: camel-spring-boot binds {@code camel.component.<name>.*} only through the
 * {@code <Name>ComponentConfiguration} classes that Apache Camel's build generates for its own components' starters;
 * for any other component those properties are silently ignored (checked with camel-spring-boot 4.18.0: without this
 * class, {@code camel.component.av.log-level=ERROR} leaves the level at WARNING). This class is what a
 * camel-av Spring Boot starter would hold. Option names may be kebab-case or camelCase; an unknown option fails the
 * start, as camel-main does.
 */
@AutoConfiguration
@ConditionalOnClass({ AvComponent.class, CamelContext.class })
public class AvComponentAutoConfiguration {

    static final String PREFIX = "camel.component.av";

    @Bean
    public ComponentCustomizer avComponentPropertiesCustomizer(Environment environment) {
        Map<String, String> raw = Binder.get(environment).bind(PREFIX, Bindable.mapOf(String.class, String.class))
                .orElse(Map.of());
        Map<String, Object> options = new LinkedHashMap<>();
        raw.forEach((key, value) -> {
            // camel-spring-boot's own switches for every component, not component options
            if (!key.equals("enabled") && !key.startsWith("customizer")) {
                options.put(StringHelper.dashToCamelCase(key), value);
            }
        });
        return ComponentCustomizer.builder(AvComponent.class).build(component -> bind(component, options));
    }

    static void bind(AvComponent component, Map<String, Object> options) {
        if (options.isEmpty()) {
            return;
        }
        CamelContext camel = component.getCamelContext();
        PropertyConfigurer configurer = PluginHelper.getConfigurerResolver(camel)
                .resolvePropertyConfigurer("av-component", camel);
        Map<String, Object> left = new LinkedHashMap<>(options);
        PropertyBindingSupport.build().withCamelContext(camel).withTarget(component).withConfigurer(configurer)
                .withIgnoreCase(true).withRemoveParameters(true).withProperties(left).bind();
        if (!left.isEmpty()) {
            throw new IllegalArgumentException("Unknown option(s) " + left.keySet() + " under " + PREFIX
                                               + ": see the av component's options");
        }
    }
}
