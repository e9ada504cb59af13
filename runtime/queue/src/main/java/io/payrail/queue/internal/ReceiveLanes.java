package io.payrail.queue.internal;

import io.payrail.platform.DatabaseException;
import io.payrail.queue.QueueLimits;
import io.payrail.queue.ReceivedMessage;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import javax.sql.DataSource;

/**
 * Receives through group commit: concurrent receives of one queue (with the same visibility timeout)
 * run as one statement of up to {@link QueueLimits#RECEIVE_COALESCED_MAX} messages, and the messages
 * are dealt out to the callers in turn. Standard queues use the process's cached list of ready
 * tenants ({@link ReadyTenants}); FIFO queues walk their group heads in every receive.
 */
public final class ReceiveLanes {
    /** Receive lanes (queue and visibility timeout pairs) kept; beyond this a receive runs alone. */
    static final int LANES_MAX = 256;

    private record LaneKey(int queueId, Long visibilityTimeoutMillis) {}

    private final DataSource dataSource;
    private final LongSupplier tokens;
    private final long tenantRefreshNanos;
    private final LongSupplier nanoTime;
    private final Map<LaneKey, Coalescer<Integer, List<ReceivedMessage>>> lanes = new ConcurrentHashMap<>();
    private final Map<Integer, ReadyTenants> readyTenants = new ConcurrentHashMap<>();
    private final Map<Integer, String> groupCursors = new ConcurrentHashMap<>();
    private final AtomicLong tenantLookups = new AtomicLong();

    public ReceiveLanes(DataSource dataSource, LongSupplier tokens, long tenantRefreshNanos, LongSupplier nanoTime) {
        this.dataSource = dataSource;
        this.tokens = tokens;
        this.tenantRefreshNanos = tenantRefreshNanos;
        this.nanoTime = nanoTime;
    }

    public List<ReceivedMessage> receive(QueueRecord queue, int maxMessages, Long visibilityTimeoutMillis) {
        LaneKey key = new LaneKey(queue.id(), visibilityTimeoutMillis);
        if (lanes.size() >= LANES_MAX && !lanes.containsKey(key)) {
            // Callers that each pick their own timeout are not merged; each receives alone.
            try {
                return receiveAll(queue, List.of(maxMessages), visibilityTimeoutMillis).getFirst();
            } catch (SQLException failure) {
                throw new DatabaseException("could not receive from " + queue.name(), failure);
            }
        }
        return lanes.computeIfAbsent(key, unused -> new Coalescer<>(
                "receive from " + queue.name(), QueueLimits.COALESCED_REQUESTS_MAX, QueueLimits.RECEIVE_COALESCED_MAX,
                count -> count, counts -> receiveAll(queue, counts, visibilityTimeoutMillis))).submit(maxMessages);
    }

    private List<List<ReceivedMessage>> receiveAll(QueueRecord queue, List<Integer> counts, Long visibilityTimeoutMillis)
            throws SQLException {
        int total = counts.stream().mapToInt(Integer::intValue).sum();
        List<ReceivedMessage> received;
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            received = queue.fifo() ? receiveHeads(connection, queue, total, visibilityTimeoutMillis)
                    : receiveFair(connection, queue, total, visibilityTimeoutMillis);
        }
        return deal(received, counts);
    }

    /**
     * Visits the next tenants of the cached list; looks the list up again when it is stale, and at
     * once when the cached tenants had nothing, so an empty answer always rests on a fresh look.
     */
    private List<ReceivedMessage> receiveFair(Connection connection, QueueRecord queue, int batch, Long visibilityTimeoutMillis)
            throws SQLException {
        ReadyTenants ready = readyTenants.computeIfAbsent(queue.id(), id -> new ReadyTenants(tenantRefreshNanos, nanoTime));
        boolean refreshed = false;
        while (true) {
            if (!refreshed && ready.stale()) {
                tenantLookups.incrementAndGet();
                ready.replace(ReceiveStatements.readyTenants(connection, queue, ready.cursor(), QueueLimits.TENANTS_CACHED_MAX));
                refreshed = true;
            }
            List<String> visit = ready.next(ReadyTenants.tenantsPerReceive(batch));
            if (visit.isEmpty()) {
                if (refreshed) {
                    return List.of();
                }
                ready.replace(List.of());
                continue;
            }
            int share = (batch + visit.size() - 1) / visit.size();
            ReceiveStatements.Received received = ReceiveStatements.receiveFromTenants(connection, queue, visit, share, batch,
                    visibilityTimeoutMillis, tokens.getAsLong());
            Map<String, Integer> perTenant = new HashMap<>();
            received.delivered().forEach(message -> perTenant.merge(message.tenantId(), 1, Integer::sum));
            ready.served(visit, perTenant, share, received.deadLettered() > 0);
            if (!received.delivered().isEmpty() || refreshed) {
                return received.delivered();
            }
            // Nothing from the cached tenants: look again now rather than wait for the refresh interval.
            ready.replace(List.of());
        }
    }

    private List<ReceivedMessage> receiveHeads(Connection connection, QueueRecord queue, int batch, Long visibilityTimeoutMillis)
            throws SQLException {
        String cursor = groupCursors.getOrDefault(queue.id(), RotationCursor.START);
        List<ReceivedMessage> delivered = ReceiveStatements.receiveGroupHeads(connection, queue, cursor, batch, visibilityTimeoutMillis,
                tokens.getAsLong()).delivered();
        groupCursors.put(queue.id(), RotationCursor.advance(cursor, delivered.stream().map(ReceivedMessage::messageGroup).toList()));
        return delivered;
    }

    /** Receive statements and the receive calls they answered, and ready-tenant lookups. */
    public long[] counts() {
        long statements = lanes.values().stream().mapToLong(Coalescer::statements).sum();
        long requests = lanes.values().stream().mapToLong(Coalescer::requests).sum();
        return new long[] {statements, requests, tenantLookups.get()};
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
