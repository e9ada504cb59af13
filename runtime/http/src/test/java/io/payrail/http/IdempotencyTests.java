package io.payrail.http;

import static io.payrail.http.ProblemDocumentTests.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IdempotencyTests {
    record Note(String text) {}

    record Recorded(String text, int call) {}

    private final AtomicInteger calls = new AtomicInteger();
    private final CountDownLatch handlerEntered = new CountDownLatch(1);
    private final CountDownLatch releaseHandler = new CountDownLatch(1);
    private GatewayFixture fixture;

    @BeforeEach
    void start() {
        fixture = new GatewayFixture(builder -> builder
                .route(Route.post("/v1/notes", context -> {
                    Note note = context.body(Note.class);
                    GatewayFixture.recordEffect(context, note.text());
                    return HttpResult.created(new Recorded(note.text(), calls.incrementAndGet()));
                }).requestBody(Note.class).response(201, Recorded.class))
                .route(Route.post("/v1/failing-notes", context -> {
                    GatewayFixture.recordEffect(context, context.body(Note.class).text());
                    if (calls.incrementAndGet() == 1) {
                        throw new IllegalStateException("fails after its write, on the first call only");
                    }
                    return HttpResult.created(new Recorded("second try", calls.get()));
                }).requestBody(Note.class))
                .route(Route.post("/v1/unavailable-notes", context -> {
                    GatewayFixture.recordEffect(context, context.body(Note.class).text());
                    return HttpResult.problem(503, "partner_unavailable", "the partner did not answer");
                }).requestBody(Note.class))
                .route(Route.post("/v1/rejected-notes", context -> {
                    GatewayFixture.recordEffect(context, context.body(Note.class).text());
                    return HttpResult.problem(422, "note_rejected", "notes are rejected here", "text")
                            .withHeader("Note-Id", Integer.toString(calls.incrementAndGet()));
                }).requestBody(Note.class))
                .route(Route.post("/v1/slow-notes", context -> {
                    GatewayFixture.recordEffect(context, context.body(Note.class).text());
                    handlerEntered.countDown();
                    await(releaseHandler);
                    return HttpResult.created(new Recorded("slow", calls.incrementAndGet()));
                }).requestBody(Note.class)));
    }

    @AfterEach
    void stop() {
        releaseHandler.countDown();
        fixture.close();
    }

    @Test
    void concurrent_identical_requests_with_one_key_produce_one_effect() throws Exception {
        int requests = 16;
        List<HttpResponse<String>> responses = new ArrayList<>();
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<HttpResponse<String>>> futures = new ArrayList<>();
            for (int index = 0; index < requests; index++) {
                futures.add(clients.submit(() -> {
                    go.await();
                    return fixture.post("/v1/notes", fixture.writerKey, "same-key", "{\"text\":\"pay rent\"}");
                }));
            }
            go.countDown();
            for (Future<HttpResponse<String>> future : futures) {
                responses.add(future.get(30, TimeUnit.SECONDS));
            }
        }
        assertThat(fixture.count("SELECT count(*) FROM effect")).isEqualTo(1);
        assertThat(calls.get()).isEqualTo(1);
        String firstBody = "{\"text\":\"pay rent\",\"call\":1}";
        for (HttpResponse<String> response : responses) {
            if (response.statusCode() == 201) {
                assertThat(response.body()).isEqualTo(firstBody);
            } else {
                assertProblem(response, 409, "idempotency_key_in_progress");
            }
        }
        assertThat(responses).anyMatch(response -> response.statusCode() == 201);
    }

    @Test
    void a_key_still_in_progress_gets_409() throws Exception {
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<HttpResponse<String>> first = clients.submit(
                    () -> fixture.post("/v1/slow-notes", fixture.writerKey, "slow-key", "{\"text\":\"a\"}"));
            assertThat(handlerEntered.await(20, TimeUnit.SECONDS)).isTrue();
            HttpResponse<String> second = fixture.post("/v1/slow-notes", fixture.writerKey, "slow-key", "{\"text\":\"a\"}");
            assertProblem(second, 409, "idempotency_key_in_progress");
            releaseHandler.countDown();
            assertThat(first.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(201);
        }
        HttpResponse<String> afterwards = fixture.post("/v1/slow-notes", fixture.writerKey, "slow-key", "{\"text\":\"a\"}");
        assertThat(afterwards.statusCode()).isEqualTo(201);
        assertThat(afterwards.headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(fixture.count("SELECT count(*) FROM effect")).isEqualTo(1);
    }

    @Test
    void a_replay_returns_the_identical_first_response() {
        HttpResponse<String> first = fixture.post("/v1/notes", fixture.writerKey, "replay-key", "{\"text\":\"x\"}");
        HttpResponse<String> second = fixture.post("/v1/notes", fixture.writerKey, "replay-key", "{\"text\":\"x\"}");
        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(second.statusCode()).isEqualTo(first.statusCode());
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(second.headers().firstValue("Content-Type")).isEqualTo(first.headers().firstValue("Content-Type"));
        assertThat(first.headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(second.headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(fixture.count("SELECT count(*) FROM effect")).isEqualTo(1);
    }

    @Test
    void the_same_key_with_a_different_body_gets_422() {
        fixture.post("/v1/notes", fixture.writerKey, "reused-key", "{\"text\":\"first\"}");
        HttpResponse<String> reused = fixture.post("/v1/notes", fixture.writerKey, "reused-key", "{\"text\":\"second\"}");
        assertThat(assertProblem(reused, 422, "idempotency_key_reused").get("param").asText()).isEqualTo("Idempotency-Key");
        assertThat(fixture.count("SELECT count(*) FROM effect")).isEqualTo(1);
    }

    @Test
    void the_same_key_on_a_different_path_gets_422() {
        fixture.post("/v1/notes", fixture.writerKey, "path-key", "{\"text\":\"same\"}");
        HttpResponse<String> elsewhere = fixture.post("/v1/slow-notes", fixture.writerKey, "path-key", "{\"text\":\"same\"}");
        assertProblem(elsewhere, 422, "idempotency_key_reused");
    }

    @Test
    void a_rolled_back_request_stores_no_record_and_a_retry_runs_again() {
        HttpResponse<String> failed = fixture.post("/v1/failing-notes", fixture.writerKey, "retry-key", "{\"text\":\"t\"}");
        assertProblem(failed, 500, "internal_error");
        assertThat(fixture.count("SELECT count(*) FROM idempotency_key")).isZero();
        assertThat(fixture.count("SELECT count(*) FROM effect")).isZero();

        HttpResponse<String> retried = fixture.post("/v1/failing-notes", fixture.writerKey, "retry-key", "{\"text\":\"t\"}");
        assertThat(retried.statusCode()).isEqualTo(201);
        assertThat(fixture.count("SELECT count(*) FROM idempotency_key")).isEqualTo(1);
        assertThat(fixture.count("SELECT count(*) FROM effect")).isEqualTo(1);
    }

    @Test
    void a_5xx_answer_rolls_back_and_stores_nothing() {
        HttpResponse<String> unavailable = fixture.post("/v1/unavailable-notes", fixture.writerKey, "k-503", "{\"text\":\"t\"}");
        assertProblem(unavailable, 503, "partner_unavailable");
        assertThat(fixture.count("SELECT count(*) FROM idempotency_key")).isZero();
        assertThat(fixture.count("SELECT count(*) FROM effect")).isZero();
    }

    @Test
    void a_4xx_business_answer_commits_and_is_replayed_with_its_headers() {
        HttpResponse<String> first = fixture.post("/v1/rejected-notes", fixture.writerKey, "k-422", "{\"text\":\"t\"}");
        HttpResponse<String> replay = fixture.post("/v1/rejected-notes", fixture.writerKey, "k-422", "{\"text\":\"t\"}");
        assertProblem(first, 422, "note_rejected");
        assertThat(replay.statusCode()).isEqualTo(422);
        assertThat(replay.body()).isEqualTo(first.body());
        assertThat(replay.headers().firstValue("Note-Id")).contains("1");
        assertThat(fixture.count("SELECT count(*) FROM effect")).isEqualTo(1);
    }

    @Test
    void keys_are_scoped_per_tenant() {
        String otherTenantKey = fixture.apiKeys.create("globex", Role.WRITER).plainTextKey();
        fixture.post("/v1/notes", fixture.writerKey, "shared-key", "{\"text\":\"x\"}");
        HttpResponse<String> other = fixture.post("/v1/notes", otherTenantKey, "shared-key", "{\"text\":\"x\"}");
        assertThat(other.statusCode()).isEqualTo(201);
        assertThat(other.headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(fixture.count("SELECT count(*) FROM effect")).isEqualTo(2);
    }

    @Test
    void a_missing_or_oversized_key_is_a_400_naming_the_header() {
        HttpResponse<String> missing = fixture.post("/v1/notes", fixture.writerKey, null, "{\"text\":\"x\"}");
        assertThat(assertProblem(missing, 400, "idempotency_key_missing").get("param").asText()).isEqualTo("Idempotency-Key");
        HttpResponse<String> tooLong = fixture.post("/v1/notes", fixture.writerKey, "k".repeat(256), "{\"text\":\"x\"}");
        assertProblem(tooLong, 400, "idempotency_key_invalid");
        assertThat(fixture.count("SELECT count(*) FROM effect")).isZero();
    }

    @Test
    void cleanup_deletes_records_older_than_the_retention_a_batch_at_a_time() {
        fixture.post("/v1/notes", fixture.writerKey, "old-key", "{\"text\":\"x\"}");
        fixture.clock.advance(Duration.ofHours(23));
        fixture.post("/v1/notes", fixture.writerKey, "newer-key", "{\"text\":\"y\"}");
        IdempotencyKeys keys = new IdempotencyKeys(fixture.database.transactions(), fixture.clock, Duration.ofHours(24));
        assertThat(keys.deleteExpired()).isZero();

        fixture.clock.advance(Duration.ofHours(2));
        assertThat(keys.deleteExpired()).isEqualTo(1);
        assertThat(fixture.count("SELECT count(*) FROM idempotency_key WHERE idempotency_key = 'newer-key'")).isEqualTo(1);
    }

    @Test
    void cleanup_refuses_a_retention_under_24_hours() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new IdempotencyKeys(
                        fixture.database.transactions(), fixture.clock, Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least PT24H");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
