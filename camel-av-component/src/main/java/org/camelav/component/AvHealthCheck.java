package org.camelav.component;

import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.health.WritableHealthCheckRepository;

/** What the av consumer and producer checks share: group, id by kind and masked endpoint, the enabled flag. */
abstract class AvHealthCheck implements HealthCheck {

    private final String kind;
    private final AvEndpoint endpoint;
    private volatile boolean enabled = true;

    AvHealthCheck(String kind, AvEndpoint endpoint) {
        this.kind = kind;
        this.endpoint = endpoint;
    }

    @Override
    public String getGroup() {
        return "camel";
    }

    @Override
    public String getId() {
        return kind + ":av:" + endpoint.maskedUrl();
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }

    @Override
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /**
     * Adds this producer-side check to Camel's producers repository, enabled per the component's
     * {@code healthCheckProducerEnabled}; optional, as in Camel's components: returns the repository to remove it from
     * later, or null where no health-check registry is present.
     */
    WritableHealthCheckRepository registerAsProducer() {
        WritableHealthCheckRepository repository = HealthCheckHelper.getHealthCheckRepository(
                endpoint.getCamelContext(), "producers", WritableHealthCheckRepository.class);
        if (repository != null) {
            setEnabled(endpoint.getComponent().isHealthCheckProducerEnabled());
            repository.addHealthCheck(this);
        }
        return repository;
    }

    /** A result builder carrying the endpoint URI (password masked). */
    HealthCheckResultBuilder result() {
        return HealthCheckResultBuilder.on(this).detail(ENDPOINT_URI, "av:" + endpoint.maskedUrl());
    }
}
