package io.payrail.function;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.function.Predicate;

/**
 * A schedule-triggered function that records each delivery in the invocation's transaction: a tick
 * delivered twice in effect would leave a row in {@code duplicate_delivery}.
 */
final class ScheduleProbe {
    static final String TABLES = """
            CREATE TABLE delivery (tick_id text PRIMARY KEY, node text NOT NULL, missed_ticks int NOT NULL);
            CREATE TABLE duplicate_delivery (tick_id text NOT NULL, node text NOT NULL);
            """;

    private ScheduleProbe() {}

    static void createTables(Connection connection) throws SQLException {
        connection.createStatement().execute(TABLES);
    }

    static FunctionDeclaration function(String node, Trigger.Schedule trigger, Predicate<Integer> failAttempt) {
        Limits limits = new Limits(Duration.ofSeconds(10), 2, RetryPolicy.none(), 1024);
        return FunctionDeclaration.named("tick-recorder")
                .description("records schedule ticks")
                .trigger(trigger)
                .limits(limits)
                .handler(context -> {
                    if (failAttempt.test(context.attempt())) {
                        throw new IllegalStateException("partner unavailable");
                    }
                    record(context.transaction(), context.idempotencyKey(), node, context.json().get("missedTicks").asInt());
                    return null;
                });
    }

    /**
     * A function whose deliveries take 1.5 s after announcing themselves on standard output
     * ("delivering &lt;tick id&gt;"), so a node killed on that line dies with the tick claimed and
     * its effects uncommitted. Timeout 3 s: its ticks' claims last 8 s (timeout + the claim margin).
     */
    static FunctionDeclaration slowFunction(String node, boolean announce) {
        Limits limits = new Limits(Duration.ofSeconds(3), 4, RetryPolicy.none(), 1024);
        return FunctionDeclaration.named("tick-recorder")
                .trigger(Trigger.Schedule.of("every-second", SchedulerNodeMain.SCHEDULE))
                .limits(limits)
                .handler(context -> {
                    if (announce) {
                        System.out.println("delivering " + context.idempotencyKey());
                        System.out.flush();
                    }
                    record(context.transaction(), context.idempotencyKey(), node, context.json().get("missedTicks").asInt());
                    context.transaction().createStatement().execute("SELECT pg_sleep(1.5)");
                    return null;
                });
    }

    private static void record(Connection transaction, String tickId, String node, int missedTicks) throws SQLException {
        try (PreparedStatement insert = transaction.prepareStatement(
                "INSERT INTO delivery (tick_id, node, missed_ticks) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
            insert.setString(1, tickId);
            insert.setString(2, node);
            insert.setInt(3, missedTicks);
            if (insert.executeUpdate() == 1) {
                return;
            }
        }
        try (PreparedStatement duplicate = transaction.prepareStatement(
                "INSERT INTO duplicate_delivery (tick_id, node) VALUES (?, ?)")) {
            duplicate.setString(1, tickId);
            duplicate.setString(2, node);
            duplicate.executeUpdate();
        }
    }
}
