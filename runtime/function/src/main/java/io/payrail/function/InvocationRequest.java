package io.payrail.function;

import io.payrail.platform.Check;
import java.nio.charset.StandardCharsets;

/**
 * One input for a function, as a trigger adapter hands it to the invoker.
 *
 * @param payload        the input bytes
 * @param idempotencyKey the same for every delivery of this input
 * @param trace          the trace taken from the trigger
 * @param commitGuard    run in the attempt's transaction just before commit (for example to mark a
 *                       schedule tick delivered in the same transaction as the handler's effects)
 */
public record InvocationRequest(byte[] payload, String idempotencyKey, Trace trace, CommitGuard commitGuard) {
    /** The longest idempotency key. */
    public static final int IDEMPOTENCY_KEY_LENGTH_MAX = 400;

    public InvocationRequest {
        Check.notNull(payload, "payload");
        Check.notNull(idempotencyKey, "idempotencyKey");
        Check.notNull(trace, "trace");
        Check.argument(!idempotencyKey.isEmpty() && idempotencyKey.length() <= IDEMPOTENCY_KEY_LENGTH_MAX,
                "idempotencyKey must be 1..%d characters, got %d", IDEMPOTENCY_KEY_LENGTH_MAX, idempotencyKey.length());
        commitGuard = commitGuard == null ? CommitGuard.NONE : commitGuard;
    }

    public static InvocationRequest of(String payload, String idempotencyKey, Trace trace) {
        return new InvocationRequest(payload.getBytes(StandardCharsets.UTF_8), idempotencyKey, trace, CommitGuard.NONE);
    }

    public InvocationRequest withCommitGuard(CommitGuard guard) {
        return new InvocationRequest(payload, idempotencyKey, trace, guard);
    }
}
