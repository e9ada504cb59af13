package io.payrail.http;

import static io.payrail.http.ProblemDocumentTests.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.payrail.http.internal.TokenBucketLimiter;
import java.net.http.HttpResponse;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimitTests {
    private final AtomicLong nanoTime = new AtomicLong(1_000_000_000L);

    @Test
    void a_bucket_allows_its_burst_then_one_request_per_interval() {
        TokenBucketLimiter limiter = new TokenBucketLimiter(RateLimit.perSecond(10, 3), nanoTime::get);
        UUID key = UUID.randomUUID();
        assertThat(limiter.tryAcquire(key)).isZero();
        assertThat(limiter.tryAcquire(key)).isZero();
        assertThat(limiter.tryAcquire(key)).isZero();
        assertThat(limiter.tryAcquire(key)).isEqualTo(100_000_000L);
        nanoTime.addAndGet(100_000_000L);
        assertThat(limiter.tryAcquire(key)).isZero();
        assertThat(limiter.tryAcquire(key)).isPositive();
    }

    @Test
    void keys_have_separate_buckets() {
        TokenBucketLimiter limiter = new TokenBucketLimiter(RateLimit.perSecond(1, 1), nanoTime::get);
        UUID first = UUID.randomUUID();
        assertThat(limiter.tryAcquire(first)).isZero();
        assertThat(limiter.tryAcquire(first)).isPositive();
        assertThat(limiter.tryAcquire(UUID.randomUUID())).isZero();
    }

    @Test
    void an_idle_bucket_refills_only_up_to_its_burst() {
        TokenBucketLimiter limiter = new TokenBucketLimiter(RateLimit.perSecond(10, 2), nanoTime::get);
        UUID key = UUID.randomUUID();
        nanoTime.addAndGet(60_000_000_000L);
        assertThat(limiter.tryAcquire(key)).isZero();
        assertThat(limiter.tryAcquire(key)).isZero();
        assertThat(limiter.tryAcquire(key)).isPositive();
    }

    @Test
    void over_the_limit_the_gateway_answers_429_with_retry_after() {
        try (GatewayFixture fixture = new GatewayFixture(builder -> builder
                .rateLimit(new RateLimit(1, java.time.Duration.ofSeconds(5), 2), nanoTime::get)
                .route(Route.get("/v1/ping", context -> HttpResult.ok("pong"))))) {
            assertThat(fixture.get("/v1/ping", fixture.readerKey).statusCode()).isEqualTo(200);
            assertThat(fixture.get("/v1/ping", fixture.readerKey).statusCode()).isEqualTo(200);
            HttpResponse<String> limited = fixture.get("/v1/ping", fixture.readerKey);
            assertProblem(limited, 429, "rate_limited");
            assertThat(limited.headers().firstValue("Retry-After")).contains("5");
            assertThat(fixture.get("/v1/ping", fixture.writerKey).statusCode()).isEqualTo(200);
            nanoTime.addAndGet(5_000_000_000L);
            assertThat(fixture.get("/v1/ping", fixture.readerKey).statusCode()).isEqualTo(200);
        }
    }
}
