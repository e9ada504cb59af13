package io.payrail.queue;

import io.payrail.platform.Check;
import io.payrail.platform.DatabaseException;
import io.payrail.platform.SqlWork;
import io.payrail.queue.internal.AcknowledgeStatements;
import io.payrail.queue.internal.QueueDirectory;
import io.payrail.queue.internal.QueueRecord;
import io.payrail.queue.internal.ReceiveLanes;
import io.payrail.queue.internal.SendStatements;
import io.payrail.queue.internal.TableVacuum;
import io.payrail.queue.internal.WriteLanes;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;
import javax.sql.DataSource;

/**
 * SQS semantics on PostgreSQL: send, receive with a visibility timeout, change visibility, delete
 * with the receipt handle, fail with backoff and dead-lettering. Thread-safe; share one per process.
 *
 * <p>Every operation that takes a {@link Connection} runs on the caller's transaction and neither
 * commits nor rolls back: a command's writes and the messages it sends commit together.
 */
public final class Queues {
    private final DataSource dataSource;
    private final QueueDirectory directory;
    private final RandomGenerator random;
    private final ReentrantLock randomLock = new ReentrantLock();
    private final Map<Integer, AtomicLong> lastNotifyNanos = new ConcurrentHashMap<>();
    private final WriteLanes writeLanes;
    private final ReceiveLanes receiveLanes;
    private final TableVacuum vacuum;

    /** {@code random} makes receipt tokens and backoff jitter; it is used under a lock. */
    public Queues(DataSource dataSource, RandomGenerator random) {
        this(dataSource, random, QueueLimits.TENANT_REFRESH_INTERVAL, System::nanoTime);
    }

    /** Tests choose how long the ready-tenant list is used and drive the time it is measured with. */
    Queues(DataSource dataSource, RandomGenerator random, Duration tenantRefresh, LongSupplier nanoTime) {
        this.dataSource = Check.notNull(dataSource, "dataSource");
        this.random = Check.notNull(random, "random");
        this.directory = new QueueDirectory(dataSource);
        this.vacuum = new TableVacuum(dataSource);
        this.writeLanes = new WriteLanes(dataSource, vacuum);
        this.receiveLanes = new ReceiveLanes(dataSource, this::nextRandomLong, tenantRefresh.toNanos(), nanoTime, vacuum);
    }

    public DataSource dataSource() {
        return dataSource;
    }

    QueueDirectory directory() {
        return directory;
    }

    /** How well group commit merges calls, since this object was made (benches print it). */
    public GroupCommitCounts groupCommitCounts() {
        long[] writes = writeLanes.counts();
        long[] receives = receiveLanes.counts();
        return new GroupCommitCounts(writes[0], writes[1], receives[0], receives[1], writes[2], writes[3], receives[2],
                receives[3], vacuum.vacuums());
    }

    // ---- send

    /**
     * Sends one message in its own durable commit. Without a deduplication id, concurrent sends to the
     * queue share one insert and one commit (group commit); the call returns once that committed.
     */
    public SendResult send(String queue, OutgoingMessage message) {
        Check.notNull(message, "message");
        if (message.deduplicationId() == null) {
            QueueRecord record = checked(queue, List.of(message), 1);
            return new SendResult.Sent(writeLanes.send(record, List.of(message)).getFirst());
        }
        return inTransaction("send to " + queue, connection -> send(connection, queue, message));
    }

    public SendResult send(Connection transaction, String queue, OutgoingMessage message) {
        return sendAll(transaction, queue, List.of(message), 1).getFirst();
    }

    /** SendMessageBatch: up to {@link QueueLimits#SEND_BATCH_MAX} messages in one transaction. */
    public List<SendResult> sendBatch(String queue, List<OutgoingMessage> messages) {
        Check.notNull(messages, "messages");
        // Without deduplication ids the batch is one statement, which auto-commit makes atomic
        // without the extra round trip of an explicit commit.
        if (messages.stream().allMatch(message -> message != null && message.deduplicationId() == null)) {
            QueueRecord record = checked(queue, messages, QueueLimits.SEND_BATCH_MAX);
            return writeLanes.send(record, messages).stream().map(id -> (SendResult) new SendResult.Sent(id)).toList();
        }
        return inTransaction("send batch to " + queue, connection -> sendBatch(connection, queue, messages));
    }

    public List<SendResult> sendBatch(Connection transaction, String queue, List<OutgoingMessage> messages) {
        return sendAll(transaction, queue, messages, QueueLimits.SEND_BATCH_MAX);
    }

    /** The internal bulk send (benches, fan-out): up to {@link QueueLimits#SEND_BULK_MAX} messages. */
    public List<SendResult> sendBulk(Connection transaction, String queue, List<OutgoingMessage> messages) {
        return sendAll(transaction, queue, messages, QueueLimits.SEND_BULK_MAX);
    }

