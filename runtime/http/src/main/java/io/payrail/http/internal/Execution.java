package io.payrail.http.internal;

import io.payrail.http.HttpResult;
import io.payrail.http.ProblemCodes;
import io.payrail.platform.Check;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;

/**
 * Runs a handler in its transaction. A handler's answer below 500 commits (with the stored
 * response, on idempotent routes); a 5xx answer or an exception rolls everything back, so the
 * client may retry with the same key.
 */
public final class Execution {
    /** Set on a replayed response, as Stripe does, so clients can tell a replay from a first answer. */
    public static final String REPLAY_HEADER = "Idempotent-Replayed";

    private final Clock clock;

    public Execution(Clock clock) {
        this.clock = Check.notNull(clock, "clock");
    }

    public RenderedResponse plain(Exchange exchange) throws SQLException {
        try {
            HttpResult result = exchange.route().handler().handle(exchange);
            RenderedResponse rendered = render(result, exchange);
            if (result.isServerError()) {
                exchange.rollbackAndClose();
            } else {
                exchange.commitAndClose();
            }
            return rendered;
        } finally {
            exchange.rollbackAndClose();
        }
    }

    /**
     * The handler with its idempotency record. By default the key is claimed before the handler
     * runs. On a route whose effects are all in its transaction, the claim waits until the handler
     * first asks for the transaction (before its first statement); a handler that never does has
     * nothing to protect, so its claim and record go together in one statement after it answered.
     */
    public RenderedResponse idempotent(Exchange exchange, String key, byte[] requestHash) throws SQLException {
        String tenantId = exchange.tenantId();
        Instant now = clock.instant();
        exchange.onTransactionStart(connection -> {
            IdempotencyStore.Claim claim = IdempotencyStore.claim(connection, tenantId, key, requestHash, now);
            return claim == IdempotencyStore.Claim.CLAIMED ? null
                    : refusal(claim, exchange, connection, tenantId, key, requestHash);
        });
        try {
            if (!exchange.route().options().effectsInTransaction()) {
                try {
                    exchange.connection();
                } catch (Exchange.TransactionRefused refused) {
                    return exchange.refusal();
                }
            }
            HttpResult result = runHandler(exchange);
            if (exchange.refusal() != null) {
                // The handler caught the refusal and answered anyway: its answer must not count.
                return exchange.refusal();
            }
            RenderedResponse rendered = render(result, exchange);
            if (result.isServerError()) {
                return rendered;
            }
            if (!exchange.hasTransaction()) {
                return claimAndStore(exchange, tenantId, key, requestHash, now, rendered);
            }
            IdempotencyStore.completeAndCommit(exchange.connection(), tenantId, key, rendered);
            exchange.commitAndClose();
            return rendered;
        } finally {
            exchange.rollbackAndClose();
        }
    }

    /** The handler's answer, or null when its transaction start refused the request. */
    private static HttpResult runHandler(Exchange exchange) throws SQLException {
        try {
            return exchange.route().handler().handle(exchange);
        } catch (RuntimeException | SQLException failure) {
            if (exchange.refusal() != null) {
                return null;
            }
            throw failure;
        }
    }

    private static RenderedResponse claimAndStore(Exchange exchange, String tenantId, String key, byte[] requestHash,
            Instant now, RenderedResponse rendered) throws SQLException {
        try (Connection connection = exchange.autocommitConnection()) {
            IdempotencyStore.Claim claim = IdempotencyStore.claimAndStore(connection, tenantId, key, requestHash, now, rendered);
            return claim == IdempotencyStore.Claim.CLAIMED ? rendered
                    : refusal(claim, exchange, connection, tenantId, key, requestHash);
        }
    }

    private static RenderedResponse refusal(IdempotencyStore.Claim claim, Exchange exchange, Connection connection,
            String tenantId, String key, byte[] requestHash) throws SQLException {
        return switch (claim) {
            case IN_PROGRESS -> render(HttpResult.problem(409, ProblemCodes.IDEMPOTENCY_KEY_IN_PROGRESS,
                    "a request with this Idempotency-Key is still being processed; retry later", "Idempotency-Key"),
                    exchange);
            case COMPLETED -> replay(exchange, IdempotencyStore.find(connection, tenantId, key), requestHash);
            case CLAIMED -> throw new IllegalStateException("a claimed key " + key + " is not a refusal");
        };
    }

    private static RenderedResponse replay(Exchange exchange, IdempotencyStore.Stored stored, byte[] requestHash) {
        if (!MessageDigest.isEqual(stored.requestHash(), requestHash)) {
            return render(HttpResult.problem(422, ProblemCodes.IDEMPOTENCY_KEY_REUSED,
                    "this Idempotency-Key was used for a different request (method, path or body differ);"
                            + " use a new key for a new request", "Idempotency-Key"), exchange);
        }
        return stored.response().withHeader(REPLAY_HEADER, "true");
    }

    private static RenderedResponse render(HttpResult result, Exchange exchange) {
        return Renderer.render(result, exchange.path(), exchange.traceId());
    }
}
