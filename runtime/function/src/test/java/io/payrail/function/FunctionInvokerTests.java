package io.payrail.function;

import static org.assertj.core.api.Assertions.assertThat;

import io.payrail.platform.Metrics;
import io.payrail.platform.TraceContext;
import io.payrail.platform.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FunctionInvokerTests {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-05T09:00:00Z"), ZoneOffset.UTC);
    private static final Trace TRACE = new Trace("trace-1", "correlation-1", "event-1", "tenant-1");

    private TestDatabase database;
    private final List<Duration> backoffs = new CopyOnWriteArrayList<>();
    private final Sleeper recordingSleeper = backoffs::add;

    @BeforeEach
    void createDatabase() {
        database = TestDatabase.create("platform", "function");
        database.transactions().inTransaction(connection -> {
            connection.createStatement().execute("CREATE TABLE effect (note text NOT NULL)");
            return null;
        });
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }

    @Test
    void a_handler_past_its_timeout_is_stopped_rolled_back_and_retried() {
        FunctionDeclaration slow = declare("slow", limits(Duration.ofMillis(400), 2, 2), context -> {
            insertEffect(context.transaction(), "attempt-" + context.attempt());
            if (context.attempt() == 1) {
                context.transaction().createStatement().execute("SELECT pg_sleep(30)");
            }
            return "done".getBytes();
        });

        InvocationResult result = invoker(Duration.ofSeconds(10)).invoke(slow, InvocationRequest.of("{}", "key-1", TRACE));

        assertThat(result).isInstanceOf(InvocationResult.Succeeded.class);
        assertThat(((InvocationResult.Succeeded) result).attempts()).isEqualTo(2);
        assertThat(effects()).containsExactly("attempt-2");
        assertThat(backoffs).hasSize(1);
    }

    @Test
    void a_timed_out_attempt_counts_as_failed_when_no_retry_is_left() {
        FunctionDeclaration slow = declare("always-slow", limits(Duration.ofMillis(300), 1, 2), context -> {
            insertEffect(context.transaction(), "attempt-" + context.attempt());
            context.transaction().createStatement().execute("SELECT pg_sleep(30)");
            return null;
        });

        InvocationResult result = invoker(Duration.ofSeconds(10)).invoke(slow, InvocationRequest.of("{}", "key-1", TRACE));

        assertThat(result).isInstanceOfSatisfying(InvocationResult.Failed.class, failed -> {
            assertThat(failed.reason()).isEqualTo(InvocationResult.FailureReason.TIMED_OUT);
            assertThat(failed.attempts()).isEqualTo(1);
        });
        assertThat(effects()).isEmpty();
    }

    @Test
    void a_handler_that_ignores_interrupts_keeps_its_slot_until_its_thread_returns() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch handlerReturned = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        FunctionDeclaration stubborn = declare("stubborn", limits(Duration.ofMillis(300), 1, 1), context -> {
            if (calls.incrementAndGet() > 1) {
                insertEffect(context.transaction(), "later");
                return null;
            }
            insertEffect(context.transaction(), "zombie");
            try {
                awaitIgnoringInterrupts(release);
                insertEffect(context.transaction(), "zombie-after-timeout");
                return null;
            } finally {
                handlerReturned.countDown();
            }
        });

        InvocationResult first = invoker(Duration.ofSeconds(5)).invoke(stubborn, InvocationRequest.of("{}", "a", TRACE));
        InvocationResult whileStuck = invoker(Duration.ofMillis(300)).invoke(stubborn, InvocationRequest.of("{}", "b", TRACE));
        release.countDown();
        handlerReturned.await();
        InvocationResult afterReturn = invoker(Duration.ofSeconds(10)).invoke(stubborn, InvocationRequest.of("{}", "c", TRACE));

        assertThat(first).isInstanceOfSatisfying(InvocationResult.Failed.class,
                failed -> assertThat(failed.reason()).isEqualTo(InvocationResult.FailureReason.TIMED_OUT));
        assertThat(whileStuck).isInstanceOf(InvocationResult.Throttled.class);
        assertThat(afterReturn).isInstanceOf(InvocationResult.Succeeded.class);
        assertThat(effects()).containsExactly("later");
    }

    @Test
    void a_failing_handler_is_retried_with_backoff_up_to_its_maximum_attempts() {
        AtomicInteger calls = new AtomicInteger();
        FunctionDeclaration failing = declare("failing", limits(Duration.ofSeconds(5), 3, 1), context -> {
            calls.incrementAndGet();
            insertEffect(context.transaction(), "attempt-" + context.attempt());
            throw new IllegalStateException("partner said no");
        });

        InvocationResult result = invoker(Duration.ofSeconds(5)).invoke(failing, InvocationRequest.of("{}", "k", TRACE));

        assertThat(result).isInstanceOfSatisfying(InvocationResult.Failed.class, failed -> {
            assertThat(failed.reason()).isEqualTo(InvocationResult.FailureReason.HANDLER_FAILED);
            assertThat(failed.attempts()).isEqualTo(3);
            assertThat(failed.message()).contains("partner said no");
        });
        assertThat(calls).hasValue(3);
        assertThat(effects()).isEmpty();
        assertThat(backoffs).hasSize(2);
        assertThat(backoffs.get(0)).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
        assertThat(backoffs.get(1)).isBetween(Duration.ofMillis(100), Duration.ofMillis(200));
    }

    @Test
    void a_payload_over_the_limit_is_rejected_without_running_the_handler() {
        AtomicInteger calls = new AtomicInteger();
        Limits small = limits(Duration.ofSeconds(5), 1, 1).withMaxPayloadBytes(8);
        FunctionDeclaration function = declare("small", small, context -> {
            calls.incrementAndGet();
            return null;
        });

        InvocationResult result = invoker(Duration.ofSeconds(5))
                .invoke(function, InvocationRequest.of("{\"amount\":12345}", "k", TRACE));

        assertThat(result).isInstanceOfSatisfying(InvocationResult.Rejected.class, rejected -> {
            assertThat(rejected.reason()).isEqualTo(InvocationResult.RejectionReason.PAYLOAD_TOO_LARGE);
            assertThat(rejected.message()).contains("at most 8 bytes, got 16");
        });
        assertThat(calls).hasValue(0);
    }

    @Test
    void the_handler_gets_the_trigger_trace_and_its_transaction() {
        AtomicReference<String> seen = new AtomicReference<>();
        FunctionDeclaration traced = declare("traced", limits(Duration.ofSeconds(5), 1, 1), context -> {
            seen.set(TraceContext.traceId() + "/" + TraceContext.correlationId() + "/" + TraceContext.tenantId()
                    + "/" + context.trace().causationId() + "/" + context.idempotencyKey() + "/" + context.json().get("n"));
            insertEffect(context.transaction(), "traced");
            return "ok".getBytes();
        });

        InvocationResult result = invoker(Duration.ofSeconds(5)).invoke(traced, InvocationRequest.of("{\"n\":7}", "key-7", TRACE));

        assertThat(result).isInstanceOfSatisfying(InvocationResult.Succeeded.class,
                succeeded -> assertThat(new String(succeeded.output())).isEqualTo("ok"));
        assertThat(seen).hasValue("trace-1/correlation-1/tenant-1/event-1/key-7/7");
        assertThat(effects()).containsExactly("traced");
        assertThat(TraceContext.traceId()).isNull();
        assertThat(Metrics.registry().find("payrail.function.invocations")
                .tags("function", "traced", "outcome", "succeeded").timer().count()).isEqualTo(1);
    }

    @Test
    void a_commit_guard_that_refuses_rolls_the_attempt_back_without_retry() {
        FunctionDeclaration guarded = declare("guarded", limits(Duration.ofSeconds(5), 3, 1), context -> {
            insertEffect(context.transaction(), "guarded");
            return null;
        });

        InvocationResult result = invoker(Duration.ofSeconds(5))
                .invoke(guarded, InvocationRequest.of("{}", "k", TRACE).withCommitGuard(transaction -> false));

        assertThat(result).isEqualTo(new InvocationResult.Superseded(1));
        assertThat(effects()).isEmpty();
    }

    private FunctionInvoker invoker(Duration slotWait) {
        return new FunctionInvoker(database.dataSource(), CLOCK, new Random(7), recordingSleeper, slotWait);
    }

    static Limits limits(Duration timeout, int maxAttempts, int reservedConcurrency) {
        return new Limits(timeout, reservedConcurrency,
                new RetryPolicy(maxAttempts, Duration.ofMillis(100), Duration.ofSeconds(1)), 1024);
    }

    static FunctionDeclaration declare(String name, Limits limits, FunctionHandler handler) {
        return FunctionDeclaration.named(name).trigger(new Trigger.Queue(name + "-queue")).limits(limits).handler(handler);
    }

    static void insertEffect(Connection transaction, String note) throws SQLException {
        try (PreparedStatement insert = transaction.prepareStatement("INSERT INTO effect (note) VALUES (?)")) {
            insert.setString(1, note);
            insert.executeUpdate();
        }
    }

    private List<String> effects() {
        return database.transactions().read(connection -> {
            List<String> notes = new ArrayList<>();
            try (var rows = connection.createStatement().executeQuery("SELECT note FROM effect ORDER BY note")) {
                while (rows.next()) {
                    notes.add(rows.getString(1));
                }
            }
            return notes;
        });
    }

    private static void awaitIgnoringInterrupts(CountDownLatch latch) {
        while (latch.getCount() > 0) {
            try {
                latch.await();
            } catch (InterruptedException ignored) {
                // This handler stands for code that never checks its interrupt flag.
            }
        }
    }
}
