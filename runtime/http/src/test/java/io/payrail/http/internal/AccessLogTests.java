package io.payrail.http.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class AccessLogTests {
    private static final long FAST_NANOS = 2_000_000;

    @Test
    void failures_and_slow_requests_are_always_logged() {
        AccessLog log = new AccessLog(100);
        assertThat(IntStream.range(0, 50).allMatch(ignored -> log.shouldLog(404, FAST_NANOS))).isTrue();
        assertThat(IntStream.range(0, 50).allMatch(ignored -> log.shouldLog(500, FAST_NANOS))).isTrue();
        assertThat(IntStream.range(0, 50).allMatch(ignored -> log.shouldLog(201, AccessLog.SLOW_NANOS))).isTrue();
    }

    @Test
    void one_success_in_the_sampling_is_logged() {
        AccessLog log = new AccessLog(100);
        long logged = IntStream.range(0, 1_000).filter(ignored -> log.shouldLog(201, FAST_NANOS)).count();
        assertThat(logged).isEqualTo(10);
    }

    @Test
    void a_sampling_of_one_logs_every_request() {
        AccessLog log = new AccessLog(1);
        assertThat(IntStream.range(0, 100).allMatch(ignored -> log.shouldLog(200, FAST_NANOS))).isTrue();
    }

    @Test
    void a_sampling_outside_its_range_is_refused_with_the_value() {
        assertThatThrownBy(() -> new AccessLog(0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 0");
        assertThatThrownBy(() -> new AccessLog(AccessLog.SUCCESS_SAMPLING_MAX + 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