    private QueueRecord checked(String queueName, List<OutgoingMessage> messages, int limit) {
        Check.notNull(messages, "messages");
        Check.argument(!messages.isEmpty() && messages.size() <= limit,
                "a batch holds 1 to %d messages, got %d", limit, messages.size());
        QueueRecord queue = directory.require(queueName);
        for (OutgoingMessage message : messages) {
            Check.notNull(message, "message");
            Check.argument(queue.fifo() == (message.messageGroup() != null), queue.fifo()
                    ? "FIFO queue '%s' needs a message group on every message" : "standard queue '%s' takes no message group",
                    queue.name());
        }
        return queue;
    }

    private List<SendResult> sendAll(Connection transaction, String queueName, List<OutgoingMessage> messages, int limit) {
        Check.notNull(transaction, "transaction");
        QueueRecord queue = checked(queueName, messages, limit);
        try {
            boolean notify = notifyDue(queue);
            List<OutgoingMessage> plain = messages.stream().filter(message -> message.deduplicationId() == null).toList();
            List<Long> plainIds = plain.isEmpty() ? List.of() : SendStatements.insertMany(transaction, queue, plain, notify);
            List<SendResult> results = new ArrayList<>(messages.size());
            int plainIndex = 0;
            for (OutgoingMessage message : messages) {
                results.add(message.deduplicationId() == null ? new SendResult.Sent(plainIds.get(plainIndex++))
                        : SendStatements.insertDeduplicated(transaction, queue, message, notify && plain.isEmpty()));
            }
            return results;
        } catch (SQLException failure) {
            throw new DatabaseException("could not send to queue " + queueName, failure);
        }
    }

    /**
     * Whether this send notifies listeners. PostgreSQL serializes the commits of notifying
     * transactions (they hold a global lock through their commit), so notifying on every send would
     * cap durable sends at one commit flush at a time. A process notifies a queue at most once per
     * {@link QueueLimits#NOTIFY_INTERVAL}; a consumer woken by that notification keeps polling briefly
     * ({@link QueueLimits#CONSUMER_LINGER}), which covers the sends that did not notify.
     */
    private boolean notifyDue(QueueRecord queue) {
        AtomicLong last = lastNotifyNanos.computeIfAbsent(queue.id(), id -> new AtomicLong(System.nanoTime() - Long.MAX_VALUE / 2));
        long now = System.nanoTime();
        long previous = last.get();
        return now - previous >= QueueLimits.NOTIFY_INTERVAL.toNanos() && last.compareAndSet(previous, now);
    }

    // ---- receive

    /** ReceiveMessage with the queue's default visibility timeout. */
    public List<ReceivedMessage> receive(String queue, int maxMessages) {
        return receive(queue, maxMessages, null);
    }

    /**
     * Up to {@code maxMessages} ready messages, invisible to other receivers for {@code visibilityTimeout}.
     * Concurrent receives of the queue share one statement (see {@code ReceiveLanes}); an empty answer
     * means none of the queue's tenants had a ready message when the call looked.
     */
    public List<ReceivedMessage> receive(String queueName, int maxMessages, Duration visibilityTimeout) {
        Check.argument(maxMessages >= 1 && maxMessages <= QueueLimits.RECEIVE_BATCH_MAX,
                "a receive takes 1 to %d messages, got %d", QueueLimits.RECEIVE_BATCH_MAX, maxMessages);
        return deleteAndReceive(queueName, List.of(), maxMessages, visibilityTimeout).messages();
    }

    /**
     * Deletes with {@code handles} (a consumer's previous batch, of any queue) and receives up to
     * {@code maxMessages} in one statement and one durable commit: a consumer cycle then costs one
     * commit instead of two. The outcomes are exactly those of {@link #deleteBatch}: a handle deletes
     * only while it is the message's current one, so a stale handle never deletes a redelivery, and
     * the call returns (acknowledging the deletes) only after the commit. If it throws, nothing was
     * deleted or received unless the failure was a lost connection (outcome unknown, as for any
     * delete); the handles can be deleted again, a repeated delete reports {@code STALE_RECEIPT}.
     */
    public ReceiveResult deleteAndReceive(String queueName, List<ReceiptHandle> handles, int maxMessages,
            Duration visibilityTimeout) {
        Check.argument(maxMessages >= 1 && maxMessages <= QueueLimits.RECEIVE_BATCH_MAX,
                "a receive takes 1 to %d messages, got %d", QueueLimits.RECEIVE_BATCH_MAX, maxMessages);
        Check.notNull(handles, "handles");
        Check.argument(handles.size() <= QueueLimits.DELETE_BATCH_MAX,
                "a receive deletes at most %d handles, got %d", QueueLimits.DELETE_BATCH_MAX, handles.size());
        handles.forEach(handle -> Check.notNull(handle, "handle"));
        Long timeoutMillis = visibilityTimeout == null ? null : checkedVisibility(visibilityTimeout).toMillis();
        ReceiveLanes.Answer answer = receiveLanes.receive(directory.require(queueName),
                new ReceiveLanes.Request(maxMessages, List.copyOf(handles)), timeoutMillis);
        return new ReceiveResult(answer.messages(), outcomes(handles, answer.deleted()));
    }

