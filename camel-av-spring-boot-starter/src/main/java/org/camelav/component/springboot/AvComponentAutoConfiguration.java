package org.camelav.component.springboot;

import org.apache.camel.CamelContext;
import org.apache.camel.Component;
import org.apache.camel.spi.ComponentCustomizer;
import org.apache.camel.spring.boot.CamelAutoConfiguration;
import org.apache.camel.spring.boot.ComponentConfigurationProperties;
import org.apache.camel.spring.boot.util.CamelPropertiesHelper;
import org.apache.camel.spring.boot.util.ConditionalOnCamelContextAndAutoConfigurationBeans;
import org.apache.camel.spring.boot.util.ConditionalOnHierarchicalProperties;
import org.apache.camel.spring.boot.util.HierarchicalPropertiesEvaluator;
import org.camelav.component.AvComponent;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Lazy;

/**
 * Applies {@code camel.component.av.*} (bound and checked by {@link AvComponentConfiguration}) to the av component
 * when Camel creates it, as every camel-*-starter does for its component. {@code camel.component.av.enabled=false}
 * or {@code camel.component.av.customizer.enabled=false} switch it off, as for Camel's own components.
 * <p>
 * The options are bound when this configuration is created, after the CamelContext (its constructor takes it), as in
 * camel-kafka-starter's generated KafkaComponentAutoConfiguration. Bound inside the lazy customizer bean instead,
 * they were bound while the CamelContext was being created, and a typo or a bad value was reported with one
 * "Related cause: ... Requested bean is currently in creation" per bean around it (issue 32 §3).
 */
@AutoConfiguration(after = CamelAutoConfiguration.class)
@Conditional(ConditionalOnCamelContextAndAutoConfigurationBeans.class)
@EnableConfigurationProperties({ ComponentConfigurationProperties.class, AvComponentConfiguration.class })
@ConditionalOnHierarchicalProperties({ "camel.component", "camel.component.av" })
public class AvComponentAutoConfiguration {

    private final ApplicationContext applicationContext;
    private final AvComponentConfiguration options;

    public AvComponentAutoConfiguration(CamelContext camelContext, ApplicationContext applicationContext,
            AvComponentConfiguration options) {
        this.applicationContext = applicationContext;
        this.options = options;
    }

    @Lazy
    @Bean
    public ComponentCustomizer configureAvComponent() {
        return new ComponentCustomizer() {
            @Override
            public void configure(String name, Component target) {
                CamelPropertiesHelper.copyProperties(target.getCamelContext(), options, target);
            }

            @Override
            public boolean isEnabled(String name, Component target) {
                return target instanceof AvComponent && HierarchicalPropertiesEvaluator.evaluate(applicationContext,
                        "camel.component.customizer", "camel.component.av.customizer");
            }
        };
    }

}
