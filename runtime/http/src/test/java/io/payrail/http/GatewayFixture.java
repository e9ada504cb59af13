package io.payrail.http;

import io.payrail.platform.testing.MutableClock;
import io.payrail.platform.UuidV7Generator;
import io.payrail.platform.testing.TestDatabase;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * A real gateway on a free port over a fresh test database, with an API key per role, and a
 * java.net.http client to call it.
 */
final class GatewayFixture implements AutoCloseable {
    final TestDatabase database;
    final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));
    final ApiKeys apiKeys;
    final HttpGateway gateway;
    final String adminKey;
    final String writerKey;
    final String readerKey;
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    GatewayFixture(Consumer<HttpGateway.Builder> configuration) {
        database = TestDatabase.create("platform", "http");
        execute("CREATE TABLE effect (id bigserial PRIMARY KEY, tenant_id text NOT NULL, note text NOT NULL)");
        apiKeys = new ApiKeys(database.transactions(), clock, new SecureRandom(),
                new UuidV7Generator(clock, new SplittableRandom(7)), Duration.ofSeconds(30));
        adminKey = apiKeys.create("acme", Role.ADMIN).plainTextKey();
        writerKey = apiKeys.create("acme", Role.WRITER).plainTextKey();
        readerKey = apiKeys.create("acme", Role.READER).plainTextKey();
        HttpGateway.Builder builder = HttpGateway.builder()
                .dataSource(database.dataSource())
                .apiKeys(apiKeys)
                .clock(clock);
        configuration.accept(builder);
        gateway = builder.build().start(0);
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + path))
                .timeout(Duration.ofSeconds(20));
    }

    /** A POST with a JSON body, an API key and (when not null) an idempotency key. */
    HttpResponse<String> post(String path, String apiKey, String idempotencyKey, String json) {
        HttpRequest.Builder builder = request(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (apiKey != null) {
            builder.header("Authorization", "Bearer " + apiKey);
        }
        if (idempotencyKey != null) {
            builder.header("Idempotency-Key", idempotencyKey);
        }
        return send(builder.build());
    }

    HttpResponse<String> get(String path, String apiKey) {
        HttpRequest.Builder builder = request(path).GET();
        if (apiKey != null) {
            builder.header("Authorization", "Bearer " + apiKey);
        }
        return send(builder.build());
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException failure) {
            throw new IllegalStateException("request failed: " + failure.getMessage(), failure);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", interrupted);
        }
    }

    long count(String sql) {
        return database.transactions().read(connection -> {
            try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
                rows.next();
                return rows.getLong(1);
            }
        });
    }

    void execute(String sql) {
        database.transactions().inTransaction(connection -> {
            try (Statement statement = connection.createStatement()) {
                return statement.execute(sql);
            }
        });
    }

    /** Inserts one row into the test's effect table on the request's transaction. */
    static void recordEffect(RequestContext context, String note) throws SQLException {
        Connection connection = context.connection();
        try (var insert = connection.prepareStatement("INSERT INTO effect (tenant_id, note) VALUES (?, ?)")) {
            insert.setString(1, context.tenantId());
            insert.setString(2, note);
            insert.executeUpdate();
        }
    }

    @Override
    public void close() {
        gateway.close();
        database.close();
    }
}
