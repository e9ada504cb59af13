package io.payrail.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.payrail.app.cli.EventSchemas;
import io.payrail.bank.BankConnection;
import io.payrail.bank.BankConnections;
import io.payrail.bank.BankFileKind;
import io.payrail.function.FunctionContext;
import io.payrail.function.Trace;
import io.payrail.platform.testing.TestDatabase;
import io.payrail.store.PostgresEventStore;
import io.payrail.store.RecordedEvent;
import io.payrail.store.StoreOptions;
import io.payrail.store.Upcasters;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BankJobsTests {

    @Test
    void each_file_the_bank_writes_is_announced_once_then_marked_processed(@TempDir Path directory) throws Exception {
        try (TestDatabase database = TestDatabase.create(LocalDatabase.migratedModules().toArray(String[]::new));
                BankConnection bank = BankConnections.openSimulated(directory, database.transactions(), Platform.clock(),
                        Platform.ids(), Platform.random());
                PostgresEventStore store = new PostgresEventStore(database.dataSource(), Platform.clock(), StoreOptions.defaults(),
                        EventSchemas.registry(), new Upcasters())) {
            bank.transfer().upload("PPD_CREDIT.ach", BankFileKind.ACH_FILE, Files.readAllBytes(sharedAchFile("ppd-credit.ach")));
            bank.simulatedBank().orElseThrow().processUntil(Platform.clock().instant());
            BankJobs jobs = new BankJobs(bank.transfer(), store);

            int firstRun = Integer.parseInt(run(jobs, database));
            List<RecordedEvent> announced = store.readLog(0, 100).stream()
                    .filter(event -> event.envelope().type().equals(BankJobs.FILE_RECEIVED)).toList();
            assertThat(firstRun).isPositive();
            assertThat(announced).hasSize(firstRun);
            assertThat(announced).extracting(event -> event.envelope().data().get("kind").asText()).contains("acknowledgment");

            assertThat(run(jobs, database)).isEqualTo("0");
            assertThat(bank.transfer().unprocessed(10)).isEmpty();
            assertThat(store.readLog(0, 100).stream().filter(event -> event.envelope().type().equals(BankJobs.FILE_RECEIVED)))
                    .hasSize(firstRun);
        }
    }

    private static String run(BankJobs jobs, TestDatabase database) throws Exception {
        try (Connection connection = database.dataSource().getConnection()) {
            connection.setAutoCommit(false);
            FunctionContext context = new FunctionContext("bank.receive-files", connection,
                    new Trace("4bf92f3577b34da6a3ce929d0e0e4736", "correlation", "tick", null), new byte[0], "tick-1", 1,
                    Platform.clock().instant().plusSeconds(60));
            String announced = new String(jobs.receive(context), StandardCharsets.UTF_8);
            connection.commit();
            return announced;
        }
    }

    /** As the ACH module's tests find it: PAYRAIL_SHARED_DATA when set, else shared/data above the working directory. */
    private static Path sharedAchFile(String name) {
        String named = System.getenv("PAYRAIL_SHARED_DATA");
        if (named != null && Files.isRegularFile(Path.of(named, "ach", name))) {
            return Path.of(named, "ach", name);
        }
        for (Path directory = Path.of("").toAbsolutePath(); directory != null; directory = directory.getParent()) {
            for (Path candidate : List.of(directory.resolve("shared/data/ach").resolve(name),
                    directory.resolve("../shared/data/ach").resolve(name))) {
                if (Files.isRegularFile(candidate)) {
                    return candidate;
                }
            }
        }
        throw new IllegalStateException("shared/data/ach/" + name + " not found above " + Path.of("").toAbsolutePath());
    }
}
