package io.payrail.http;

import static io.payrail.http.ProblemDocumentTests.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ConcurrencyLimitTests {
    private final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);

    private void awaitRelease() {
        try {
            release.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void past_the_reserved_concurrency_a_request_waits_then_gets_503_while_probes_still_answer() throws Exception {
        try (GatewayFixture fixture = new GatewayFixture(builder -> builder
                        .concurrencyLimit(1, Duration.ofMillis(200))
                        .route(Route.get("/v1/slow", context -> {
                            entered.countDown();
                            awaitRelease();
                            return HttpResult.ok("done");
                        })));
                ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<HttpResponse<String>> first = clients.submit(() -> fixture.get("/v1/slow", fixture.readerKey));
            assertThat(entered.await(20, TimeUnit.SECONDS)).isTrue();

            HttpResponse<String> second = fixture.get("/v1/slow", fixture.readerKey);
            assertProblem(second, 503, "server_busy");
            assertThat(second.headers().firstValue("Retry-After")).contains("1");
            assertThat(fixture.get("/health", null).statusCode()).isEqualTo(200);

            release.countDown();
            assertThat(first.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            assertThat(fixture.get("/v1/slow", fixture.readerKey).statusCode()).isEqualTo(200);
        }
    }
}
