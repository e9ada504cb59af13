package io.payrail.queue;

import io.payrail.platform.Check;
import io.payrail.platform.DatabaseException;
import io.payrail.platform.SqlWork;
import io.payrail.queue.internal.AdminStatements;
import io.payrail.queue.internal.QueueDirectory;
import io.payrail.queue.internal.QueueRecord;
import io.payrail.queue.internal.Redriver;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;

/**
 * Defining queues and the operators' commands: {@code payrail queues list},
 * {@code payrail dlq list QUEUE}, {@code payrail dlq redrive QUEUE [--rate N] [--to QUEUE]}, purge
 * and the retention sweep. Each command has a typed result and a text formatter.
 */
public final class QueueAdmin {
    private final Queues queues;
    private final QueueDirectory directory;
    private final Redriver redriver;

    public QueueAdmin(Queues queues) {
        this(queues, Clock.systemUTC(), duration -> Thread.sleep(duration));
    }

    /** {@code clock} and {@code pause} pace redrives; tests pass a fake clock that the pause advances. */
    public QueueAdmin(Queues queues, Clock clock, Pause pause) {
        this.queues = Check.notNull(queues, "queues");
        this.directory = queues.directory();
        this.redriver = new Redriver(queues.dataSource(), clock, pause);
    }

    /** Creates the queue, or reconfigures it (its type cannot change). A dead-letter queue must exist first. */
    public QueueDefinition define(QueueDefinition definition) {
        Check.notNull(definition, "definition");
        return directory.define(definition).definition();
    }

    public QueueDefinition definition(String queue) {
        return directory.require(Names.queueName(queue)).definition();
    }

    /** {@code payrail queues list}. */
    public List<QueueSummary> listQueues() {
        return read("list queues", AdminStatements::summaries);
    }

    public static String format(List<QueueSummary> summaries) {
        StringBuilder text = new StringBuilder(String.format("%-32s %-8s %10s %10s %10s %10s %10s  %s%n", "QUEUE", "TYPE",
                "READY", "IN_FLIGHT", "DELAYED", "OLDEST_S", "DLQ_DEPTH", "DLQ"));
        for (QueueSummary summary : summaries) {
            text.append(String.format("%-32s %-8s %10d %10d %10d %10d %10s  %s%n", summary.name(), summary.type(),
                    summary.ready(), summary.inFlight(), summary.delayed(), summary.oldestAge().toSeconds(),
                    summary.deadLetterDepth() < 0 ? "-" : Long.toString(summary.deadLetterDepth()),
                    summary.deadLetterQueue() == null ? "-" : summary.deadLetterQueue()));
        }
        return text.toString();
    }

    /** {@code payrail dlq list QUEUE}: one page of at most {@code pageSize}; pass the previous page's cursor, or null. */
    public DeadLetterPage deadLetters(String queueName, String cursor, int pageSize) {
        Check.argument(pageSize >= 1 && pageSize <= QueueLimits.DEAD_LETTER_PAGE_MAX,
                "page size must be 1 to %d, got %d", QueueLimits.DEAD_LETTER_PAGE_MAX, pageSize);
        QueueRecord queue = directory.require(Names.queueName(queueName));
        long afterId = 0;
        String afterTenant = "";
        if (cursor != null) {
            int colon = cursor.indexOf(':');
            Check.argument(colon > 0 && cursor.substring(0, colon).chars().allMatch(Character::isDigit),
                    "page cursor must be the one the previous page printed, got '%s'", cursor);
            afterId = Long.parseLong(cursor.substring(0, colon));
            afterTenant = cursor.substring(colon + 1);
        }
        long fromId = afterId;
        String fromTenant = afterTenant;
        List<DeadLetter> letters = read("list dead letters of " + queueName,
                connection -> AdminStatements.deadLetters(connection, queue, fromTenant, fromId, pageSize + 1));
        boolean more = letters.size() > pageSize;
        List<DeadLetter> page = more ? letters.subList(0, pageSize) : letters;
        String next = more ? page.getLast().messageId() + ":" + page.getLast().tenantId() : null;
        return new DeadLetterPage(queue.name(), List.copyOf(page), next);
    }

    public static String format(DeadLetterPage page) {
        StringBuilder text = new StringBuilder(String.format("%-12s %-20s %-24s %-20s %8s %8s  %s%n", "MESSAGE", "TENANT",
                "SENT_AT", "SOURCE", "BYTES", "ATTEMPTS", "REASON"));
        for (DeadLetter letter : page.letters()) {
            text.append(String.format("%-12d %-20s %-24s %-20s %8d %8d  %s%n", letter.messageId(), letter.tenantId(),
                    letter.sentAt(), letter.sourceQueue() == null ? "-" : letter.sourceQueue(), letter.bodyChars(),
                    letter.attempts().size(), letter.failureReason() == null ? "-" : letter.failureReason()));
        }
        text.append(page.nextCursor() == null ? "(last page)\n" : "next page: --cursor " + page.nextCursor() + "\n");
        return text.toString();
    }

    /** {@code payrail dlq redrive QUEUE [--rate N] [--to QUEUE]}: progress lines go to {@code progress}. */
    public RedriveResult redrive(RedriveRequest request, PrintStream progress) {
        Check.notNull(request, "request");
        QueueRecord deadLetterQueue = directory.require(request.deadLetterQueue());
        QueueRecord target = request.targetQueue() == null ? null : directory.require(request.targetQueue());
        Check.argument(target == null || target.fifo() == deadLetterQueue.fifo(),
                "cannot redrive %s queue '%s' into %s queue '%s'", deadLetterQueue.definition().type(), deadLetterQueue.name(),
                target == null ? null : target.definition().type(), request.targetQueue());
        try {
            return redriver.redrive(deadLetterQueue, target, request.ratePerSecond(), progress);
        } catch (SQLException failure) {
            throw new DatabaseException("could not redrive " + request.deadLetterQueue(), failure);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("redrive of " + request.deadLetterQueue() + " was interrupted", interrupted);
        }
    }

    public static String format(RedriveResult result) {
        return String.format("moved %d messages in %d batches, %d left in the dead-letter queue%n", result.moved(),
                result.batches(), result.skipped());
    }

    /** Deletes every message of the queue, in bounded transactions; returns how many. */
    public long purge(String queueName) {
        QueueRecord queue = directory.require(Names.queueName(queueName));
        long total = 0;
        while (true) {
            int deleted = read("purge " + queueName, connection -> AdminStatements.purgeBatch(connection, queue));
            total += deleted;
            if (deleted < QueueLimits.DELETE_SWEEP_BATCH_MAX) {
                return total;
            }
        }
    }

    /** The retention sweep: deletes messages older than their queue's retention and expired deduplication ids. */
    public long removeExpired() {
        long total = 0;
        while (true) {
            int deleted = read("remove expired messages", AdminStatements::expireBatch);
            total += deleted;
            if (deleted < QueueLimits.DELETE_SWEEP_BATCH_MAX) {
                return total;
            }
        }
    }

    private <T> T read(String what, SqlWork<T> work) {
        try (Connection connection = queues.dataSource().getConnection()) {
            connection.setAutoCommit(true);
            return work.apply(connection);
        } catch (SQLException failure) {
            throw new DatabaseException("could not " + what, failure);
        }
    }
}
