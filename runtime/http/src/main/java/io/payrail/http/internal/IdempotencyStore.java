package io.payrail.http.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.payrail.platform.Check;
import io.payrail.platform.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.TransactionState;

/**
 * The SQL of idempotency records. All statements run on the request's own transaction.
 *
 * <p>Claiming is one round trip: a non-blocking transaction-scoped advisory lock on a 64-bit hash
 * of (tenant, key), and, only if that lock was free, an insert of the in-progress row that does
 * nothing when a committed row already exists. So exactly one transaction at a time holds a key;
 * a second request for the same key never waits: it answers 409 while the first is in flight and
 * replays the stored response once the first has committed (the lock is released only after the
 * commit is visible). A hash collision between two keys can only cause a spurious 409.
 *
 * <p>For a route whose handler did not use the database, {@link #claimAndStore} does the same claim
 * and inserts the complete record in one autocommit statement: one round trip, one row version.
 */
public final class IdempotencyStore {
    /** What claiming a key found. */
    public enum Claim {
        /** This transaction holds the key and inserted its row: run the handler. */
        CLAIMED,
        /** Another transaction holds the key right now. */
        IN_PROGRESS,
        /** A committed record exists: replay it or refuse a different request. */
        COMPLETED
    }

    /** A committed record. */
    public record Stored(byte[] requestHash, RenderedResponse response) {}

    private static final String CLAIM = """
            WITH claim AS MATERIALIZED (SELECT pg_try_advisory_xact_lock(?) AS locked),
                 inserted AS (
                     INSERT INTO idempotency_key (tenant_id, idempotency_key, request_hash, created_at)
                     SELECT ?, ?, ?, ? FROM claim WHERE claim.locked
                     ON CONFLICT DO NOTHING
                     RETURNING 1)
            SELECT claim.locked, EXISTS (SELECT 1 FROM inserted) FROM claim""";
    private static final String FIND = """
            SELECT request_hash, response_status, response_type, response_headers, response_body
            FROM idempotency_key WHERE tenant_id = ? AND idempotency_key = ?""";
    /**
     * The record's completion and the commit travel together: pgjdbc sends both statements of a
     * prepared multi-statement before one sync, so the durable commit costs no extra round trip.
     * If the update fails, the server skips the COMMIT and the transaction stays open to roll back.
     */
    private static final String COMPLETE_AND_COMMIT = """
            UPDATE idempotency_key
            SET response_status = ?, response_type = ?, response_headers = ?, response_body = ?
            WHERE tenant_id = ? AND idempotency_key = ?;
            COMMIT""";
    /**
     * The claim and the complete record in one statement, run in autocommit mode (its own
     * transaction, committed durably before the answer): for a handler that did not use the
     * database, nothing needed protecting before it ran, so the claim can wait for its answer.
     * When the key is taken or already stored, nothing is inserted and the lock is released at once.
     */
    private static final String CLAIM_AND_STORE = """
            WITH claim AS MATERIALIZED (SELECT pg_try_advisory_xact_lock(?) AS locked),
                 inserted AS (
                     INSERT INTO idempotency_key (tenant_id, idempotency_key, request_hash, created_at,
                                                  response_status, response_type, response_headers, response_body)
                     SELECT ?, ?, ?, ?, ?, ?, ?, ? FROM claim WHERE claim.locked
                     ON CONFLICT DO NOTHING
                     RETURNING 1)
            SELECT claim.locked, EXISTS (SELECT 1 FROM inserted) FROM claim""";
    private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {};

    private IdempotencyStore() {}

