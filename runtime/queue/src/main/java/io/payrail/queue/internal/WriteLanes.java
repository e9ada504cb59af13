package io.payrail.queue.internal;

import io.payrail.queue.OutgoingMessage;
import io.payrail.queue.QueueLimits;
import io.payrail.queue.ReceiptHandle;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * Group commit for sends without deduplication ids (per queue) and for deletes: concurrent callers'
 * messages go in one insert, their handles in one delete, each statement its own durable commit.
 * Every shared insert notifies the queue's listeners: the lane commits one insert at a time anyway,
 * so the notification's serialized commit costs it nothing.
 */
public final class WriteLanes {
    private final DataSource dataSource;
    private final TableVacuum vacuum;
    private final Map<Integer, Coalescer<List<OutgoingMessage>, List<Long>>> sends = new ConcurrentHashMap<>();
    private final Coalescer<List<ReceiptHandle>, Set<ReceiptHandle>> deletes;

    public WriteLanes(DataSource dataSource, TableVacuum vacuum) {
        this.dataSource = dataSource;
        this.vacuum = vacuum;
        this.deletes = new Coalescer<>("delete messages", QueueLimits.COALESCED_REQUESTS_MAX, QueueLimits.DELETE_BATCH_MAX,
                List::size, this::deleteAll);
    }

    /** Sends the messages (none with a deduplication id) in the queue's next shared insert; returns their ids. */
    public List<Long> send(QueueRecord queue, List<OutgoingMessage> messages) {
        return sends.computeIfAbsent(queue.id(), id -> new Coalescer<>("send to " + queue.name(),
                QueueLimits.COALESCED_REQUESTS_MAX, QueueLimits.COALESCED_SEND_CHARS_MAX, WriteLanes::characters,
                requests -> insertAll(queue, requests))).submit(messages);
    }

    /** Deletes in the next shared delete; returns the handles (of all callers) that matched and deleted their message. */
    public Set<ReceiptHandle> delete(List<ReceiptHandle> handles) {
        return deletes.submit(handles);
    }

    /** Insert statements, the send calls they answered, delete statements and the delete calls they answered. */
    public long[] counts() {
        return new long[] {sends.values().stream().mapToLong(Coalescer::statements).sum(),
                sends.values().stream().mapToLong(Coalescer::requests).sum(), deletes.statements(), deletes.requests()};
    }

    private List<List<Long>> insertAll(QueueRecord queue, List<List<OutgoingMessage>> requests) throws SQLException {
        List<OutgoingMessage> all = new ArrayList<>();
        requests.forEach(all::addAll);
        List<Long> ids;
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            ids = SendStatements.insertMany(connection, queue, all, true);
        }
        List<List<Long>> results = new ArrayList<>(requests.size());
        int from = 0;
        for (List<OutgoingMessage> request : requests) {
            results.add(ids.subList(from, from + request.size()));
            from += request.size();
        }
        return results;
    }

    private List<Set<ReceiptHandle>> deleteAll(List<List<ReceiptHandle>> requests) throws SQLException {
        List<ReceiptHandle> all = new ArrayList<>();
        requests.forEach(all::addAll);
        Set<ReceiptHandle> deleted;
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            deleted = Collections.unmodifiableSet(AcknowledgeStatements.deleteAll(connection, all));
        }
        vacuum.deleted(deleted.size());
        return Collections.nCopies(requests.size(), deleted);
    }

    private static long characters(List<OutgoingMessage> messages) {
        return messages.stream().mapToLong(message -> message.body().length()).sum();
    }
}
