package io.payrail.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.payrail.http.internal.AccessLog;
import io.payrail.http.internal.ConcurrencyLimit;
import io.payrail.http.internal.Execution;
import io.payrail.http.internal.JettyHandler;
import io.payrail.http.internal.OpenApiDocument;
import io.payrail.http.internal.Pipeline;
import io.payrail.http.internal.ProblemErrorHandler;
import io.payrail.http.internal.RequestMetrics;
import io.payrail.http.internal.Router;
import io.payrail.http.internal.SystemRoutes;
import io.payrail.http.internal.TokenBucketLimiter;
import io.payrail.platform.Check;
import io.payrail.platform.IdGenerator;
import io.payrail.platform.Json;
import io.payrail.platform.Metrics;
import io.payrail.platform.UuidV7Generator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;
import javax.sql.DataSource;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Payrail's API gateway: declared routes behind API-key authentication, roles, rate limits,
 * idempotency keys and problem documents, on Jetty with one virtual thread per request.
 *
 * <pre>{@code
 * HttpGateway gateway = HttpGateway.builder()
 *         .dataSource(database.dataSource())
 *         .apiKeys(apiKeys)
 *         .route(Route.post("/v1/echo", context -> HttpResult.created(context.body(Echo.class)))
 *                 .requestBody(Echo.class).response(201, Echo.class))
 *         .build()
 *         .start(8080);
 * }</pre>
 */
public final class HttpGateway implements AutoCloseable {
    /** Platform threads for Jetty's selectors and acceptors; requests run on virtual threads. */
    public static final int PLATFORM_THREADS_MAX = 16;
    public static final long IDLE_TIMEOUT_MILLIS = 30_000;

    private final Router router;
    private final Pipeline pipeline;
    private final ObjectNode openApi;
    private Server server;
    private ServerConnector connector;

