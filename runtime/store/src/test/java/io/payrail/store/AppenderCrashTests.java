package io.payrail.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.payrail.platform.testing.TestDatabase;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Kills a JVM that is appending (SIGKILL, mid-batch) and checks that every append it acknowledged is
 * in the log, no append is half there, and the log lock its dead transactions held is free again.
 */
class AppenderCrashTests {
    private static final int ACKNOWLEDGED_BEFORE_KILL = 200;
    private static final long WAIT_SECONDS_MAX = 60;

    @Test
    void a_killed_appender_loses_no_acknowledged_append_and_leaves_no_half_append() throws Exception {
        killAppenderAndCheck(2, ACKNOWLEDGED_BEFORE_KILL);
    }

    @Test
    void a_killed_appender_of_large_copied_appends_loses_no_acknowledged_append_and_leaves_no_half_append() throws Exception {
        killAppenderAndCheck(io.payrail.store.internal.LogWriter.COPY_EVENTS_MIN_DEFAULT + 1, ACKNOWLEDGED_BEFORE_KILL / 4);
    }

    private static void killAppenderAndCheck(int parts, int acknowledgedBeforeKill) throws Exception {
        TestDatabase database = StoreDatabases.empty();
        Set<Integer> acknowledged = ConcurrentHashMap.newKeySet();
        Process appender = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(),
                "-cp", System.getProperty("java.class.path"), AppendingProcess.class.getName(), database.jdbcUrl(),
                Integer.toString(parts))
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        Thread reader = Thread.ofVirtual().start(() -> readAcknowledgements(appender, acknowledged));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS_MAX);
        while (acknowledged.size() < acknowledgedBeforeKill && System.nanoTime() < deadline && appender.isAlive()) {
            Thread.sleep(10);
        }
        appender.destroyForcibly().waitFor();
        reader.join();
        assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(acknowledgedBeforeKill);

        try (PostgresEventStore store = new PostgresEventStore(database.dataSource(), Clock.systemUTC())) {
            AppendResult afterCrash = store.append("after-crash", ExpectedRevision.noStream(), TestEvents.numbered(0, 1));
            assertThat(afterCrash).as("the log lock is free again").isInstanceOf(AppendResult.Appended.class);
            Map<Integer, List<Integer>> partsByAppend = new HashMap<>();
            long after = 0;
            for (RecordedEvent event : readAll(store)) {
                assertThat(event.position()).isEqualTo(after + 1);
                after = event.position();
                if (event.stream().startsWith("crash-")) {
                    partsByAppend.computeIfAbsent(event.envelope().data().get("append").asInt(), ignored -> new ArrayList<>())
                            .add(event.envelope().data().get("part").asInt());
                }
            }
            assertThat(partsByAppend.keySet()).containsAll(acknowledged);
            List<Integer> allParts = java.util.stream.IntStream.range(0, parts).boxed().toList();
            partsByAppend.forEach((append, found) -> assertThat(found).as("parts of append %d", append)
                    .containsExactlyElementsOf(allParts));
        }
    }

    private static void readAcknowledgements(Process appender, Set<Integer> acknowledged) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(appender.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.startsWith("ACK ")) {
                    acknowledged.add(Integer.parseInt(line.substring(4).trim()));
                }
            }
        } catch (java.io.IOException streamClosedByKill) {
            // The process is gone; what was read is what it acknowledged.
        }
    }

    private static List<RecordedEvent> readAll(EventStore store) {
        List<RecordedEvent> all = new ArrayList<>();
        long after = 0;
        for (int page = 0; page < 1_000; page++) {
            List<RecordedEvent> events = store.readLog(after, EventStore.READ_LIMIT_MAX);
            if (events.isEmpty()) {
                return all;
            }
            all.addAll(events);
            after = events.getLast().position();
        }
        throw new AssertionError("the log is longer than the test ever writes");
    }
}
