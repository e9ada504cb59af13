package io.payrail.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.payrail.http.ApiKeys;
import io.payrail.http.CreatedKey;
import io.payrail.platform.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A whole node on embedded PostgreSQL, used over HTTP the way a client would. */
class NodeTests {
    @TempDir
    static Path home;

    private static Node node;
    private static String key;
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @BeforeAll
    static void startNode() {
        System.setProperty("payrail.home", home.toString());
        node = Node.start(new NodeSettings(0, true));
        try (var database = LocalDatabase.openForCommand(2)) {
            CreatedKey created = new ApiKeys(database.transactions(), Platform.clock(), Platform.random(), Platform.ids(),
                    ApiKeys.CACHE_TIME_TO_LIVE_DEFAULT).create("acme", "admin");
            key = created.plainTextKey();
        }
    }

    @AfterAll
    static void stopNode() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void health_and_readiness_answer_200_once_started() throws Exception {
        assertThat(get("/health", null).statusCode()).isEqualTo(200);
        assertThat(get("/ready", null).statusCode()).isEqualTo(200);
        HttpResponse<String> metrics = get("/metrics", null);
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("# TYPE");
    }

    @Test
    void a_transfer_between_two_accounts_moves_money_and_shows_in_balances_and_entries() throws Exception {
        UUID payer = UUID.randomUUID();
        UUID payee = UUID.randomUUID();
        assertThat(post("/v1/ledger/accounts", "{\"id\":\"" + payer + "\",\"currency\":\"USD\",\"code\":1}").statusCode()).isEqualTo(201);
        assertThat(post("/v1/ledger/accounts", "{\"id\":\"" + payee + "\",\"currency\":\"USD\",\"code\":1,"
                + "\"flags\":[\"debits_must_not_exceed_credits\"]}").statusCode()).isEqualTo(201);
        UUID transferId = UUID.randomUUID();
        String batch = "{\"transfers\":[{\"id\":\"" + transferId + "\",\"debit_account_id\":\"" + payer
                + "\",\"credit_account_id\":\"" + payee + "\",\"amount\":12345,\"currency\":\"USD\",\"code\":7}]}";
        HttpResponse<String> created = post("/v1/ledger/transfers", batch);
        assertThat(created.statusCode()).isEqualTo(200);
        JsonNode result = Json.mapper().readTree(created.body()).get("results").get(0);
        assertThat(result.get("result").asText()).isEqualTo("ok");
        assertThat(result.get("credit_account_balances").get("credits_posted").asLong()).isEqualTo(12345);

        HttpResponse<String> again = post("/v1/ledger/transfers", batch);
        assertThat(Json.mapper().readTree(again.body()).get("results").get(0).get("result").asText()).isEqualTo("exists");

        JsonNode account = Json.mapper().readTree(get("/v1/ledger/accounts/" + payee, key).body());
        assertThat(account.get("balances").get("credits_posted").asLong()).isEqualTo(12345);
        assertThat(account.get("available").asLong()).isEqualTo(12345);
        JsonNode entries = Json.mapper().readTree(get("/v1/ledger/accounts/" + payee + "/entries", key).body());
        assertThat(entries.get("data")).hasSize(1);
        assertThat(entries.get("has_more").asBoolean()).isFalse();
        assertThat(get("/v1/ledger/transfers/" + transferId, key).statusCode()).isEqualTo(200);
    }

    @Test
    void an_overdraft_of_a_debit_limited_account_is_refused_with_its_exact_result() throws Exception {
        UUID limited = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        post("/v1/ledger/accounts", "{\"id\":\"" + limited + "\",\"currency\":\"USD\",\"code\":1,\"flags\":[\"debits_must_not_exceed_credits\"]}");
        post("/v1/ledger/accounts", "{\"id\":\"" + other + "\",\"currency\":\"USD\",\"code\":1}");
        HttpResponse<String> response = post("/v1/ledger/transfers", "{\"transfers\":[{\"id\":\"" + UUID.randomUUID()
                + "\",\"debit_account_id\":\"" + limited + "\",\"credit_account_id\":\"" + other
                + "\",\"amount\":1,\"currency\":\"USD\",\"code\":7}]}");
        assertThat(Json.mapper().readTree(response.body()).get("results").get(0).get("result").asText()).isEqualTo("exceeds_credits");
    }

