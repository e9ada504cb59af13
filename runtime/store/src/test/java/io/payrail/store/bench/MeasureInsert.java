package io.payrail.store.bench;

import io.payrail.platform.Database;
import io.payrail.platform.EmbeddedPostgresServer;
import io.payrail.platform.Migrations;
import io.payrail.store.ExpectedRevision;
import io.payrail.store.SchemaRegistry;
import io.payrail.store.internal.AppendValidator;
import io.payrail.store.internal.LogWriter;
import io.payrail.store.internal.PreparedAppend;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Compares the cost of one commit of N bench events with the data column as jsonb and as json. */
public final class MeasureInsert {
    private MeasureInsert() {}

    public static void main(String[] arguments) throws Exception {
        int events = Integer.parseInt(arguments[0]);
        int rounds = Integer.parseInt(arguments[1]);
        AppendValidator validator = new AppendValidator(SchemaRegistry.lenient(), 256 * 1024);
        SplittableRandom random = new SplittableRandom(1);
        List<PreparedAppend> appends = new ArrayList<>();
        for (int index = 0; index < events; index++) {
            appends.add(((AppendValidator.Ready) validator.check("s-" + random.nextInt(10_000), ExpectedRevision.any(),
                    List.of(BenchEvents.event(random, Instant.EPOCH)))).append());
        }
        LogWriter writer = new LogWriter("payrail_log");
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(Files.createTempDirectory("measure-insert"), 0);
                Database database = Database.onServer(server, "postgres", 4)) {
            Migrations.apply(database.dataSource(), List.of("platform", "store"));
            for (int pass = 0; pass < 4; pass++) {
                String type = pass % 2 == 0 ? "jsonb" : "json";
                try (Connection connection = database.dataSource().getConnection(); Statement statement = connection.createStatement()) {
                    statement.execute("ALTER TABLE store_event ALTER COLUMN data TYPE " + type + " USING data::text::" + type);
                }
                long start = System.nanoTime();
                for (int round = 0; round < rounds; round++) {
                    try (Connection connection = database.dataSource().getConnection()) {
                        connection.setAutoCommit(false);
                        writer.write(connection, appends, Instant.EPOCH);
                        connection.commit();
                    }
                }
                System.err.printf("%s: %.1f ms per commit of %d events%n", type, (System.nanoTime() - start) / 1e6 / rounds, events);
            }
        }
    }
}
