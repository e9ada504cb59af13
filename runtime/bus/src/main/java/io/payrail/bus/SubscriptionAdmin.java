package io.payrail.bus;

import io.payrail.bus.internal.CursorTable;
import io.payrail.bus.internal.ParkedTable;
import io.payrail.platform.Check;
import io.payrail.platform.Transactions;
import io.payrail.store.EventStore;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Operators' view of subscriptions, backing {@code payrail subscriptions list},
 * {@code payrail subscriptions replay NAME --from POSITION|TIME [--rate N]} and
 * {@code payrail parked list|redrive}. Requests are written to the database and announced on
 * {@link EventBus#CONTROL_CHANNEL}; the node that owns the subscription carries them out.
 */
public final class SubscriptionAdmin {
    /** The most rows one list returns. */
    public static final int LIST_ROWS_MAX = 1_000;
    /** The highest replay rate cap accepted, in events per second. */
    public static final int REPLAY_RATE_MAX = 1_000_000;
    /** How often {@link #awaitReplay} prints a progress line. */
    public static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(1);

    private final Transactions transactions;
    private final EventStore store;
    private final Clock clock;

    public SubscriptionAdmin(DataSource dataSource, EventStore store, Clock clock) {
        this.transactions = new Transactions(Check.notNull(dataSource, "dataSource"));
        this.store = Check.notNull(store, "store");
        this.clock = Check.notNull(clock, "clock");
    }

    /** {@code payrail subscriptions list}. */
    public List<SubscriptionSummary> list() {
        long head = store.headPosition();
        return transactions.read(connection -> {
            List<SubscriptionSummary> result = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(SubscriptionQueries.SUMMARY)) {
                select.setLong(1, CursorTable.ADVISORY_LOCK_CLASS);
                select.setInt(2, LIST_ROWS_MAX);
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        result.add(SubscriptionQueries.summary(row, head));
                    }
                }
            }
            return result;
        });
    }

    public static String format(List<SubscriptionSummary> summaries) {
        StringBuilder text = new StringBuilder(String.format("%-40s %12s %10s %6s %7s %s%n",
                "NAME", "POSITION", "LAG", "EPOCH", "PARKED", "STATE"));
        for (SubscriptionSummary summary : summaries) {
            text.append(String.format("%-40s %12d %10d %6d %7d %s%n", summary.name(), summary.position(),
                    summary.lagEvents(), summary.epoch(), summary.parkedCount(), summary.state()));
        }
        return text.toString();
    }

    /**
     * {@code payrail subscriptions replay NAME --from POSITION|TIME [--rate N]}: moves one
     * subscription's cursor back and opens a new epoch; no other subscription is touched.
     *
     * @param from          a log position ("1200") or an ISO-8601 time ("2026-01-31T00:00:00Z")
     * @param ratePerSecond the cap in events per second, or null for no cap
     */
    public ReplayProgress replay(String name, String from, Integer ratePerSecond) {
        Check.argument(name != null && !name.isBlank(), "a subscription name is needed");
        Check.argument(ratePerSecond == null || (ratePerSecond >= 1 && ratePerSecond <= REPLAY_RATE_MAX),
                "--rate must be 1..%d events per second, got %s", REPLAY_RATE_MAX, ratePerSecond);
        long head = store.headPosition();
        long position = startPosition(from, head);
        Long epoch = transactions.inTransaction(connection -> {
            Long opened = CursorTable.startReplay(connection, name, position, head, ratePerSecond, clock.instant())
                    .orElse(null);
            if (opened != null) {
                notifyWorkers(connection, name);
            }
            return opened;
        });
        Check.argument(epoch != null, "no subscription named '%s' (known: %s)", name, knownNames());
        return new ReplayProgress(name, epoch, position, head, ratePerSecond, position >= head);
    }

    private long startPosition(String from, long head) {
        Check.argument(from != null && !from.isBlank(),
                "--from needs a log position (a number) or an ISO-8601 time like 2026-01-31T00:00:00Z");
        String text = from.strip();
        if (text.matches("\\d{1,18}")) {
            long position = Long.parseLong(text);
            Check.argument(position <= head, "--from position %d is beyond the head of the log (%d)", position, head);
            return position;
        }
        try {
            return store.positionBefore(Instant.parse(text));
        } catch (DateTimeParseException notTime) {
            throw new IllegalArgumentException("--from must be a log position (a number) or an ISO-8601 time like "
                    + "2026-01-31T00:00:00Z, got '" + text + "'");
        }
    }

    /** Where the subscription's replay of {@code epoch} is. */
    public ReplayProgress progress(String name, long epoch) {
        return transactions.read(connection -> SubscriptionQueries.progress(connection, name, epoch));
    }

    /** Prints a progress line every {@link #PROGRESS_INTERVAL} until the replay is done or {@code timeout} passes. */
    public ReplayProgress awaitReplay(String name, long epoch, Duration timeout, PrintStream out)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        ReplayProgress progress = progress(name, epoch);
        while (!progress.done() && System.nanoTime() < deadline) {
            out.println(progress.line());
            Thread.sleep(PROGRESS_INTERVAL.toMillis());
            progress = progress(name, epoch);
        }
        out.println(progress.line());
        return progress;
    }

    /** {@code payrail parked list [--subscription NAME]}: parked events by subscription and position. */
    public List<ParkedEvent> parked(String subscription, long afterPosition, int limit) {
        Check.argument(limit >= 1 && limit <= LIST_ROWS_MAX, "limit must be 1..%d, got %d", LIST_ROWS_MAX, limit);
        return transactions.read(connection -> ParkedTable.list(connection, subscription, afterPosition, limit));
    }

    public static String formatParked(List<ParkedEvent> parked) {
        StringBuilder text = new StringBuilder(String.format("%-30s %10s %-30s %-36s %-30s %8s %s%n",
                "SUBSCRIPTION", "POSITION", "KEY", "EVENT ID", "TYPE", "ATTEMPTS", "REASON"));
        for (ParkedEvent event : parked) {
            text.append(String.format("%-30s %10d %-30s %-36s %-30s %8d %s%n", event.subscription(), event.position(),
                    event.partitionKey(), event.eventId(), event.eventType(), event.attempts(), event.reason()));
        }
        return text.toString();
    }

    /**
     * {@code payrail parked redrive --subscription NAME [--key KEY]}: asks the owning node to deliver
     * the parked events again, in order, and release their keys. Returns how many were requested.
     */
    public int redrive(String subscription, String partitionKey) {
        Check.argument(subscription != null && !subscription.isBlank(), "a subscription name is needed");
        int requested = transactions.inTransaction(connection -> {
            if (CursorTable.load(connection, subscription).isEmpty()) {
                return -1;
            }
            int rows = ParkedTable.requestRedrive(connection, subscription, partitionKey);
            CursorTable.bumpControlVersion(connection, subscription);
            notifyWorkers(connection, subscription);
            return rows;
        });
        Check.argument(requested >= 0, "no subscription named '%s' (known: %s)", subscription, knownNames());
        return requested;
    }

    /**
     * Waits until the owning node has worked through a redrive (printing how many requested events
     * are left every {@link #PROGRESS_INTERVAL}); returns how many are still requested at the end.
     * Events that failed again stay parked, with their attempts counted on (see {@link #parked}).
     */
    public long awaitRedrive(String subscription, Duration timeout, PrintStream out) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long left = redriveRequested(subscription);
        while (left > 0 && System.nanoTime() < deadline) {
            out.println("redrive " + subscription + ": " + left + " parked events still to deliver");
            Thread.sleep(PROGRESS_INTERVAL.toMillis());
            left = redriveRequested(subscription);
        }
        out.println("redrive " + subscription + ": " + (left == 0 ? "done" : left + " parked events not delivered yet"));
        return left;
    }

    private long redriveRequested(String subscription) {
        return transactions.read(connection -> {
            try (PreparedStatement count = connection.prepareStatement(
                    "SELECT count(*) FROM bus_parked_event WHERE subscription = ? AND redrive_requested")) {
                count.setString(1, subscription);
                try (ResultSet row = count.executeQuery()) {
                    row.next();
                    return row.getLong(1);
                }
            }
        });
    }

    private static void notifyWorkers(Connection connection, String name) throws SQLException {
        try (PreparedStatement notify = connection.prepareStatement("SELECT pg_notify(?, ?)")) {
            notify.setString(1, EventBus.CONTROL_CHANNEL);
            notify.setString(2, name);
            notify.executeQuery().close();
        }
    }

    private String knownNames() {
        List<String> names = list().stream().map(SubscriptionSummary::name).limit(20).toList();
        return names.isEmpty() ? "none" : String.join(", ", names);
    }
}
