package io.payrail.queue.internal;

import io.payrail.platform.DatabaseException;
import io.payrail.queue.QueueLimits;
import io.payrail.queue.ReceiptHandle;
import io.payrail.queue.ReceivedMessage;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives through group commit: concurrent receives of one queue (with the same visibility timeout)
 * run as one statement of up to {@link QueueLimits#RECEIVE_COALESCED_MAX} messages, and the messages
 * are dealt out to the callers in turn. Standard queues use the process's cached list of ready
 * tenants ({@link ReadyTenants}); FIFO queues walk their group heads in every receive.
 */
public final class ReceiveLanes {
    private static final Logger LOG = LoggerFactory.getLogger(ReceiveLanes.class);
    /** Receive lanes (queue and visibility timeout pairs) kept; beyond this a receive runs alone. */
    static final int LANES_MAX = 256;

    private record LaneKey(int queueId, Long visibilityTimeoutMillis) {}

    /** One caller's receive: how many messages it wants, and the handles it acknowledges with it. */
    public record Request(int count, List<ReceiptHandle> acknowledge) {}

    /** One caller's answer: its messages, and the handles (of all callers in the statement) that deleted their message. */
    public record Answer(List<ReceivedMessage> messages, Set<ReceiptHandle> deleted) {}

    private final DataSource dataSource;
    private final LongSupplier tokens;
    private final long tenantRefreshNanos;
    private final LongSupplier nanoTime;
    private final TableVacuum vacuum;
    private final Map<LaneKey, Coalescer<Request, Answer>> lanes = new ConcurrentHashMap<>();
    private final Map<Integer, ReadyTenants> readyTenants = new ConcurrentHashMap<>();
    private final Map<Integer, String> groupCursors = new ConcurrentHashMap<>();
    private final AtomicLong tenantLookups = new AtomicLong();
    private final AtomicLong acknowledgedRows = new AtomicLong();

    public ReceiveLanes(DataSource dataSource, LongSupplier tokens, long tenantRefreshNanos, LongSupplier nanoTime,
            TableVacuum vacuum) {
        this.vacuum = vacuum;
        this.dataSource = dataSource;
        this.tokens = tokens;
        this.tenantRefreshNanos = tenantRefreshNanos;
        this.nanoTime = nanoTime;
    }

    /**
     * Receives in the queue's next shared statement, which also deletes the messages of the still
     * current handles in {@code request.acknowledge()}; returns once that statement committed.
     */
    public Answer receive(QueueRecord queue, Request request, Long visibilityTimeoutMillis) {
        LaneKey key = new LaneKey(queue.id(), visibilityTimeoutMillis);
        if (lanes.size() >= LANES_MAX && !lanes.containsKey(key)) {
            // Callers that each pick their own timeout are not merged; each receives alone.
            try {
                return receiveAll(queue, List.of(request), visibilityTimeoutMillis).getFirst();
            } catch (SQLException failure) {
                throw new DatabaseException("could not receive from " + queue.name(), failure);
            }
        }
        return lanes.computeIfAbsent(key, unused -> new Coalescer<>(
                "receive from " + queue.name(), QueueLimits.COALESCED_REQUESTS_MAX, QueueLimits.DELETE_BATCH_MAX,
                ReceiveLanes::weight, requests -> receiveAll(queue, requests, visibilityTimeoutMillis))).submit(request);
    }

    /**
     * A merged statement receives at most {@link QueueLimits#RECEIVE_COALESCED_MAX} messages and
     * deletes at most {@link QueueLimits#DELETE_BATCH_MAX} handles: a message weighs as much as the
     * ratio of the two, a handle one, and the lane's weight limit is the delete limit.
     */
    static long weight(Request request) {
        long perMessage = QueueLimits.DELETE_BATCH_MAX / QueueLimits.RECEIVE_COALESCED_MAX;
        return Math.max(request.count() * perMessage, request.acknowledge().size());
    }

    private List<Answer> receiveAll(QueueRecord queue, List<Request> requests, Long visibilityTimeoutMillis)
            throws SQLException {
        int total = requests.stream().mapToInt(Request::count).sum();
        List<ReceiptHandle> acknowledge = new ArrayList<>();
        requests.forEach(request -> acknowledge.addAll(request.acknowledge()));
        ReceiveStatements.Received received;
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            received = queue.fifo() ? receiveHeads(connection, queue, total, visibilityTimeoutMillis, acknowledge)
                    : receiveFair(connection, queue, total, visibilityTimeoutMillis, acknowledge);
        }
        acknowledgedRows.addAndGet(received.acknowledged().size());
        vacuum.deleted(received.acknowledged().size());
        if (received.delivered().size() == total) {
            vacuum.receivedFull();
        }
        Set<ReceiptHandle> deleted = Collections.unmodifiableSet(received.acknowledged());
        return deal(received.delivered(), requests.stream().map(Request::count).toList()).stream()
                .map(messages -> new Answer(messages, deleted)).toList();
    }

    /**
     * Visits the next tenants of the cached list; looks the list up again when it is stale, and at
     * once when the cached tenants had nothing, so an empty answer always rests on a fresh look.
     * The acknowledgements ride on the first receive statement (later ones, after a fresh look, carry
     * none). Once that statement committed, a failure of a later look is answered with no messages
     * rather than thrown: thrown, it would make the coalescer retry the deletes, which would then
     * find their messages gone and report handles stale that did delete.
     */
    private ReceiveStatements.Received receiveFair(Connection connection, QueueRecord queue, int batch,
            Long visibilityTimeoutMillis, List<ReceiptHandle> acknowledge) throws SQLException {
        Acknowledgements acknowledgements = new Acknowledgements(acknowledge);
        try {
            return receiveFair(connection, queue, batch, visibilityTimeoutMillis, acknowledgements);
        } catch (SQLException | RuntimeException failure) {
            if (acknowledge.isEmpty() || !acknowledgements.committed) {
                throw failure;
            }
            LOG.warn("receive from {} failed after its acknowledgements committed; answering with no messages: {}",
                    queue.name(), failure.getMessage());
            return new ReceiveStatements.Received(List.of(), 0, acknowledgements.deleted);
        }
    }

    /** The handles a fair receive deletes: they ride on its first statement only. */
    private static final class Acknowledgements {
        private final List<ReceiptHandle> handles;
        private final Set<ReceiptHandle> deleted = new HashSet<>();
        private boolean committed;

        private Acknowledgements(List<ReceiptHandle> handles) {
            this.handles = handles;
        }

        /** The handles for the next statement: all of them the first time, none after they committed. */
        private List<ReceiptHandle> riding() {
            return committed ? List.of() : handles;
        }

        private void committed(Set<ReceiptHandle> matched) {
            deleted.addAll(matched);
            committed = true;
        }
    }

    private ReceiveStatements.Received receiveFair(Connection connection, QueueRecord queue, int batch,
            Long visibilityTimeoutMillis, Acknowledgements acknowledgements) throws SQLException {
        ReadyTenants ready = readyTenants.computeIfAbsent(queue.id(), id -> new ReadyTenants(tenantRefreshNanos, nanoTime));
        boolean refreshed = false;
        while (true) {
            if (!refreshed && ready.stale()) {
                tenantLookups.incrementAndGet();
                ready.replace(ReceiveStatements.readyTenants(connection, queue, ready.cursor(), QueueLimits.TENANTS_CACHED_MAX));
                refreshed = true;
            }
            List<ReceiptHandle> riding = acknowledgements.riding();
            List<String> visit = ready.next(ReadyTenants.tenantsPerReceive(batch));
            if (visit.isEmpty()) {
                if (refreshed) {
                    // No tenant has a ready message: the acknowledgements still commit, alone.
                    if (!riding.isEmpty()) {
                        acknowledgements.committed(AcknowledgeStatements.deleteAll(connection, riding));
                    }
                    return new ReceiveStatements.Received(List.of(), 0, acknowledgements.deleted);
                }
                ready.replace(List.of());
                continue;
            }
            int share = (batch + visit.size() - 1) / visit.size();
            ReceiveStatements.Received received = ReceiveStatements.receiveFromTenants(connection, queue, visit, share, batch,
                    visibilityTimeoutMillis, tokens.getAsLong(), riding);
            acknowledgements.committed(received.acknowledged());
            Map<String, Integer> perTenant = new HashMap<>();
            received.delivered().forEach(message -> perTenant.merge(message.tenantId(), 1, Integer::sum));
            ready.served(visit, perTenant, share, received.deadLettered() > 0);
            if (!received.delivered().isEmpty() || refreshed) {
                return new ReceiveStatements.Received(received.delivered(), received.deadLettered(), acknowledgements.deleted);
            }
            // Nothing from the cached tenants: look again now rather than wait for the refresh interval.
            ready.replace(List.of());
        }
    }

    private ReceiveStatements.Received receiveHeads(Connection connection, QueueRecord queue, int batch,
            Long visibilityTimeoutMillis, List<ReceiptHandle> acknowledge) throws SQLException {
        String cursor = groupCursors.getOrDefault(queue.id(), RotationCursor.START);
        ReceiveStatements.Received received = ReceiveStatements.receiveGroupHeads(connection, queue, cursor, batch,
                visibilityTimeoutMillis, tokens.getAsLong(), acknowledge);
        groupCursors.put(queue.id(), RotationCursor.advance(cursor,
                received.delivered().stream().map(ReceivedMessage::messageGroup).toList()));
        return received;
    }

    /** Receive statements, the receive calls they answered, ready-tenant lookups, and rows deleted by acknowledgements on receives. */
    public long[] counts() {
        long statements = lanes.values().stream().mapToLong(Coalescer::statements).sum();
        long requests = lanes.values().stream().mapToLong(Coalescer::requests).sum();
        return new long[] {statements, requests, tenantLookups.get(), acknowledgedRows.get()};
    }

    /** Deals the messages (in id order) to the callers in turn, each up to the count it asked for. */
    static List<List<ReceivedMessage>> deal(List<ReceivedMessage> messages, List<Integer> counts) {
        List<List<ReceivedMessage>> hands = new ArrayList<>(counts.size());
        counts.forEach(count -> hands.add(new ArrayList<>(count)));
        int next = 0;
        while (next < messages.size()) {
            boolean dealt = false;
            for (int caller = 0; caller < counts.size() && next < messages.size(); caller++) {
                if (hands.get(caller).size() < counts.get(caller)) {
                    hands.get(caller).add(messages.get(next++));
                    dealt = true;
                }
            }
            if (!dealt) {
                throw new IllegalStateException("received " + messages.size() + " messages for callers asking " + counts);
            }
        }
        return hands;
    }
}
