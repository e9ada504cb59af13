package io.payrail.platform;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * The record of the last successful migration check ({@code platform_migration_check}). Flyway's own
 * check loads Flyway, scans every module's files and reads every history table, about half a second
 * of CPU at each start; when neither the files nor any history table changed since a check passed,
 * repeating it cannot find anything new, so one query comparing digests replaces it.
 */
final class MigrationChecks {
    private static final String UNDEFINED_TABLE = "42P01";

    private MigrationChecks() {}

    /** True when every module was checked before with these very files and its history is unchanged. */
    static boolean unchangedSinceLastCheck(DataSource dataSource, Map<String, String> fileDigests) {
        String sql = "SELECT h.module, c.files_digest, c.history_digest = h.digest AS history_unchanged FROM ("
                + historyDigests(fileDigests.keySet().stream().toList())
                + ") h LEFT JOIN platform_migration_check c ON c.module = h.module";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql);
                ResultSet rows = statement.executeQuery()) {
            int unchanged = 0;
            while (rows.next()) {
                boolean sameFiles = fileDigests.get(rows.getString(1)).equals(rows.getString(2));
                if (sameFiles && rows.getBoolean(3)) {
                    unchanged++;
                }
            }
            return unchanged == fileDigests.size();
        } catch (SQLException failure) {
            if (UNDEFINED_TABLE.equals(failure.getSQLState())) {
                return false; // a module or the check table was never migrated: Flyway decides
            }
            throw new DatabaseException("could not read the last migration check: " + failure.getMessage(), failure);
        }
    }

    /**
     * Records that the modules' migrations are applied and valid for these files. The history digests
     * are read by the same statement; a migration another node applies at the same instant can only be
     * one these files do not have, which Flyway's check ignores as a future migration as well.
     */
    static void record(DataSource dataSource, Map<String, String> fileDigests) {
        List<String> modules = fileDigests.keySet().stream().toList();
        String sql = "INSERT INTO platform_migration_check (module, files_digest, history_digest) "
                + "SELECT h.module, f.digest, h.digest FROM (" + historyDigests(modules) + ") h "
                + "JOIN unnest(?::text[], ?::text[]) AS f(module, digest) ON f.module = h.module "
                + "ON CONFLICT (module) DO UPDATE SET files_digest = excluded.files_digest, history_digest = excluded.history_digest";
        try (Connection connection = dataSource.getConnection()) {
            if (!checkTableExists(connection)) {
                return; // the platform module is not migrated in this database: nothing to record into
            }
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setArray(1, connection.createArrayOf("text", modules.toArray(String[]::new)));
                statement.setArray(2, connection.createArrayOf("text", modules.stream().map(fileDigests::get).toArray(String[]::new)));
                statement.executeUpdate();
            }
        } catch (SQLException failure) {
            throw new DatabaseException("could not record the migration check: " + failure.getMessage(), failure);
        }
    }

    private static boolean checkTableExists(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT to_regclass('platform_migration_check') IS NOT NULL");
                ResultSet row = statement.executeQuery()) {
            row.next();
            return row.getBoolean(1);
        }
    }

    /** One row per module: its name and a digest of its Flyway history table, in installation order. */
    private static String historyDigests(List<String> modules) {
        return modules.stream().map(module -> {
            Check.argument(module.matches("[a-z]+"), "module name must be lowercase letters: %s", module);
            return "SELECT '" + module + "'::text AS module, (SELECT md5(coalesce(string_agg(coalesce(version, '') || ':'"
                    + " || coalesce(checksum::text, '') || ':' || success::text || ':' || script, ',' ORDER BY installed_rank), ''))"
                    + " FROM " + Migrations.historyTable(module) + ") AS digest";
        }).collect(Collectors.joining(" UNION ALL "));
    }
}