    public static Claim claim(Connection connection, String tenantId, String key, byte[] requestHash, Instant now)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(CLAIM)) {
            statement.setLong(1, lockKey(tenantId, key));
            statement.setString(2, tenantId);
            statement.setString(3, key);
            statement.setBytes(4, requestHash);
            statement.setObject(5, now.atOffset(ZoneOffset.UTC));
            try (ResultSet rows = statement.executeQuery()) {
                return claimOf(rows, key);
            }
        }
    }

    private static Claim claimOf(ResultSet rows, String key) throws SQLException {
        if (!rows.next()) {
            throw new IllegalStateException("the claim query returned no row for key " + key);
        }
        return !rows.getBoolean(1) ? Claim.IN_PROGRESS : rows.getBoolean(2) ? Claim.CLAIMED : Claim.COMPLETED;
    }

    /**
     * Claims the key and, if free, stores the complete record: one statement, one round trip, on a
     * connection in autocommit mode. {@link Claim#CLAIMED} means the record is committed; otherwise
     * nothing was written.
     */
    public static Claim claimAndStore(Connection connection, String tenantId, String key, byte[] requestHash,
            Instant now, RenderedResponse response) throws SQLException {
        if (!connection.getAutoCommit()) {
            throw new IllegalStateException("claimAndStore needs an autocommit connection (key " + key + ")");
        }
        try (PreparedStatement statement = connection.prepareStatement(CLAIM_AND_STORE)) {
            statement.setLong(1, lockKey(tenantId, key));
            statement.setString(2, tenantId);
            statement.setString(3, key);
            statement.setBytes(4, requestHash);
            statement.setObject(5, now.atOffset(ZoneOffset.UTC));
            statement.setInt(6, response.status());
            statement.setString(7, response.contentType());
            statement.setString(8, writeHeaders(response.headers()));
            statement.setBytes(9, response.body());
            try (ResultSet rows = statement.executeQuery()) {
                return claimOf(rows, key);
            }
        }
    }

    public static Stored find(Connection connection, String tenantId, String key) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(FIND)) {
            statement.setString(1, tenantId);
            statement.setString(2, key);
            try (ResultSet rows = statement.executeQuery()) {
                Check.that(rows.next(), "idempotency record %s of tenant %s vanished after its claim", key, tenantId);
                int status = rows.getInt(2);
                Check.that(!rows.wasNull(), "committed idempotency record %s has no response", key);
                RenderedResponse response = new RenderedResponse(
                        status, rows.getString(3), readHeaders(rows.getString(4)), rows.getBytes(5));
                return new Stored(rows.getBytes(1), response);
            }
        }
    }

    /** Stores the response and commits the request's transaction, in one round trip. */
    public static void completeAndCommit(Connection connection, String tenantId, String key, RenderedResponse response)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(COMPLETE_AND_COMMIT)) {
            statement.setInt(1, response.status());
            statement.setString(2, response.contentType());
            statement.setString(3, writeHeaders(response.headers()));
            statement.setBytes(4, response.body());
            statement.setString(5, tenantId);
            statement.setString(6, key);
            statement.execute();
            int updated = statement.getUpdateCount();
            Check.that(updated == 1, "completing idempotency record %s updated %d rows", key, updated);
        }
        checkCommitted(connection, key);
    }

    private static void checkCommitted(Connection connection, String key) throws SQLException {
        TransactionState state = connection.unwrap(BaseConnection.class).getTransactionState();
        Check.that(state == TransactionState.IDLE, "the commit of idempotency record %s left the transaction %s", key, state);
    }

    /** The advisory lock key of (tenant, key): a 64-bit prefix of their SHA-256. */
    public static long lockKey(String tenantId, String key) {
        return Hashes.firstLong(Hashes.sha256(tenantId + '\n' + key));
    }

    private static String writeHeaders(Map<String, String> headers) {
        if (headers.isEmpty()) {
            return null;
        }
        try {
            return Json.mapper().writeValueAsString(headers);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException("a map of strings did not encode", impossible);
        }
    }

    private static Map<String, String> readHeaders(String json) {
        if (json == null) {
            return Map.of();
        }
        try {
            return Json.mapper().readValue(json, HEADERS);
        } catch (JsonProcessingException corrupt) {
            throw new IllegalStateException("stored response headers are not a JSON object: " + corrupt.getMessage(), corrupt);
        }
    }
}
