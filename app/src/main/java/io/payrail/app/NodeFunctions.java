package io.payrail.app;

import io.payrail.function.FunctionDeclaration;
import io.payrail.function.FunctionRegistry;
import io.payrail.function.Limits;
import io.payrail.function.RetryPolicy;
import io.payrail.function.StoreSchemas;
import io.payrail.function.Trigger;
import io.payrail.http.IdempotencyKeys;
import io.payrail.http.Route;
import io.payrail.ledger.api.LedgerService;
import io.payrail.queue.QueueAdmin;
import io.payrail.app.cli.EventSchemas;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The functions a Payrail node runs, declared in code: the catalog reads these declarations, and
 * {@link Node} starts them on their triggers. Handlers reach their services through suppliers, so
 * the catalog can be drawn without starting anything.
 */
final class NodeFunctions {
    /** Housekeeping must not crowd out real work: one at a time, short timeouts. */
    static final Limits HOUSEKEEPING = new Limits(Duration.ofSeconds(60), 1,
            new RetryPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(30)), 4 * 1024);

    /** Services the handlers use; each supplier is called only when a function runs. */
    record Services(Supplier<IdempotencyKeys> idempotencyKeys, Supplier<QueueAdmin> queues, Supplier<BankJobs> bank,
            Supplier<LedgerService> ledger) {
        static Services unavailable() {
            return new Services(notRunning(), notRunning(), notRunning(), notRunning());
        }

        private static <T> Supplier<T> notRunning() {
            return () -> {
                throw new IllegalStateException("the catalog declares functions but runs none");
            };
        }
    }

    private NodeFunctions() {}

    /** Functions the function runtime starts (schedules, queues, rules). */
    static List<FunctionDeclaration> background(Services services) {
        List<FunctionDeclaration> functions = new ArrayList<>();
        functions.add(FunctionDeclaration.named("http.idempotency-cleanup")
                .description("Deletes idempotency keys older than their 24-hour retention, a bounded batch per run.")
                .trigger(Trigger.Schedule.of("idempotency-cleanup", "rate(10 minutes)"))
                .limits(HOUSEKEEPING)
                .handler(context -> bytes(services.idempotencyKeys().get().deleteExpired())));
        functions.add(FunctionDeclaration.named("queue.retention")
                .description("Removes queue messages past their queue's retention period.")
                .trigger(Trigger.Schedule.of("queue-retention", "rate(5 minutes)"))
                .limits(HOUSEKEEPING)
                .handler(context -> bytes(services.queues().get().removeExpired())));
        functions.add(FunctionDeclaration.named("ledger.take-over-idle-ledgers")
                .description("Starts a writer for every ledger no live node writes, so holds expire and dead owners are replaced.")
                .trigger(Trigger.Schedule.of("ledger-take-over", "rate(1 minute)"))
                .limits(HOUSEKEEPING)
                .handler(context -> bytes(services.ledger().get().takeOverIdleLedgers().size())));
        functions.addAll(BankJobs.declarations(services.bank()));
        return functions;
    }

    /**
     * The catalog's registry: background functions plus every gateway route as an HTTP function.
     * Routes are served by the gateway itself, so a route's effects and its stored idempotent response
     * commit in one transaction; the declaration here is what the catalog shows of them.
     */
    static FunctionRegistry catalog(List<FunctionDeclaration> background, List<Route> routes) {
        FunctionRegistry.Builder builder = FunctionRegistry.builder().schemaSource(StoreSchemas.of(EventSchemas.registry()));
        background.forEach(builder::register);
        for (Route route : routes) {
            builder.register(FunctionDeclaration.named(routeFunctionName(route))
                    .description(route.summary())
                    .trigger(new Trigger.Http(route.method().name(), route.pathTemplate()))
                    // The gateway serves routes: no retries (the client retries with its Idempotency-Key),
                    // and at most Node.HTTP_CONCURRENCY handlers at once on a node.
                    .limits(new Limits(Limits.DEFAULT.timeout(), Node.HTTP_CONCURRENCY, RetryPolicy.none(),
                            Math.max(1, route.options().maxPayloadBytes())))
                    .handler(context -> {
                        throw new IllegalStateException("route " + route.pathTemplate() + " is served by the gateway");
                    }));
        }
        return builder.build();
    }

    /** {@code POST /v1/ledger/accounts/{id}} becomes {@code http.post.v1.ledger.accounts.id}. */
    static String routeFunctionName(Route route) {
        String path = route.pathTemplate().replaceAll("[{}]", "").replace('_', '-').toLowerCase(java.util.Locale.ROOT);
        String name = "http." + route.method().name().toLowerCase(java.util.Locale.ROOT) + path.replace('/', '.');
        return name.endsWith(".") ? name + "root" : name;
    }

    private static byte[] bytes(long count) {
        return Long.toString(count).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