    @Test
    void bad_input_gets_a_problem_document_naming_the_field() throws Exception {
        HttpResponse<String> response = post("/v1/ledger/accounts", "{\"id\":\"" + UUID.randomUUID() + "\",\"currency\":\"XYZ\",\"code\":1}");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("problem+json"));
        JsonNode problem = Json.mapper().readTree(response.body());
        assertThat(problem.get("param").asText()).isEqualTo("currency");
        assertThat(get("/v1/ledger/accounts/" + UUID.randomUUID(), key).statusCode()).isEqualTo(404);
        assertThat(get("/v1/ledger/accounts/" + UUID.randomUUID(), null).statusCode()).isEqualTo(401);
    }

    @Test
    void another_tenant_can_neither_see_nor_move_money_from_an_account() throws Exception {
        UUID mine = UUID.randomUUID();
        UUID theirs = UUID.randomUUID();
        post("/v1/ledger/accounts", "{\"id\":\"" + mine + "\",\"currency\":\"USD\",\"code\":1}");
        String otherKey;
        try (var database = LocalDatabase.openForCommand(2)) {
            otherKey = new ApiKeys(database.transactions(), Platform.clock(), Platform.random(), Platform.ids(),
                    ApiKeys.CACHE_TIME_TO_LIVE_DEFAULT).create("globex", "admin").plainTextKey();
        }
        assertThat(postAs(otherKey, "/v1/ledger/accounts", "{\"id\":\"" + theirs + "\",\"currency\":\"USD\",\"code\":1}")
                .statusCode()).isEqualTo(201);
        assertThat(get("/v1/ledger/accounts/" + mine, otherKey).statusCode()).isEqualTo(404);
        HttpResponse<String> theft = postAs(otherKey, "/v1/ledger/transfers", "{\"transfers\":[{\"id\":\"" + UUID.randomUUID()
                + "\",\"debit_account_id\":\"" + mine + "\",\"credit_account_id\":\"" + theirs
                + "\",\"amount\":500,\"currency\":\"USD\",\"code\":7}]}");
        assertThat(theft.statusCode()).isEqualTo(404);
        JsonNode account = Json.mapper().readTree(get("/v1/ledger/accounts/" + mine, key).body());
        assertThat(account.get("balances").get("debits_posted").asLong()).isZero();
    }

    @Test
    void a_decimal_amount_a_null_flag_and_mixed_currencies_are_refused_without_moving_money() throws Exception {
        UUID payer = UUID.randomUUID();
        UUID payee = UUID.randomUUID();
        post("/v1/ledger/accounts", "{\"id\":\"" + payer + "\",\"currency\":\"USD\",\"code\":1}");
        post("/v1/ledger/accounts", "{\"id\":\"" + payee + "\",\"currency\":\"USD\",\"code\":1}");
        String transfer = "{\"id\":\"%s\",\"debit_account_id\":\"" + payer + "\",\"credit_account_id\":\"" + payee
                + "\",\"amount\":%s,\"currency\":\"%s\",\"code\":7%s}";
        HttpResponse<String> decimal = post("/v1/ledger/transfers", "{\"transfers\":[" + transfer.formatted(UUID.randomUUID(), "12.99", "USD", "") + "]}");
        assertThat(decimal.statusCode()).isEqualTo(400);
        HttpResponse<String> nullFlag = post("/v1/ledger/transfers", "{\"transfers\":["
                + transfer.formatted(UUID.randomUUID(), "100", "USD", ",\"flags\":[null]") + "]}");
        assertThat(nullFlag.statusCode()).isEqualTo(400);
        HttpResponse<String> mixed = post("/v1/ledger/transfers", "{\"transfers\":[" + transfer.formatted(UUID.randomUUID(), "100", "USD", "")
                + "," + transfer.formatted(UUID.randomUUID(), "100", "EUR", "") + "]}");
        assertThat(mixed.statusCode()).isEqualTo(400);
        assertThat(Json.mapper().readTree(mixed.body()).get("code").asText()).isEqualTo("mixed_currencies");
        JsonNode account = Json.mapper().readTree(get("/v1/ledger/accounts/" + payer, key).body());
        assertThat(account.get("balances").get("debits_posted").asLong()).isZero();
    }

    @Test
    void a_pending_transfer_is_a_hold_that_a_partial_post_settles() throws Exception {
        UUID payer = UUID.randomUUID();
        UUID payee = UUID.randomUUID();
        post("/v1/ledger/accounts", "{\"id\":\"" + payer + "\",\"currency\":\"USD\",\"code\":1}");
        post("/v1/ledger/accounts", "{\"id\":\"" + payee + "\",\"currency\":\"USD\",\"code\":1}");
        UUID hold = UUID.randomUUID();
        HttpResponse<String> pending = post("/v1/ledger/transfers", "{\"transfers\":[{\"id\":\"" + hold + "\",\"debit_account_id\":\""
                + payer + "\",\"credit_account_id\":\"" + payee + "\",\"amount\":1000,\"currency\":\"USD\",\"code\":7,"
                + "\"flags\":[\"pending\"],\"timeout_seconds\":3600}]}");
        assertThat(Json.mapper().readTree(pending.body()).get("results").get(0).get("result").asText()).isEqualTo("ok");
        JsonNode held = Json.mapper().readTree(get("/v1/ledger/accounts/" + payer, key).body());
        assertThat(held.get("balances").get("debits_pending").asLong()).isEqualTo(1000);
        HttpResponse<String> posted = post("/v1/ledger/transfers", "{\"transfers\":[{\"id\":\"" + UUID.randomUUID()
                + "\",\"pending_id\":\"" + hold + "\",\"amount\":600,\"flags\":[\"post_pending_transfer\"]}]}");
        assertThat(Json.mapper().readTree(posted.body()).get("results").get(0).get("result").asText()).isEqualTo("ok");
        JsonNode settled = Json.mapper().readTree(get("/v1/ledger/accounts/" + payer, key).body());
        assertThat(settled.get("balances").get("debits_pending").asLong()).isZero();
        assertThat(settled.get("balances").get("debits_posted").asLong()).isEqualTo(600);
    }

    private static HttpResponse<String> postAs(String apiKey, String path, String body) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Authorization", "Bearer " + apiKey).header("Content-Type", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String path, String apiKey) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
        if (apiKey != null) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path, String body) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(String path) {
        return URI.create("http://localhost:" + node.httpPort() + path);
    }
}
