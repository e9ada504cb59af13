package io.payrail.platform;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/** The process's Prometheus registry, scraped at {@code GET /metrics}. */
public final class Metrics {
    private static final PrometheusMeterRegistry REGISTRY = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    private Metrics() {}

    public static PrometheusMeterRegistry registry() {
        return REGISTRY;
    }
}
