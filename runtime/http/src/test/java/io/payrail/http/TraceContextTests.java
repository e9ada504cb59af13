package io.payrail.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.payrail.http.internal.TraceParent;
import io.payrail.platform.TraceContext;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TraceContextTests {
    record Seen(String contextTrace, String mdcTrace, String mdcTenant) {}

    private static GatewayFixture fixture;

    @BeforeAll
    static void start() {
        fixture = new GatewayFixture(builder -> builder.route(Route.get("/v1/trace", context -> HttpResult.ok(
                new Seen(context.traceId(), TraceContext.traceId(), TraceContext.tenantId())))));
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void a_valid_traceparent_is_continued_and_returned() {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        HttpResponse<String> response = fixture.send(fixture.request("/v1/trace")
                .header("Authorization", "Bearer " + fixture.readerKey)
                .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01").GET().build());
        assertThat(response.headers().firstValue("Trace-Id")).contains(traceId);
        assertThat(response.body()).isEqualTo(
                "{\"contextTrace\":\"" + traceId + "\",\"mdcTrace\":\"" + traceId + "\",\"mdcTenant\":\"acme\"}");
    }

    @Test
    void without_a_traceparent_each_request_gets_a_new_trace_id() {
        String first = fixture.get("/v1/trace", fixture.readerKey).headers().firstValue("Trace-Id").orElseThrow();
        String second = fixture.get("/v1/trace", fixture.readerKey).headers().firstValue("Trace-Id").orElseThrow();
        assertThat(first).matches("[0-9a-f]{32}");
        assertThat(second).matches("[0-9a-f]{32}").isNotEqualTo(first);
    }

    @Test
    void concurrent_requests_on_fresh_virtual_threads_get_distinct_trace_ids_under_a_fixed_clock() throws Exception {
        java.util.Set<String> traceIds = java.util.concurrent.ConcurrentHashMap.newKeySet();
        try (var clients = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            for (int index = 0; index < 20; index++) {
                clients.submit(() -> traceIds.add(
                        fixture.get("/health", null).headers().firstValue("Trace-Id").orElseThrow()));
            }
        }
        assertThat(traceIds).hasSize(20);
    }

    @Test
    void invalid_traceparents_are_ignored() {
        assertThat(TraceParent.traceIdOrNull("00-00000000000000000000000000000000-00f067aa0ba902b7-01")).isNull();
        assertThat(TraceParent.traceIdOrNull("00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01")).isNull();
        assertThat(TraceParent.traceIdOrNull("ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")).isNull();
        assertThat(TraceParent.traceIdOrNull("00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01")).isNull();
        assertThat(TraceParent.traceIdOrNull("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra")).isNull();
        assertThat(TraceParent.traceIdOrNull("01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra"))
                .isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(TraceParent.traceIdOrNull(null)).isNull();
    }
}
