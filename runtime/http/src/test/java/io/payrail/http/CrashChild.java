package io.payrail.http;

import io.payrail.platform.Database;
import io.payrail.platform.UuidV7Generator;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;

/**
 * The gateway in a child JVM for {@link GatewayCrashTests}: one idempotent route that records an
 * effect and, for the note "hang", then waits forever so the parent can kill it mid-transaction.
 * Arguments: JDBC URL and an API key's tenant; prints "child: port=...", then "child: key=..." on standard output (among log lines).
 */
public final class CrashChild {
    record Note(String text) {}

    private CrashChild() {}

    public static void main(String[] arguments) throws InterruptedException {
        Database database = Database.open(arguments[0], null, 4);
        Clock clock = Clock.systemUTC();
        ApiKeys apiKeys = new ApiKeys(database.transactions(), clock, new SecureRandom(),
                new UuidV7Generator(clock, new SecureRandom()), Duration.ofSeconds(30));
        String key = apiKeys.create(arguments[1], Role.WRITER).plainTextKey();
        HttpGateway gateway = HttpGateway.builder()
                .dataSource(database.dataSource())
                .apiKeys(apiKeys)
                .route(Route.post("/v1/notes", context -> {
                    Note note = context.body(Note.class);
                    try (PreparedStatement insert = context.connection()
                            .prepareStatement("INSERT INTO effect (tenant_id, note) VALUES (?, ?)")) {
                        insert.setString(1, context.tenantId());
                        insert.setString(2, note.text());
                        insert.executeUpdate();
                    }
                    System.out.println("child: effect-written");
                    System.out.flush();
                    if (note.text().equals("hang")) {
                        java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMinutes(10).toNanos());
                    }
                    return HttpResult.created(note);
                }).requestBody(Note.class))
                .build()
                .start(0);
        System.out.println("child: port=" + gateway.port());
        System.out.println("child: key=" + key);
        System.out.flush();
        Thread.currentThread().join();
    }
}