    // ---- acknowledge

    /** Deletes in its own durable commit, shared with concurrent deletes (group commit). */
    public DeleteOutcome delete(ReceiptHandle handle) {
        Check.notNull(handle, "handle");
        return deleteBatch(List.of(handle)).getFirst();
    }

    /** Deletes on the caller's transaction, so the work that processed the message commits with the delete. */
    public DeleteOutcome delete(Connection transaction, ReceiptHandle handle) {
        Check.notNull(handle, "handle");
        try {
            if (!AcknowledgeStatements.delete(transaction, handle)) {
                return DeleteOutcome.STALE_RECEIPT;
            }
            // Counted before the caller commits (or rolls back): the vacuum threshold is a rough measure.
            vacuum.deleted(1);
            return DeleteOutcome.DELETED;
        } catch (SQLException failure) {
            throw new DatabaseException("could not delete message " + handle.messageId(), failure);
        }
    }

    /** DeleteMessageBatch: one outcome per handle, in order. */
    public List<DeleteOutcome> deleteBatch(List<ReceiptHandle> handles) {
        Check.notNull(handles, "handles");
        Check.argument(!handles.isEmpty() && handles.size() <= QueueLimits.DELETE_BATCH_MAX,
                "a delete batch holds 1 to %d handles, got %d", QueueLimits.DELETE_BATCH_MAX, handles.size());
        handles.forEach(handle -> Check.notNull(handle, "handle"));
        return outcomes(handles, writeLanes.delete(handles));
    }

    private static List<DeleteOutcome> outcomes(List<ReceiptHandle> handles, Set<ReceiptHandle> deleted) {
        return handles.stream().map(handle -> deleted.contains(handle) ? DeleteOutcome.DELETED
                : DeleteOutcome.STALE_RECEIPT).toList();
    }

    /** ChangeMessageVisibility: the message becomes visible {@code timeout} from now (zero: at once). */
    public VisibilityOutcome changeVisibility(ReceiptHandle handle, Duration timeout) {
        Check.notNull(handle, "handle");
        long millis = checkedVisibility(timeout).toMillis();
        boolean changed = inAutoCommit("change visibility",
                connection -> AcknowledgeStatements.changeVisibility(connection, handle, millis));
        return changed ? VisibilityOutcome.CHANGED : VisibilityOutcome.STALE_RECEIPT;
    }

    /**
     * Reports a failed attempt: the message becomes visible again after an exponential backoff with
     * jitter, or moves to the dead-letter queue (with {@code reason} and the attempt history) when
     * this was its {@code maxReceiveCount}-th receive.
     */
    public FailOutcome fail(ReceiptHandle handle, String reason) {
        Check.notNull(handle, "handle");
        String shortReason = reason == null || reason.isBlank() ? "failed without a reason"
                : reason.substring(0, Math.min(reason.length(), QueueLimits.FAILURE_REASON_CHARS_MAX));
        Integer queueId = inAutoCommit("find message", connection -> AcknowledgeStatements.queueOf(connection, handle));
        if (queueId == null) {
            return FailOutcome.STALE_RECEIPT;
        }
        QueueDefinition definition = directory.require(queueId).definition();
        long backoffMillis = backoff(definition, handle.receiveCount()).toMillis();
        var result = inAutoCommit("fail message",
                connection -> AcknowledgeStatements.fail(connection, handle, shortReason, backoffMillis));
        return switch (result) {
            case RETRY_SCHEDULED -> FailOutcome.RETRY_SCHEDULED;
            case DEAD_LETTERED -> FailOutcome.DEAD_LETTERED;
            case STALE -> FailOutcome.STALE_RECEIPT;
        };
    }

    private Duration backoff(QueueDefinition definition, int receiveCount) {
        randomLock.lock();
        try {
            return Backoff.delay(definition.backoffBase(), definition.backoffMax(), receiveCount, random);
        } finally {
            randomLock.unlock();
        }
    }

    private long nextRandomLong() {
        randomLock.lock();
        try {
            return random.nextLong();
        } finally {
            randomLock.unlock();
        }
    }

    private static Duration checkedVisibility(Duration timeout) {
        Check.notNull(timeout, "visibility timeout");
        Check.argument(!timeout.isNegative() && timeout.compareTo(QueueLimits.VISIBILITY_TIMEOUT_MAX) <= 0,
                "visibility timeout must be between 0 and %s, got %s", QueueLimits.VISIBILITY_TIMEOUT_MAX, timeout);
        return timeout;
    }

    private <T> T inTransaction(String what, SqlWork<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.apply(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException failure) {
                connection.rollback();
                throw failure;
            }
        } catch (SQLException failure) {
            throw new DatabaseException("could not " + what, failure);
        }
    }

    private <T> T inAutoCommit(String what, SqlWork<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            return work.apply(connection);
        } catch (SQLException failure) {
            throw new DatabaseException("could not " + what, failure);
        }
    }
}
