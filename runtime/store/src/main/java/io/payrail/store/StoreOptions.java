package io.payrail.store;

import io.payrail.platform.Check;

/**
 * How a {@link PostgresEventStore} behaves.
 *
 * @param payloadLimitBytes   the most bytes one event's data and metadata may take as JSON
 * @param groupCommitLanes    how many group-commit transactions may be in flight; with more than one,
 *                            a lane waits for the log lock while another flushes (one measured best:
 *                            the batches stay whole, see docs/store.md)
 * @param groupCommitEventsMax the most events one group-commit transaction takes
 * @param appendQueueMax      the most appends waiting for a group commit; further callers wait
 */
public record StoreOptions(int payloadLimitBytes, int groupCommitLanes, int groupCommitEventsMax, int appendQueueMax) {
    public static final int PAYLOAD_LIMIT_BYTES_DEFAULT = 256 * 1024;
    public static final int PAYLOAD_LIMIT_BYTES_MAX = 16 * 1024 * 1024;
    public static final int GROUP_COMMIT_LANES_DEFAULT = 1;
    public static final int GROUP_COMMIT_LANES_MAX = 16;
    public static final int GROUP_COMMIT_EVENTS_MAX_DEFAULT = 5_000;
    public static final int APPEND_QUEUE_MAX_DEFAULT = 10_000;

    public StoreOptions {
        Check.argument(payloadLimitBytes >= 1 && payloadLimitBytes <= PAYLOAD_LIMIT_BYTES_MAX,
                "payloadLimitBytes must be 1..%d, got %d", PAYLOAD_LIMIT_BYTES_MAX, payloadLimitBytes);
        Check.argument(groupCommitLanes >= 1 && groupCommitLanes <= GROUP_COMMIT_LANES_MAX,
                "groupCommitLanes must be 1..%d, got %d", GROUP_COMMIT_LANES_MAX, groupCommitLanes);
        Check.argument(groupCommitEventsMax >= 1 && groupCommitEventsMax <= EventStore.APPEND_EVENTS_MAX,
                "groupCommitEventsMax must be 1..%d, got %d", EventStore.APPEND_EVENTS_MAX, groupCommitEventsMax);
        Check.argument(appendQueueMax >= 1 && appendQueueMax <= 1_000_000,
                "appendQueueMax must be 1..1000000, got %d", appendQueueMax);
    }

    public static StoreOptions defaults() {
        return new StoreOptions(PAYLOAD_LIMIT_BYTES_DEFAULT, GROUP_COMMIT_LANES_DEFAULT,
                GROUP_COMMIT_EVENTS_MAX_DEFAULT, APPEND_QUEUE_MAX_DEFAULT);
    }

    public StoreOptions withPayloadLimitBytes(int bytes) {
        return new StoreOptions(bytes, groupCommitLanes, groupCommitEventsMax, appendQueueMax);
    }

    public StoreOptions withGroupCommitLanes(int lanes) {
        return new StoreOptions(payloadLimitBytes, lanes, groupCommitEventsMax, appendQueueMax);
    }
}
