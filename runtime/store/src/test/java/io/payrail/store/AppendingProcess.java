package io.payrail.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.zaxxer.hikari.HikariDataSource;
import io.payrail.platform.Database;
import io.payrail.platform.Json;
import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The process {@link AppenderCrashTests} kills: appends appends of {@code arguments[1]} events (two
 * when not given) from several writers for ever and prints {@code ACK <append>} for each
 * acknowledged one.
 */
public final class AppendingProcess {
    static final int WRITERS = 8;
    static final int STREAMS = 20;

    private AppendingProcess() {}

    public static void main(String[] arguments) throws Exception {
        PrintStream out = System.out;
        int parts = arguments.length > 1 ? Integer.parseInt(arguments[1]) : 2;
        AtomicInteger nextAppend = new AtomicInteger();
        HikariDataSource pool = Database.pool(arguments[0], WRITERS + 2);
        PostgresEventStore store = new PostgresEventStore(pool, Clock.systemUTC());
        try (ExecutorService writers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int writer = 0; writer < WRITERS; writer++) {
                writers.submit(() -> {
                    while (true) {
                        int append = nextAppend.getAndIncrement();
                        List<EventEnvelope> events = new java.util.ArrayList<>(parts);
                        for (int part = 0; part < parts; part++) {
                            events.add(part(append, part));
                        }
                        AppendResult result = store.append("crash-" + append % STREAMS, ExpectedRevision.any(), events);
                        if (result instanceof AppendResult.Appended) {
                            synchronized (out) {
                                out.println("ACK " + append);
                                out.flush();
                            }
                        }
                    }
                });
            }
        }
    }

    static EventEnvelope part(int append, int part) {
        ObjectNode data = Json.mapper().createObjectNode().put("append", append).put("part", part);
        return TestEvents.event("test.crash", data);
    }
}
