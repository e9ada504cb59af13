package io.payrail.http;

import static io.payrail.http.ProblemDocumentTests.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.payrail.http.internal.IdempotencyStore;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Routes declared {@link Route#effectsInTransaction()}: the key is claimed when the handler first
 * asks for its transaction, or, for a handler that never does, together with its stored answer in
 * one statement. Stripe's semantics must hold all the same.
 */
class DeferredClaimTests {
    record Note(String text) {}

    record Recorded(String text, int call) {}

    private final AtomicInteger calls = new AtomicInteger();
    private GatewayFixture fixture;

    @BeforeEach
    void start() {
        fixture = new GatewayFixture(builder -> builder
                .route(Route.post("/v1/pure", context -> HttpResult.created(
                                new Recorded(context.body(Note.class).text(), calls.incrementAndGet())))
                        .requestBody(Note.class).effectsInTransaction())
                .route(Route.post("/v1/pure-unavailable", context -> {
                    calls.incrementAndGet();
                    return HttpResult.problem(503, "partner_unavailable", "the partner did not answer");
                }).requestBody(Note.class).effectsInTransaction())
                .route(Route.post("/v1/written", context -> {
                    GatewayFixture.recordEffect(context, context.body(Note.class).text());
                    return HttpResult.created(new Recorded("written", calls.incrementAndGet()));
                }).requestBody(Note.class).effectsInTransaction())
                .route(Route.post("/v1/swallowing", context -> {
                    try {
                        GatewayFixture.recordEffect(context, context.body(Note.class).text());
                    } catch (RuntimeException refused) {
                        // a careless handler: it must not turn a refused claim into a new answer
                    }
                    return HttpResult.created(new Recorded("swallowing", calls.incrementAndGet()));
                }).requestBody(Note.class).effectsInTransaction()));
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void a_handler_without_writes_stores_its_answer_and_a_retry_replays_the_first_answer() {
        HttpResponse<String> first = fixture.post("/v1/pure", fixture.writerKey, "pure-key", "{\"text\":\"x\"}");
        HttpResponse<String> retry = fixture.post("/v1/pure", fixture.writerKey, "pure-key", "{\"text\":\"x\"}");
        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(first.body()).isEqualTo("{\"text\":\"x\",\"call\":1}");
        assertThat(retry.statusCode()).isEqualTo(201);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(fixture.count("SELECT count(*) FROM idempotency_key WHERE response_status = 201")).isEqualTo(1);
    }

    @Test
    void a_handler_without_writes_refuses_the_same_key_with_a_different_body() {
        fixture.post("/v1/pure", fixture.writerKey, "pure-reused", "{\"text\":\"first\"}");
        HttpResponse<String> reused = fixture.post("/v1/pure", fixture.writerKey, "pure-reused", "{\"text\":\"second\"}");
        assertProblem(reused, 422, "idempotency_key_reused");
        assertThat(fixture.count("SELECT count(*) FROM idempotency_key")).isEqualTo(1);
    }

    @Test
    void a_key_held_by_another_transaction_gets_409_and_stores_nothing() throws SQLException {
        try (Connection holder = fixture.database.dataSource().getConnection()) {
            holder.setAutoCommit(false);
            holdLock(holder, "held-key");
            HttpResponse<String> pure = fixture.post("/v1/pure", fixture.writerKey, "held-key", "{\"text\":\"x\"}");
            HttpResponse<String> written = fixture.post("/v1/written", fixture.writerKey, "held-key", "{\"text\":\"x\"}");
            assertProblem(pure, 409, "idempotency_key_in_progress");
            assertProblem(written, 409, "idempotency_key_in_progress");
            holder.rollback();
        }
        assertThat(fixture.count("SELECT count(*) FROM idempotency_key")).isZero();
        assertThat(fixture.count("SELECT count(*) FROM effect")).isZero();
        assertThat(fixture.post("/v1/written", fixture.writerKey, "held-key", "{\"text\":\"x\"}").statusCode()).isEqualTo(201);
        assertThat(fixture.count("SELECT count(*) FROM effect")).isEqualTo(1);
    }

    @Test
    void a_handler_with_writes_is_claimed_before_its_first_statement_so_a_retry_writes_nothing() {
        HttpResponse<String> first = fixture.post("/v1/written", fixture.writerKey, "written-key", "{\"text\":\"pay\"}");
        HttpResponse<String> retry = fixture.post("/v1/written", fixture.writerKey, "written-key", "{\"text\":\"pay\"}");
        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(calls.get()).isEqualTo(1);
        assertThat(fixture.count("SELECT count(*) FROM effect")).isEqualTo(1);
    }

    @Test
    void a_handler_that_catches_the_refusal_still_answers_with_the_replay() {
        HttpResponse<String> first = fixture.post("/v1/swallowing", fixture.writerKey, "swallow-key", "{\"text\":\"t\"}");
        HttpResponse<String> retry = fixture.post("/v1/swallowing", fixture.writerKey, "swallow-key", "{\"text\":\"t\"}");
        assertThat(first.body()).isEqualTo("{\"text\":\"swallowing\",\"call\":1}");
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(fixture.count("SELECT count(*) FROM effect")).isEqualTo(1);
    }

    @Test
    void a_5xx_answer_of_a_handler_without_writes_stores_nothing_and_a_retry_runs_again() {
        assertProblem(fixture.post("/v1/pure-unavailable", fixture.writerKey, "k-503", "{\"text\":\"t\"}"), 503,
                "partner_unavailable");
        assertProblem(fixture.post("/v1/pure-unavailable", fixture.writerKey, "k-503", "{\"text\":\"t\"}"), 503,
                "partner_unavailable");
        assertThat(calls.get()).isEqualTo(2);
        assertThat(fixture.count("SELECT count(*) FROM idempotency_key")).isZero();
    }

    @Test
    void routes_are_claimed_before_the_handler_unless_declared_otherwise() {
        Route plain = Route.post("/v1/x", context -> HttpResult.noContent());
        assertThat(plain.options().effectsInTransaction()).isFalse();
        assertThat(plain.effectsInTransaction().role(Role.ADMIN).maxPayloadBytes(10).options().effectsInTransaction()).isTrue();
        assertThat(new RouteOptions(Role.WRITER, 10, true).effectsInTransaction()).isFalse();
    }

    private static void holdLock(Connection connection, String key) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
            lock.setLong(1, IdempotencyStore.lockKey("acme", key));
            lock.execute();
        }
    }
}
