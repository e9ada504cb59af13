package io.payrail.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.payrail.platform.Check;
import io.payrail.platform.Json;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ProblemDocumentTests {
    record Item(String name, long quantity) {}

    record Order(String reference, long amountMinor, List<Item> items) {
        Order {
            Check.argument(amountMinor > 0, "amountMinor must be positive, got %d", amountMinor);
        }
    }

    private static GatewayFixture fixture;

    @BeforeAll
    static void start() {
        fixture = new GatewayFixture(builder -> builder
                .route(Route.post("/v1/orders", context -> HttpResult.created(context.body(Order.class)))
                        .requestBody(Order.class).response(201, Order.class).maxPayloadBytes(200))
                .route(Route.get("/v1/orders/{id}", context -> HttpResult.ok(context.pathParameter("id"))))
                .route(Route.get("/v1/crash", context -> {
                    throw new IllegalStateException("secret internal detail: password=hunter2");
                })));
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void malformed_json_is_a_400_problem_with_its_position() {
        HttpResponse<String> response = fixture.post("/v1/orders", fixture.writerKey, "k-malformed", "{\"reference\": ");
        JsonNode problem = assertProblem(response, 400, "malformed_json");
        assertThat(problem.get("detail").asText()).contains("line 1");
    }

    @Test
    void an_unknown_field_is_named_in_param() {
        HttpResponse<String> response = fixture.post("/v1/orders", fixture.writerKey, "k-unknown",
                "{\"reference\":\"r\",\"amountMinor\":5,\"items\":[{\"name\":\"a\",\"quantity\":1,\"colour\":\"red\"}]}");
        JsonNode problem = assertProblem(response, 400, "unknown_field");
        assertThat(problem.get("param").asText()).isEqualTo("items[0].colour");
    }

    @Test
    void a_field_of_the_wrong_type_is_named_in_param() {
        HttpResponse<String> response = fixture.post("/v1/orders", fixture.writerKey, "k-type",
                "{\"reference\":\"r\",\"amountMinor\":\"lots\",\"items\":[]}");
        JsonNode problem = assertProblem(response, 400, "field_invalid");
        assertThat(problem.get("param").asText()).isEqualTo("amountMinor");
    }

    @Test
    void a_value_the_record_refuses_is_a_400_with_its_message() {
        HttpResponse<String> response = fixture.post("/v1/orders", fixture.writerKey, "k-refused",
                "{\"reference\":\"r\",\"amountMinor\":-5,\"items\":[]}");
        JsonNode problem = assertProblem(response, 400, "field_invalid");
        assertThat(problem.get("detail").asText()).contains("amountMinor must be positive, got -5");
    }

    @Test
    void an_empty_body_is_body_missing() {
        assertProblem(fixture.post("/v1/orders", fixture.writerKey, "k-empty", ""), 400, "body_missing");
    }

    @Test
    void a_body_over_the_route_limit_is_a_413() {
        String big = "{\"reference\":\"" + "x".repeat(300) + "\",\"amountMinor\":5,\"items\":[]}";
        assertProblem(fixture.post("/v1/orders", fixture.writerKey, "k-big", big), 413, "payload_too_large");
    }

    @Test
    void a_body_that_is_not_json_is_a_415() {
        HttpResponse<String> response = fixture.send(fixture.request("/v1/orders")
                .header("Authorization", "Bearer " + fixture.writerKey)
                .header("Idempotency-Key", "k-xml")
                .header("Content-Type", "application/xml")
                .POST(HttpRequest.BodyPublishers.ofString("<order/>")).build());
        JsonNode problem = assertProblem(response, 415, "unsupported_media_type");
        assertThat(problem.get("param").asText()).isEqualTo("Content-Type");
    }

    @Test
    void an_unknown_route_is_a_404_problem() {
        JsonNode problem = assertProblem(fixture.get("/v1/nothing-here", fixture.readerKey), 404, "route_not_found");
        assertThat(problem.get("instance").asText()).isEqualTo("/v1/nothing-here");
    }

    @Test
    void a_wrong_method_is_a_405_problem_naming_the_allowed_ones() {
        HttpResponse<String> response = fixture.send(fixture.request("/v1/orders/o_1")
                .header("Authorization", "Bearer " + fixture.writerKey).DELETE().build());
        assertProblem(response, 405, "method_not_allowed");
        assertThat(response.headers().firstValue("Allow")).contains("GET");
    }

    @Test
    void an_internal_error_is_a_500_without_stack_trace_or_internal_detail() {
        HttpResponse<String> response = fixture.get("/v1/crash", fixture.readerKey);
        JsonNode problem = assertProblem(response, 500, "internal_error");
        assertThat(response.body()).doesNotContain("hunter2", "IllegalStateException", "at io.payrail");
        String traceId = response.headers().firstValue("Trace-Id").orElseThrow();
        assertThat(problem.get("trace_id").asText()).isEqualTo(traceId);
        assertThat(problem.get("detail").asText()).contains(traceId);
    }

    @Test
    void malformed_http_that_jetty_refuses_is_a_problem_document_too() throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", fixture.gateway.port())) {
            socket.getOutputStream().write("GET /health HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n"
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII);
            assertThat(answer).startsWith("HTTP/1.1 400").contains("application/problem+json", "\"code\":\"bad_request\"");
        }
    }

    @Test
    void a_path_parameter_reaches_the_handler() {
        HttpResponse<String> response = fixture.get("/v1/orders/o_42", fixture.readerKey);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("\"o_42\"");
    }

    static JsonNode assertProblem(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        JsonNode problem = readTree(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("code").asText()).isEqualTo(code);
        assertThat(problem.get("type").asText()).isEqualTo("urn:payrail:problem:" + code);
        assertThat(problem.get("title").asText()).isNotBlank();
        assertThat(problem.get("detail").asText()).isNotBlank();
        return problem;
    }

    static JsonNode readTree(String body) {
        try {
            return Json.mapper().readTree(body);
        } catch (java.io.IOException failure) {
            throw new AssertionError("not JSON: " + body, failure);
        }
    }
}
