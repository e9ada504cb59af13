package io.payrail.http.internal;

import io.payrail.http.HttpResult;
import io.payrail.http.ProblemCodes;
import io.payrail.platform.Check;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;

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

    public RenderedResponse idempotent(Exchange exchange, String key, byte[] requestHash) throws SQLException {
        String tenantId = exchange.tenantId();
        try {
            Connection connection = exchange.connection();
            IdempotencyStore.Claim claim = IdempotencyStore.claim(connection, tenantId, key, requestHash, clock.instant());
            return switch (claim) {
                case IN_PROGRESS -> render(HttpResult.problem(409, ProblemCodes.IDEMPOTENCY_KEY_IN_PROGRESS,
                        "a request with this Idempotency-Key is still being processed; retry later", "Idempotency-Key"),
                        exchange);
                case COMPLETED -> replay(exchange, IdempotencyStore.find(connection, tenantId, key), requestHash);
                case CLAIMED -> runClaimed(exchange, connection, tenantId, key);
            };
        } finally {
            exchange.rollbackAndClose();
        }
    }

    private RenderedResponse runClaimed(Exchange exchange, Connection connection, String tenantId, String key)
            throws SQLException {
        HttpResult result = exchange.route().handler().handle(exchange);
        RenderedResponse rendered = render(result, exchange);
        if (result.isServerError()) {
            return rendered;
        }
        IdempotencyStore.completeAndCommit(connection, tenantId, key, rendered);
        exchange.commitAndClose();
        return rendered;
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
