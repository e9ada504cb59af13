package io.payrail.queue;

/**
 * What a redrive did: {@code moved} messages went back; {@code skipped} were left in the dead-letter
 * queue because they were in flight there or had no source queue and no target was given.
 */
public record RedriveResult(long moved, long skipped, int batches) {}
