package io.payrail.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.payrail.platform.testing.TestDatabase;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The gateway in a real child JVM, killed with SIGKILL in the middle of requests. */
class GatewayCrashTests {
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final List<Process> children = new ArrayList<>();
    private TestDatabase database;

    /** A started child: its process, port and API key, and its output after the start lines. */
    private record Child(Process process, int port, String apiKey, BufferedReader output) {}

    @BeforeEach
    void createDatabase() {
        database = TestDatabase.create("platform", "http");
        database.transactions().inTransaction(connection -> {
            try (Statement statement = connection.createStatement()) {
                return statement.execute(
                        "CREATE TABLE effect (id bigserial PRIMARY KEY, tenant_id text NOT NULL, note text NOT NULL)");
            }
        });
    }

    @AfterEach
    void cleanUp() {
        children.forEach(Process::destroyForcibly);
        database.close();
    }

    @Test
    void a_crash_keeps_acknowledged_responses_and_leaves_nothing_of_the_request_in_flight() throws Exception {
        Child first = startChild();
        HttpResponse<String> answered = send(post(first, "kept-key", "{\"text\":\"pay\"}"));
        assertThat(answered.statusCode()).isEqualTo(201);
        CompletableFuture<HttpResponse<String>> hanging = client.sendAsync(
                post(first, "crash-key", "{\"text\":\"hang\"}"), HttpResponse.BodyHandlers.ofString());
        assertThat(awaitLine(first.output(), "child: effect-written")).isNotNull();
        first.process().destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        assertThat(hanging).failsWithin(Duration.ofSeconds(30));
        assertThat(count("SELECT count(*) FROM idempotency_key WHERE idempotency_key = 'crash-key'")).isZero();
        assertThat(count("SELECT count(*) FROM effect")).isEqualTo(1);

        Child second = startChild();
        HttpResponse<String> replayed = send(post(second, "kept-key", "{\"text\":\"pay\"}"));
        assertThat(replayed.statusCode()).isEqualTo(201);
        assertThat(replayed.body()).isEqualTo(answered.body());
        assertThat(replayed.headers().firstValue("Idempotent-Replayed")).contains("true");
        HttpResponse<String> retried = send(post(second, "crash-key", "{\"text\":\"hang-no-more\"}"));
        assertThat(retried.statusCode()).isEqualTo(201);
        assertThat(count("SELECT count(*) FROM effect")).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM effect WHERE note = 'hang'")).isZero();
    }

    /** Every child creates its own key for the same tenant, so idempotency keys carry across children. */
    private Child startChild() throws IOException {
        ProcessBuilder builder = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(),
                "-cp", System.getProperty("java.class.path"), CrashChild.class.getName(), database.jdbcUrl(), "acme");
        builder.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process process = builder.start();
        children.add(process);
        BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String port = awaitLine(output, "child: port=");
        String key = awaitLine(output, "child: key=");
        return new Child(process, Integer.parseInt(port), key, output);
    }

    /** The rest of the first line starting with {@code prefix}; the child's log lines are skipped. */
    private static String awaitLine(BufferedReader output, String prefix) throws IOException {
        for (String line = output.readLine(); line != null; line = output.readLine()) {
            if (line.startsWith(prefix)) {
                return line.substring(prefix.length());
            }
        }
        throw new AssertionError("the child ended before printing " + prefix);
    }

    private HttpRequest post(Child child, String idempotencyKey, String json) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + child.port() + "/v1/notes"))
                .header("Authorization", "Bearer " + child.apiKey())
                .header("Idempotency-Key", idempotencyKey)
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private long count(String sql) {
        return database.transactions().read(connection -> {
            try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
                rows.next();
                return rows.getLong(1);
            }
        });
    }
}
