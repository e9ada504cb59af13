package io.payrail.http;

import static io.payrail.http.ProblemDocumentTests.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.payrail.platform.UuidV7Generator;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AuthenticationTests {
    record Whoami(String tenant, String role) {}

    private static GatewayFixture fixture;

    @BeforeAll
    static void start() {
        fixture = new GatewayFixture(builder -> builder
                .route(Route.get("/v1/whoami", AuthenticationTests::whoami))
                .route(Route.get("/v1/admin/whoami", AuthenticationTests::whoami).role(Role.ADMIN)));
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void a_valid_key_reaches_the_handler_with_its_tenant_and_role() {
        HttpResponse<String> response = fixture.get("/v1/whoami", fixture.readerKey);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"tenant\":\"acme\",\"role\":\"reader\"}");
    }

    @Test
    void a_missing_key_is_a_401_problem() {
        HttpResponse<String> response = fixture.get("/v1/whoami", null);
        assertProblem(response, 401, "api_key_missing");
        assertThat(response.headers().firstValue("WWW-Authenticate")).contains("Bearer");
    }

    @Test
    void an_unknown_key_is_a_401_problem() {
        String forged = ApiKeys.KEY_PREFIX + "A".repeat(fixture.readerKey.length() - ApiKeys.KEY_PREFIX.length());
        assertProblem(fixture.get("/v1/whoami", forged), 401, "api_key_invalid");
        assertProblem(fixture.get("/v1/whoami", "not-even-a-key"), 401, "api_key_invalid");
    }

    @Test
    void a_non_bearer_authorization_is_a_401_problem() {
        HttpResponse<String> response = fixture.send(fixture.request("/v1/whoami")
                .header("Authorization", "Basic dXNlcjpwYXNz").GET().build());
        assertProblem(response, 401, "api_key_invalid");
    }

    @Test
    void a_revoked_key_is_a_401_problem_at_once_in_the_revoking_process() {
        CreatedKey key = fixture.apiKeys.create("acme", Role.READER);
        assertThat(fixture.get("/v1/whoami", key.plainTextKey()).statusCode()).isEqualTo(200);
        assertThat(fixture.apiKeys.revoke(key.id())).isTrue();
        assertProblem(fixture.get("/v1/whoami", key.plainTextKey()), 401, "api_key_invalid");
        assertThat(fixture.apiKeys.revoke(key.id())).isFalse();
    }

    @Test
    void a_revocation_elsewhere_takes_effect_within_the_cache_time_to_live() {
        CreatedKey key = fixture.apiKeys.create("acme", Role.READER);
        assertThat(fixture.get("/v1/whoami", key.plainTextKey()).statusCode()).isEqualTo(200);
        ApiKeys otherNode = new ApiKeys(fixture.database.transactions(), fixture.clock, new SecureRandom(),
                new UuidV7Generator(fixture.clock, new SplittableRandom(3)), Duration.ofSeconds(30));
        otherNode.revoke(key.id());
        assertThat(fixture.get("/v1/whoami", key.plainTextKey()).statusCode()).isEqualTo(200);
        fixture.clock.advance(Duration.ofSeconds(31));
        assertProblem(fixture.get("/v1/whoami", key.plainTextKey()), 401, "api_key_invalid");
    }

    @Test
    void a_key_with_too_small_a_role_is_a_403_problem() {
        JsonNodeAssert.detail(assertProblem(fixture.get("/v1/admin/whoami", fixture.writerKey), 403, "role_insufficient"),
                "needs the admin role; the key has writer");
        assertThat(fixture.get("/v1/admin/whoami", fixture.adminKey).statusCode()).isEqualTo(200);
    }

    @Test
    void a_higher_role_may_call_a_lower_role_route() {
        assertThat(fixture.get("/v1/whoami", fixture.adminKey).statusCode()).isEqualTo(200);
        assertThat(fixture.get("/v1/whoami", fixture.writerKey).statusCode()).isEqualTo(200);
    }

    private static HttpResult whoami(RequestContext context) {
        ApiKeyPrincipal principal = context.principal().orElseThrow();
        return HttpResult.ok(new Whoami(principal.tenantId(), principal.role().wireName()));
    }

    /** Small assertion helper for problem details. */
    static final class JsonNodeAssert {
        private JsonNodeAssert() {}

        static void detail(com.fasterxml.jackson.databind.JsonNode problem, String expected) {
            assertThat(problem.get("detail").asText()).contains(expected);
        }
    }
}
