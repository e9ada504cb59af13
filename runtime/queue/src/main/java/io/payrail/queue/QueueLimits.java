package io.payrail.queue;

import java.time.Duration;

/** Every bound of the queue module, named in one place (the limits are part of the design). */
public final class QueueLimits {
    /** Messages returned by one receive, as SQS ReceiveMessage. */
    public static final int RECEIVE_BATCH_MAX = 10;
    /** Messages in one SendMessageBatch, as SQS. */
    public static final int SEND_BATCH_MAX = 10;
    /** Messages in one internal bulk send (benches, fan-out of one command). */
    public static final int SEND_BULK_MAX = 1_000;
    /** Receipt handles in one batched delete. */
    public static final int DELETE_BATCH_MAX = 1_000;
    /** Largest message body, in UTF-8 bytes (SQS's 256 KiB). */
    public static final int PAYLOAD_BYTES_MAX = 256 * 1024;
    /** Longest visibility timeout (SQS's 12 hours). */
    public static final Duration VISIBILITY_TIMEOUT_MAX = Duration.ofHours(12);
    public static final Duration VISIBILITY_TIMEOUT_DEFAULT = Duration.ofSeconds(30);
    /** Longest delivery delay (SQS's 15 minutes). */
    public static final Duration DELAY_MAX = Duration.ofMinutes(15);
    public static final int MAX_RECEIVE_COUNT_MAX = 1_000;
    public static final int MAX_RECEIVE_COUNT_DEFAULT = 5;
    public static final Duration RETENTION_DEFAULT = Duration.ofDays(4);
    public static final Duration RETENTION_MAX = Duration.ofDays(14);
    public static final Duration DEDUPLICATION_WINDOW_DEFAULT = Duration.ofMinutes(5);
    public static final Duration DEDUPLICATION_WINDOW_MAX = Duration.ofHours(24);
    public static final Duration BACKOFF_BASE_DEFAULT = Duration.ofSeconds(1);
    public static final Duration BACKOFF_MAX_DEFAULT = Duration.ofMinutes(5);
    /** Tenants with ready messages visited by one receive of a standard queue (the fairness round). */
    public static final int TENANTS_PER_RECEIVE_MAX = 10;
    /** Ready tenants of a standard queue that a process caches between refreshes (see {@code ReadyTenants}). */
    public static final int TENANTS_CACHED_MAX = 100;
    /** How long a process uses its list of a queue's ready tenants before looking again. */
    public static final Duration TENANT_REFRESH_INTERVAL = Duration.ofMillis(50);
    /** Callers' requests (sends, receives, deletes) merged into one statement by group commit. */
    public static final int COALESCED_REQUESTS_MAX = 100;
    /** Messages received by one merged receive statement. */
    public static final int RECEIVE_COALESCED_MAX = 100;
    /** Body characters in one merged insert (a single request larger than this still goes, alone). */
    public static final long COALESCED_SEND_CHARS_MAX = 4L * 1024 * 1024;
    /** Message groups whose heads one receive of a FIFO queue inspects. */
    public static final int GROUPS_PER_RECEIVE_MAX = 1_000;
    /** Dead letters in one page of {@code payrail dlq list}. */
    public static final int DEAD_LETTER_PAGE_MAX = 100;
    /** Messages moved by one redrive transaction. */
    public static final int REDRIVE_BATCH_MAX = 100;
    public static final int REDRIVE_RATE_MAX = 10_000;
    public static final int REDRIVE_RATE_DEFAULT = 100;
    /** Rows deleted by one purge or expiry transaction, so a purge never holds a huge transaction. */
    public static final int DELETE_SWEEP_BATCH_MAX = 10_000;
    public static final int FAILURE_REASON_CHARS_MAX = 1_000;
    public static final int NAME_CHARS_MAX = 80;
    public static final int KEY_CHARS_MAX = 128;
    /** Consumers: the slow poll that covers a missed notification; idle consumers cost one query per period. */
    public static final Duration FALLBACK_POLL_INTERVAL = Duration.ofSeconds(2);
    public static final int CONSUMER_CONCURRENCY_MAX = 1_000;
    /** A process notifies a queue's listeners at most once per interval (see {@code Queues}). */
    public static final Duration NOTIFY_INTERVAL = Duration.ofMillis(10);
    /** After activity, a consumer whose receive comes back empty polls this often for {@link #CONSUMER_LINGER}. */
    public static final Duration CONSUMER_LINGER_POLL = Duration.ofMillis(20);
    public static final Duration CONSUMER_LINGER = Duration.ofMillis(500);
    /**
     * How long a consumer's finished message waits for the consumer's next receive to carry its delete
     * before a delete of its own takes it (a quiet queue has no next receive soon).
     */
    public static final Duration CONSUMER_DELETE_RIDE_WAIT = Duration.ofMillis(20);
    /**
     * Rows a process deletes from queue_message before it vacuums the table itself, at the next full
     * receive (see {@code TableVacuum}).
     */
    public static final int VACUUM_AFTER_DELETED_ROWS = 20_000;

    private QueueLimits() {}
}
