package io.payrail.http;

import static io.payrail.http.ProblemDocumentTests.assertProblem;
import static io.payrail.http.ProblemDocumentTests.readTree;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.payrail.http.internal.OpenApiDocument;
import io.payrail.platform.Migrations;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SystemRoutesTests {
    record Payment(String id, long amountMinor, String currency) {}

    record CreatePayment(long amountMinor, String currency, Map<String, String> metadata) {}

    private static final AtomicBoolean READY = new AtomicBoolean(true);
    private static GatewayFixture fixture;

    @BeforeAll
    static void start() {
        fixture = new GatewayFixture(builder -> builder
                .readiness(() -> READY.get() && Migrations.verified(fixture.database.dataSource(), List.of("platform", "http")))
                .route(Route.post("/v1/payments", context -> HttpResult.created(new Payment("p_1", 5, "EUR")))
                        .requestBody(CreatePayment.class).response(201, Payment.class))
                .route(Route.get("/v1/payments", context -> HttpResult.ok(Page.of(List.of(), context.pageRequest())))
                        .paginated(Payment.class))
                .route(Route.get("/v1/payments/{id}", context -> HttpResult.ok(new Payment(context.pathParameter("id"), 5, "EUR")))
                        .response(200, Payment.class))
                .route(Route.delete("/v1/payments/{id}", context -> HttpResult.noContent()).role(Role.ADMIN)));
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void health_answers_200_without_a_key() {
        HttpResponse<String> response = fixture.get("/health", null);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"status\":\"up\"}");
    }

    @Test
    void a_no_content_answer_has_an_empty_body() {
        HttpResponse<String> response = fixture.send(fixture.request("/v1/payments/p_1")
                .header("Authorization", "Bearer " + fixture.adminKey).DELETE().build());
        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(response.body()).isEmpty();
    }

    @Test
    void ready_answers_200_when_the_check_passes_and_503_when_it_fails() {
        assertThat(fixture.get("/ready", null).statusCode()).isEqualTo(200);
        READY.set(false);
        try {
            assertProblem(fixture.get("/ready", null), 503, "not_ready");
        } finally {
            READY.set(true);
        }
    }

    @Test
    void metrics_show_requests_per_route_and_status_in_prometheus_text() {
        fixture.get("/v1/payments/p_9", fixture.readerKey);
        HttpResponse<String> response = fixture.get("/metrics", null);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain");
        assertThat(response.body()).containsPattern(
                "payrail_http_requests_seconds_count\\{[^}]*route=\"/v1/payments/\\{id}\"[^}]*status=\"200\"");
    }

    @Test
    void the_openapi_document_lists_every_route_and_nothing_else() {
        JsonNode document = readTree(fixture.get("/openapi.json", null).body());
        assertThat(document.get("openapi").asText()).isEqualTo("3.1.0");
        Set<String> documented = new HashSet<>();
        document.get("paths").properties().forEach(path -> path.getValue().properties()
                .forEach(operation -> documented.add(operation.getKey() + " " + path.getKey())));
        Set<String> declared = new HashSet<>();
        for (Route route : fixture.gateway.routes()) {
            declared.add(OpenApiDocument.key(route.method()) + " " + route.pathTemplate());
        }
        assertThat(documented).isEqualTo(declared);
        assertThat(declared).contains("post /v1/payments", "get /health", "get /openapi.json", "delete /v1/payments/{id}");
    }

    @Test
    void the_openapi_document_describes_bodies_parameters_problems_and_security() {
        JsonNode document = fixture.gateway.openApi();
        JsonNode create = document.at("/paths/~1v1~1payments/post");
        assertThat(create.at("/requestBody/content/application~1json/schema/$ref").asText())
                .isEqualTo("#/components/schemas/CreatePayment");
        assertThat(create.at("/responses/201/content/application~1json/schema/$ref").asText())
                .isEqualTo("#/components/schemas/Payment");
        assertThat(create.at("/responses/422/content/application~1problem+json/schema/$ref").asText())
                .isEqualTo("#/components/schemas/Problem");
        assertThat(create.at("/security/0/bearerAuth").isArray()).isTrue();
        assertThat(create.at("/parameters/0/name").asText()).isEqualTo("Idempotency-Key");
        assertThat(document.at("/components/schemas/Payment/properties/amountMinor/format").asText()).isEqualTo("int64");
        assertThat(document.at("/components/securitySchemes/bearerAuth/scheme").asText()).isEqualTo("bearer");
        JsonNode list = document.at("/paths/~1v1~1payments/get");
        assertThat(list.at("/parameters/0/name").asText()).isEqualTo("limit");
        assertThat(list.at("/responses/200/content/application~1json/schema/properties/has_more/type").asText())
                .isEqualTo("boolean");
        assertThat(document.at("/paths/~1v1~1payments~1{id}/get/parameters/0/in").asText()).isEqualTo("path");
        assertThat(document.at("/paths/~1health/get/security").isEmpty()).isTrue();
        assertThat(document.at("/paths/~1v1~1payments~1{id}/delete/x-payrail-role").asText()).isEqualTo("admin");
    }
}
