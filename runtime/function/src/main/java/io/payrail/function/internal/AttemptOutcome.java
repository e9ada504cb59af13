package io.payrail.function.internal;

import io.payrail.function.InvocationResult.FailureReason;

/** How one attempt ended. */
public sealed interface AttemptOutcome {
    record Succeeded(byte[] output) implements AttemptOutcome {}

    record Failed(FailureReason reason, String message) implements AttemptOutcome {}

    record Superseded() implements AttemptOutcome {}

    record Throttled() implements AttemptOutcome {}
}