    private HttpGateway(Router router, Pipeline pipeline, ObjectNode openApi) {
        this.router = router;
        this.pipeline = pipeline;
        this.openApi = openApi;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Every route this gateway serves, system routes included (for OpenAPI and the function catalog). */
    public List<Route> routes() {
        return router.routes();
    }

    /** The OpenAPI 3.1 document served at {@code /openapi.json}. */
    public ObjectNode openApi() {
        return openApi.deepCopy();
    }

    /** Starts listening; port 0 picks a free port (see {@link #port()}). */
    public synchronized HttpGateway start(int port) {
        Check.that(server == null, "gateway already started; asked to start again on port %d", port);
        QueuedThreadPool threads = new QueuedThreadPool(PLATFORM_THREADS_MAX);
        threads.setName("http");
        threads.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
        Server created = new Server(threads);
        HttpConfiguration configuration = new HttpConfiguration();
        configuration.setSendServerVersion(false);
        configuration.setSendXPoweredBy(false);
        ServerConnector createdConnector = new ServerConnector(created, new HttpConnectionFactory(configuration));
        createdConnector.setPort(port);
        createdConnector.setIdleTimeout(IDLE_TIMEOUT_MILLIS);
        created.addConnector(createdConnector);
        created.setHandler(new JettyHandler(pipeline));
        created.setErrorHandler(new ProblemErrorHandler());
        try {
            created.start();
        } catch (Exception failure) {
            throw new IllegalStateException("the HTTP server did not start on port " + port + ": " + failure.getMessage(), failure);
        }
        server = created;
        connector = createdConnector;
        return this;
    }

    public int port() {
        Check.that(connector != null, "gateway not started");
        return connector.getLocalPort();
    }

    @Override
    public synchronized void close() {
        if (server == null) {
            return;
        }
        try {
            server.stop();
        } catch (Exception failure) {
            throw new IllegalStateException("the HTTP server did not stop: " + failure.getMessage(), failure);
        } finally {
            server = null;
            connector = null;
        }
    }

    /** Collects routes and collaborators; {@link #build()} checks that they fit together. */
    public static final class Builder {
        private final List<Route> routes = new ArrayList<>();
        private DataSource dataSource;
        private ApiKeys apiKeys;
        private RateLimit rateLimit;
        private ConcurrencyLimit concurrencyLimit;
        private LongSupplier nanoTime = System::nanoTime;
        private Clock clock = Clock.systemUTC();
        private IdGenerator traceIds;
        private BooleanSupplier readiness = () -> true;
        private PrometheusMeterRegistry meterRegistry = Metrics.registry();
        private String title = "Payrail API";
        private String version = "1";
        private int accessLogSampling = AccessLog.SUCCESS_SAMPLING_DEFAULT;

        private Builder() {}

        public Builder route(Route route) {
            routes.add(Check.notNull(route, "route"));
            return this;
        }

        public Builder routes(List<Route> more) {
            more.forEach(this::route);
            return this;
        }

        /** The database of request transactions and idempotency records. */
        public Builder dataSource(DataSource value) {
            dataSource = Check.notNull(value, "dataSource");
            return this;
        }

        public Builder apiKeys(ApiKeys value) {
            apiKeys = Check.notNull(value, "apiKeys");
            return this;
        }

        /** A token bucket per API key; without one, keys are not rate limited. */
        public Builder rateLimit(RateLimit value, LongSupplier nanoTimeSource) {
            rateLimit = Check.notNull(value, "rateLimit");
            nanoTime = Check.notNull(nanoTimeSource, "nanoTimeSource");
            return this;
        }

        /**
         * Reserved concurrency: at most {@code requests} handlers run at once (size it to the
         * connection pool); others wait up to {@code wait}, then get 503 {@code server_busy}.
         */
        public Builder concurrencyLimit(int requests, Duration wait) {
            concurrencyLimit = new ConcurrencyLimit(requests, Check.notNull(wait, "wait"));
            return this;
        }

        public Builder clock(Clock value) {
            clock = Check.notNull(value, "clock");
            return this;
        }

        /** Makes new trace ids; by default UUIDv7 from the clock and a thread-local random. */
        public Builder traceIds(IdGenerator value) {
            traceIds = Check.notNull(value, "traceIds");
            return this;
        }

        /** The {@code /ready} check: database reachable and migrations applied. */
        public Builder readiness(BooleanSupplier value) {
            readiness = Check.notNull(value, "readiness");
            return this;
        }

        public Builder meterRegistry(PrometheusMeterRegistry value) {
            meterRegistry = Check.notNull(value, "meterRegistry");
            return this;
        }

        /**
         * The access log writes every failure (status 400+) and every slow request, and one success
         * in {@code oneIn} (default {@link AccessLog#SUCCESS_SAMPLING_DEFAULT}); 1 logs every request.
         */
        public Builder accessLogSampling(int oneIn) {
            Check.argument(oneIn >= 1 && oneIn <= AccessLog.SUCCESS_SAMPLING_MAX,
                    "access log sampling must be within 1..%d, got %d", AccessLog.SUCCESS_SAMPLING_MAX, oneIn);
            accessLogSampling = oneIn;
            return this;
        }

        public Builder info(String documentTitle, String documentVersion) {
            title = Check.notNull(documentTitle, "documentTitle");
            version = Check.notNull(documentVersion, "documentVersion");
            return this;
        }

        public HttpGateway build() {
            AtomicReference<byte[]> openApiBytes = new AtomicReference<>();
            List<Route> all = new ArrayList<>(SystemRoutes.routes(readiness, meterRegistry::scrape, openApiBytes));
            all.addAll(routes);
            for (Route route : all) {
                Check.argument(route.options().isPublic() || apiKeys != null,
                        "route %s %s needs an API key role but the gateway has no ApiKeys", route.method(), route.pathTemplate());
                Check.argument(!route.options().idempotent() || dataSource != null,
                        "route %s %s is idempotent but the gateway has no DataSource", route.method(), route.pathTemplate());
            }
            Router router = new Router(all);
            ObjectNode document = OpenApiDocument.build(router.routes(), title, version);
            openApiBytes.set(encode(document));
            IdGenerator ids = traceIds != null ? traceIds : new UuidV7Generator(clock, threadLocalRandom());
            TokenBucketLimiter limiter = rateLimit == null ? null : new TokenBucketLimiter(rateLimit, nanoTime);
            Pipeline pipeline = new Pipeline(router, apiKeys, limiter, concurrencyLimit, dataSource,
                    new Execution(clock), ids, new RequestMetrics(meterRegistry), new AccessLog(accessLogSampling));
            return new HttpGateway(router, pipeline, document);
        }

        /**
         * Randomness that asks {@link ThreadLocalRandom#current()} on every call: the instance itself
         * must not be shared, because a thread that never called {@code current()} (every new virtual
         * thread) would draw from an unseeded state and repeat the same numbers.
         */
        static RandomGenerator threadLocalRandom() {
            return () -> ThreadLocalRandom.current().nextLong();
        }

        private static byte[] encode(ObjectNode document) {
            try {
                return Json.mapper().writeValueAsBytes(document);
            } catch (JsonProcessingException impossible) {
                throw new IllegalStateException("the OpenAPI document did not encode", impossible);
            }
        }
    }
}
