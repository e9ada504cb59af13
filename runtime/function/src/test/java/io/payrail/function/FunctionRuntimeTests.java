package io.payrail.function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.payrail.bus.BusOptions;
import io.payrail.bus.EventBus;
import io.payrail.http.HttpResult;
import io.payrail.platform.Json;
import io.payrail.platform.testing.TestDatabase;
import io.payrail.queue.MessageTrace;
import io.payrail.queue.OutgoingMessage;
import io.payrail.queue.QueueAdmin;
import io.payrail.queue.QueueDefinition;
import io.payrail.queue.Queues;
import io.payrail.store.EventEnvelope;
import io.payrail.store.ExpectedRevision;
import io.payrail.store.PostgresEventStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FunctionRuntimeTests {
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final TestDatabase database = TestDatabase.create("platform", "store", "bus", "queue", "function");

    @AfterEach
    void closeDatabase() {
        database.close();
    }

    private static FunctionHandler recordInto(String what) {
        return context -> {
            try (PreparedStatement insert = context.transaction().prepareStatement(
                    "INSERT INTO handled (what, idempotency_key, trace_id) VALUES (?, ?, ?)")) {
                insert.setString(1, what);
                insert.setString(2, context.idempotencyKey());
                insert.setString(3, context.trace().traceId());
                insert.executeUpdate();
            }
            return "{\"accepted\":true}".getBytes();
        };
    }

    private static FunctionRegistry registry() {
        return FunctionRegistry.builder()
                .register(FunctionDeclaration.named("payments.settle").trigger(new Trigger.Queue("settle-payments"))
                        .limits(Limits.DEFAULT.withReservedConcurrency(2)).consumes("payment.approved").handler(recordInto("queue")))
                .register(FunctionDeclaration.named("payments.approve")
                        .trigger(new Trigger.Rule("payment-requested", "{\"detail-type\": [\"payment.requested\"]}"))
                        .consumes("payment.requested").handler(recordInto("rule")))
                .register(FunctionDeclaration.named("payments.accept").trigger(new Trigger.Http("POST", "/payments"))
                        .publishes("payment.requested").handler(recordInto("http")))
                .build();
    }

    // The runtime is opened only to be closed at the end of the block.
    @SuppressWarnings("try")
    @Test
    void queue_rule_and_http_functions_run_on_their_triggers() throws Exception {
        database.transactions().inTransaction(connection -> connection.createStatement().execute(
                "CREATE TABLE handled (what text NOT NULL, idempotency_key text NOT NULL, trace_id text)"));
        Queues queues = new Queues(database.dataSource(), new SplittableRandom(5));
        new QueueAdmin(queues).define(QueueDefinition.standard("settle-payments"));
        FunctionInvoker invoker = new FunctionInvoker(database.dataSource(), Clock.systemUTC(), new Random(5));
        HttpFunctions routes = new HttpFunctions();
        try (PostgresEventStore store = new PostgresEventStore(database.dataSource(), Clock.systemUTC());
                EventBus bus = new EventBus(database.dataSource(), store, Clock.systemUTC(), BusOptions.defaults());
                FunctionRuntime runtime = FunctionRuntime.start(registry(), invoker, new FunctionRuntime.Binders(
                        Optional.of(new QueueFunctions(queues)), Optional.of(new RuleFunctions(bus)), Optional.of(routes)),
                        Optional.empty())) {
            bus.start();
            await(() -> bus.owns("payments.approve"));
            for (int index = 0; index < 5; index++) {
                queues.send("settle-payments", new OutgoingMessage("tenant-1", "{\"n\":" + index + "}", null, null,
                        Duration.ZERO, new MessageTrace("trace-q" + index, "correlation", null)));
            }
            store.append("payment-1", ExpectedRevision.any(), List.of(new EventEnvelope(UUID.randomUUID(), "payment.requested",
                    "payrail/test", "payment-1", Instant.parse("2026-01-05T09:00:00Z"), Json.mapper().readTree("{}"), 1,
                    "trace-e", null, "correlation", "tenant-1", Map.of())));
            HttpResult answer = routes.routes().getFirst().handler()
                    .handle(new FakeRequest("POST", "/payments", "{\"amount\":100}", Map.of("Idempotency-Key", "k-1")));

            assertThat(answer.status()).isEqualTo(200);
            await(() -> count("queue") == 5 && count("rule") == 1);
        }
        assertThat(strings("SELECT idempotency_key FROM handled WHERE what = 'http'")).containsExactly("idempotency:k-1");
        assertThat(strings("SELECT trace_id FROM handled WHERE what = 'rule'")).containsExactly("trace-e");
        assertThat(strings("SELECT trace_id FROM handled WHERE what = 'queue' ORDER BY trace_id"))
                .containsExactly("trace-q0", "trace-q1", "trace-q2", "trace-q3", "trace-q4");
        assertThat(queues.receive("settle-payments", 10)).isEmpty();
    }

    @Test
    void a_function_whose_trigger_has_no_binder_fails_the_start_with_its_name() {
        FunctionInvoker invoker = new FunctionInvoker(database.dataSource(), Clock.systemUTC(), new Random(5));
        assertThatThrownBy(() -> FunctionRuntime.start(registry(), invoker, FunctionRuntime.Binders.none(), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("function payments.accept has a http trigger but no http binder was given");
    }

    private long count(String what) {
        return strings("SELECT what FROM handled WHERE what = '" + what + "'").size();
    }

    private List<String> strings(String sql) {
        return database.transactions().read(connection -> read(connection, sql));
    }

    private static List<String> read(Connection connection, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (ResultSet rows = connection.createStatement().executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition met within %s", PATIENCE).isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
