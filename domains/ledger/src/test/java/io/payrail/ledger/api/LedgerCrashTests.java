package io.payrail.ledger.api;

import static io.payrail.ledger.api.LedgerFixture.EUR;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LedgerCrashTests {
    private static final int ACKNOWLEDGED_BEFORE_KILL = 150;
    private static final long WAIT_SECONDS_MAX = 90;

    private final LedgerFixture fixture = new LedgerFixture();

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void a_sigkill_mid_run_loses_no_acknowledged_transfer_and_leaves_nothing_half_written() throws Exception {
        UUID bank = fixture.account(EUR, 0);
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                "-cp", System.getProperty("java.class.path"), LedgerCrashChild.class.getName(), fixture.database.jdbcUrl()));
        for (int index = 0; index < 6; index++) {
            UUID account = fixture.account(EUR, AccountFlags.DEBITS_MUST_NOT_EXCEED_CREDITS);
            fixture.move(bank, account, 1_000_000);
            command.add(account.toString());
        }
        fixture.ledger.close();

        Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<String> acknowledged = new CopyOnWriteArrayList<>();
        Thread reader = Thread.ofVirtual().start(() -> readAcknowledgements(child, acknowledged));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS_MAX);
        while (acknowledged.size() < ACKNOWLEDGED_BEFORE_KILL && System.nanoTime() < deadline && child.isAlive()) {
            Thread.sleep(20);
        }
        child.destroyForcibly();
        child.waitFor();
        reader.join();

        assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(ACKNOWLEDGED_BEFORE_KILL);
        for (String line : acknowledged) {
            String[] fields = line.split(" ");
            Transfer stored = fixture.ledger.transfer(UUID.fromString(fields[1])).orElseThrow(
                    () -> new AssertionError("acknowledged transfer lost: " + line));
            assertThat(stored.amount()).isEqualTo(Long.parseLong(fields[4]));
        }
        fixture.assertAuditPasses();
        assertRetriesAnswerExistsAfterTakeover(acknowledged.getFirst());
    }

    private static void readAcknowledgements(Process child, List<String> acknowledged) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.startsWith("ACK ")) {
                    acknowledged.add(line);
                }
            }
        } catch (java.io.IOException closed) {
            // The child was killed; every complete line before that was read.
        }
    }

    /** The killed child's lease lapses; a new writer reloads and answers the acknowledged retry with exists. */
    private void assertRetriesAnswerExistsAfterTakeover(String line) throws Exception {
        try (Connection connection = fixture.database.dataSource().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("UPDATE lease SET expires_at = now() - interval '1 minute' WHERE name = 'ledger-1'");
        }
        String[] fields = line.split(" ");
        NewTransfer retry = NewTransfer.of(UUID.fromString(fields[1]), UUID.fromString(fields[2]),
                UUID.fromString(fields[3]), Long.parseLong(fields[4]), EUR, 1);
        try (LedgerService takeover = LedgerService.open(fixture.database.dataSource(), Clock.systemUTC(), "node-c")) {
            assertThat(takeover.createTransfers(List.of(retry)).join().getFirst().result())
                    .isEqualTo(CreateTransferResult.EXISTS);
        }
        fixture.assertAuditPasses();
    }
}
