package io.payrail.function;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.payrail.platform.Database;
import io.payrail.platform.testing.TestDatabase;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ReservedConcurrencyTests {
    private static final int RESERVED = 3;
    private static final int INVOCATIONS_PER_NODE = 20;

    @Test
    void invocations_in_flight_never_exceed_the_reserved_concurrency_across_two_nodes() throws Exception {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger maxInFlight = new AtomicInteger();
        FunctionDeclaration function = FunctionInvokerTests.declare("limited",
                FunctionInvokerTests.limits(Duration.ofSeconds(20), 1, RESERVED), context -> {
                    int now = inFlight.incrementAndGet();
                    maxInFlight.accumulateAndGet(now, Math::max);
                    try {
                        context.transaction().createStatement().execute("SELECT pg_sleep(0.02)");
                    } finally {
                        inFlight.decrementAndGet();
                    }
                    return null;
                });
        List<InvocationResult> results = new ArrayList<>();
        try (TestDatabase database = TestDatabase.create("platform", "function");
                HikariDataSource nodeOnePool = Database.pool(database.jdbcUrl(), 8);
                HikariDataSource nodeTwoPool = Database.pool(database.jdbcUrl(), 8);
                ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            FunctionInvoker nodeOne = new FunctionInvoker(nodeOnePool, Clock.systemUTC(), new Random(1), Sleeper.REAL, Duration.ofSeconds(60));
            FunctionInvoker nodeTwo = new FunctionInvoker(nodeTwoPool, Clock.systemUTC(), new Random(2), Sleeper.REAL, Duration.ofSeconds(60));
            List<Future<InvocationResult>> futures = new ArrayList<>();
            for (int index = 0; index < INVOCATIONS_PER_NODE; index++) {
                InvocationRequest request = InvocationRequest.of("{}", "key-" + index, Trace.start("t" + index, "c", null));
                futures.add(callers.submit(() -> nodeOne.invoke(function, request)));
                futures.add(callers.submit(() -> nodeTwo.invoke(function, request)));
            }
            for (Future<InvocationResult> future : futures) {
                results.add(future.get());
            }
        }

        assertThat(results).hasSize(2 * INVOCATIONS_PER_NODE).allMatch(InvocationResult.Succeeded.class::isInstance);
        assertThat(maxInFlight.get()).isBetween(1, RESERVED);
    }
}
