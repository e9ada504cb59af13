package io.payrail.http.bench;

import com.zaxxer.hikari.HikariDataSource;
import io.payrail.http.ApiKeys;
import io.payrail.http.CreatedKey;
import io.payrail.http.HttpGateway;
import io.payrail.http.HttpResult;
import io.payrail.http.Role;
import io.payrail.http.Route;
import io.payrail.http.RouteOptions;
import io.payrail.platform.Check;
import io.payrail.platform.Database;
import io.payrail.platform.Migrations;
import io.payrail.platform.UuidV7Generator;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * Backs {@code payrail bench http --port P} (the lead measures it with wrk): a gateway with one
 * trivial idempotent route, {@code POST /v1/echo}, and a fresh writer API key. Every request is
 * authenticated, carries a fresh Idempotency-Key and commits its idempotency record durably; the
 * handler itself does nothing, so the figure is the gateway's own cost.
 *
 * <pre>
 * wrk -t2 -c64 -d15s --latency -s runtime/http/src/main/resources/bench/echo.lua http://127.0.0.1:P/v1/echo
 * </pre>
 * with {@code API_KEY} set in the environment.
 */
public final class EchoServer {
    /** The echo body, as the route declares it. */
    public record Echo(String message) {}

    /**
     * @param port the port to listen on, 0 for any free port
     * @param effectsInTransaction declare the route's effects transactional (the echo has none), which
     *     lets the claim, the record and the commit go in one round trip; false measures the default
     *     path (claim first, then record and commit: two round trips)
     */
    public record Options(int port, String tenant, boolean effectsInTransaction) {
        public Options(int port, String tenant) {
            this(port, tenant, true);
        }

        public Options {
            Check.argument(port >= 0 && port <= 65_535, "port must be within 0..65535, got %d", port);
            Check.notNull(tenant, "tenant");
        }

        public static Options defaults() {
            return new Options(8080, "bench");
        }
    }

    /** A started echo gateway and the key to call it with. */
    public record Running(HttpGateway gateway, CreatedKey key, LinkedHashMap<String, String> results) implements AutoCloseable {
        @Override
        public void close() {
            gateway.close();
        }
    }

    /** How long a request waits for a free handler slot before 503. */
    public static final Duration CONCURRENCY_WAIT = Duration.ofSeconds(5);

    private EchoServer() {}

    /** Handlers in flight are capped at the pool size, so waiting happens in the gateway, not in the pool. */
    private static int poolSize(Database database) {
        try {
            return database.dataSource().unwrap(HikariDataSource.class).getMaximumPoolSize();
        } catch (SQLException notHikari) {
            return Database.POOL_SIZE_DEFAULT;
        }
    }

    public static Running start(Database database, Options options, PrintStream progress) {
        Migrations.apply(database.dataSource(), List.of("http"));
        Clock clock = Clock.systemUTC();
        ApiKeys apiKeys = new ApiKeys(database.transactions(), clock, new SecureRandom(),
                new UuidV7Generator(clock, new SecureRandom()), ApiKeys.CACHE_TIME_TO_LIVE_DEFAULT);
        CreatedKey key = apiKeys.create(options.tenant(), Role.WRITER);
        HttpGateway gateway = HttpGateway.builder()
                .dataSource(database.dataSource())
                .apiKeys(apiKeys)
                .clock(clock)
                .concurrencyLimit(poolSize(database), CONCURRENCY_WAIT)
                .route(Route.post("/v1/echo", context -> HttpResult.created(context.body(Echo.class)))
                        .requestBody(Echo.class).response(201, Echo.class).summary("Echoes the body back")
                        .options(new RouteOptions(Role.WRITER, RouteOptions.PAYLOAD_BYTES_DEFAULT, true, options.effectsInTransaction())))
                .build()
                .start(options.port());
        LinkedHashMap<String, String> results = new LinkedHashMap<>();
        results.put("port", Integer.toString(gateway.port()));
        results.put("api_key", key.plainTextKey());
        results.put("synchronous_commit", database.setting("synchronous_commit"));
        progress.println("echo gateway on port " + gateway.port() + ", synchronous_commit="
                + results.get("synchronous_commit") + "; POST /v1/echo with Authorization: Bearer <api_key>");
        return new Running(gateway, key, results);
    }
}
