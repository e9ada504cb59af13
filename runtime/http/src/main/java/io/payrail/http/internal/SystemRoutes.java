package io.payrail.http.internal;

import io.payrail.http.HttpResult;
import io.payrail.http.ProblemCodes;
import io.payrail.http.Route;
import io.payrail.platform.Check;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The routes every gateway serves without an API key: liveness, readiness, Prometheus metrics and
 * the OpenAPI document. They are ordinary declared routes, so they appear in the document too.
 */
public final class SystemRoutes {
    public static final String PROMETHEUS_MEDIA_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    private static final Logger LOG = LoggerFactory.getLogger(SystemRoutes.class);

    /** {@code {"status":"up"}} and its kin. */
    public record Status(String status) {}

    private SystemRoutes() {}

    /**
     * @param readiness true when the database is reachable and migrations are applied
     * @param metrics the Prometheus scrape text
     * @param openApi the document's bytes, set once the gateway knows all its routes
     */
    public static List<Route> routes(BooleanSupplier readiness, Supplier<String> metrics, AtomicReference<byte[]> openApi) {
        return List.of(
                Route.get("/health", context -> HttpResult.ok(new Status("up")))
                        .publicAccess().response(200, Status.class).summary("Liveness: the process runs"),
                Route.get("/ready", context -> ready(readiness))
                        .publicAccess().response(200, Status.class).summary("Readiness: database reachable, migrations applied"),
                Route.get("/metrics", context -> HttpResult.raw(200, PROMETHEUS_MEDIA_TYPE,
                                metrics.get().getBytes(StandardCharsets.UTF_8)))
                        .publicAccess().summary("Prometheus metrics"),
                Route.get("/openapi.json", context -> HttpResult.raw(200, HttpResult.JSON,
                                Check.notNull(openApi.get(), "openApi")))
                        .publicAccess().summary("This OpenAPI 3.1 document"));
    }

    private static HttpResult ready(BooleanSupplier readiness) {
        boolean ready;
        try {
            ready = readiness.getAsBoolean();
        } catch (RuntimeException failure) {
            LOG.warn("readiness check failed: {}", failure.toString());
            ready = false;
        }
        if (ready) {
            return HttpResult.ok(new Status("ready"));
        }
        return HttpResult.problem(503, ProblemCodes.NOT_READY, "the database is unreachable or migrations are pending")
                .withHeader("Retry-After", "1");
    }
}
